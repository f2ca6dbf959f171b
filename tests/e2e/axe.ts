import AxeBuilder from '@axe-core/playwright';
import { expect, type BrowserContext, type Page } from '@playwright/test';
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
 * One English twin per person (browser context), kept for the test: a new context and page per
 * scan cost more than the scan itself (≈2 s each, 50 states in the journey).
 */
const twins = new WeakMap<BrowserContext, Promise<Page>>();

function twinOf(context: BrowserContext): Promise<Page> {
	let twin = twins.get(context);
	if (!twin) {
		const browser = context.browser();
		if (!browser) throw new Error('axe: no browser to open the English twin in');
		const made = browser.newContext();
		twin = made.then((english) => english.newPage());
		const closeTwin = () => made.then((english) => english.close()).catch(() => {});
		// Closed before its person, not after: a context still closing when the next test starts
		// breaks that test's tracing ("Target page, context or browser has been closed").
		const close = context.close.bind(context);
		context.close = async (...args) => {
			await closeTwin();
			return close(...args);
		};
		context.once('close', () => void closeTwin());
		twins.set(context, twin);
	}
	return twin;
}

/**
 * The English twin of the page's state: the same address, loaded by the same person (the
 * cookies of this moment copied into the twin's own context, so the page under test keeps its
 * language) with English chosen. A state a GET cannot rebuild (an error shown after a form post)
 * is scanned as the page loads.
 */
async function scanEnglish(page: Page, state: string) {
	const url = new URL(page.url());
	// A form action's address (?/name) is for POST only; the page itself is the twin.
	for (const key of [...url.searchParams.keys()]) {
		if (key.startsWith('/')) url.searchParams.delete(key);
	}
	const cookies = await page.context().cookies();
	const english = await twinOf(page.context());
	const twin = english.context();
	await twin.clearCookies();
	await twin.addCookies([
		...cookies.filter((c) => c.name !== LOCALE_COOKIE),
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
	]);
	const viewport = page.viewportSize();
	if (viewport) await english.setViewportSize(viewport);
	await english.goto(url.toString());
	await expect(english.locator('html')).toHaveAttribute('lang', 'en');
	try {
		await scan(english, `${state} (English)`);
	} finally {
		// Off the page again: a twin left on a live page would count as a screen watching.
		await english.goto('about:blank');
	}
}

/**
 * Scans the page as it is now, and the same address in English, and fails with a readable list
 * of what axe found.
 */
export async function expectAxeClean(page: Page, state: string, options: AxeOptions = {}) {
	const english = options.english ?? true;
	const inEnglish = (await page.locator('html').getAttribute('lang')) === 'en';
	// Side by side: nothing moves on until both are done, so both see the same server state.
	await Promise.all([
		scan(page, state),
		english === true && !inEnglish ? scanEnglish(page, state) : undefined
	]);
}
