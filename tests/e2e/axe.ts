import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

// KLANKBORD_SCREENSHOTS=<dir> saves a full-page picture of every scanned state, to look at.
const screenshots = process.env.KLANKBORD_SCREENSHOTS;
let shot = 0;

// WCAG 2.1 A and AA, the level the product promises.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Scans the page as it is now and fails with a readable list of what axe found. */
export async function expectAxeClean(page: Page, state: string) {
	const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
	const found = violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(found, `axe on ${state} (${page.url()})`).toEqual([]);
	if (screenshots) {
		const name = `${String(++shot).padStart(2, '0')}-${state.replace(/[^a-z0-9]+/gi, '-')}.png`;
		await page.screenshot({ path: join(screenshots, name), fullPage: true });
	}
}
