import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';

// KLANKBORD_SCREENSHOTS=<dir> saves a full-page picture of every scanned state, to look at.
const screenshots = process.env.KLANKBORD_SCREENSHOTS;
let shot = 0;

// WCAG 2.1 A and AA, the level the product promises.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Paraglide's language cookie (src/routes/taal/+server.ts sets it; i18n.config.js: cookie first).
const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';

type AxeOptions = {
	/**
	 * Also scan the same address in English (the default). Skip only with a reason, for a state
	 * whose address cannot be loaded again (the server stopped, the address gone).
	 */
	english?: true | { skip: string };
};

async function scan(page: Page, state: string) {
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

/**
 * The English twin of the page's state: the same address, loaded by the same person (cookies
 * copied into a fresh context, so the page under test keeps its language) with English chosen.
 * A state a GET cannot rebuild (an error shown after a form post) is scanned as the page loads.
 */
async function scanEnglish(page: Page, state: string) {
	const context = page.context();
	const browser = context.browser();
	if (!browser) throw new Error('axe: no browser to open the English twin in');
	const url = new URL(page.url());
	// A form action's address (?/name) is for POST only; the page itself is the twin.
	for (const key of [...url.searchParams.keys()]) {
		if (key.startsWith('/')) url.searchParams.delete(key);
	}
	const storage = await context.storageState();
	const twin = await browser.newContext({
		storageState: {
			origins: [],
			cookies: [
				...storage.cookies.filter((c) => c.name !== LOCALE_COOKIE),
				{
					name: LOCALE_COOKIE,
					value: 'en',
					domain: url.hostname,
					path: '/',
					expires: -1,
					httpOnly: false,
					secure: false,
					sameSite: 'Lax'
				}
			]
		},
		viewport: page.viewportSize()
	});
	try {
		const english = await twin.newPage();
		await english.goto(url.toString());
		await expect(english.locator('html')).toHaveAttribute('lang', 'en');
		await scan(english, `${state} (English)`);
	} finally {
		await twin.close();
	}
}

/**
 * Scans the page as it is now, and the same address in English, and fails with a readable list
 * of what axe found.
 */
export async function expectAxeClean(page: Page, state: string, options: AxeOptions = {}) {
	await scan(page, state);
	const english = options.english ?? true;
	const inEnglish = (await page.locator('html').getAttribute('lang')) === 'en';
	if (english === true && !inEnglish) await scanEnglish(page, state);
}
