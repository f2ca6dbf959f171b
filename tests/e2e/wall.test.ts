// The wall (/avond/<code>/scherm) at the three projector sizes of a hall: the longest finding and
// quote the forms allow (600 and 400 characters, a 60-character theme, a 120-character round
// title) fit the screen, never below the floor readable from the back, with the join code, the
// fingerprint and the check address on screen. The board comes from the seeded evening JONG27;
// the live stream is answered by the test with a board carrying the longest slide, exactly as
// the server would send it (event: board, id = seq), so every size sees the same worst case.
import { expect, test, type Page, type Route } from '@playwright/test';
import { expectAxeClean } from './axe';

const SIZES = [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 },
	{ width: 1024, height: 768 }
];

/** Dutch text of exactly `length` characters, with long compound words as findings have them. */
function text(length: number, seed: string): string {
	const words =
		`${seed} jeugdhulpverleningsorganisatie wachtlijstproblematiek ouders wachtten maanden op een eerste gesprek en voelden zich niet gehoord door de gemeente`.split(
			' '
		);
	let out = '';
	for (let i = 0; out.length < length; i++) out += (out ? ' ' : '') + words[i % words.length];
	return out.slice(0, length - 1).trimEnd() + '.';
}

const LONGEST = {
	round: { title: text(120, 'Titel'), target_group: 'jongeren' },
	state: 'live',
	opened_at: new Date().toISOString(),
	opened_by_name: 'Daan',
	position: 41,
	slide_count: 42,
	seq: 1_000_000,
	slide: {
		kind: 'finding',
		theme: text(60, 'Thema'),
		statement: text(600, 'Bevinding'),
		quote: text(400, 'Citaat')
	},
	counts: { interviews: 120, findings: 41 },
	fingerprint: '3F9A-0C1B-77D2-E4A8',
	reactions: { herkenbaar: 1234, verrast: 567, meer_weten: 89 }
};

const sse = (board: unknown) => (route: Route) =>
	route.fulfill({
		status: 200,
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
		body: `retry: 2000\n\nid: ${(board as { seq: number }).seq}\nevent: board\ndata: ${JSON.stringify(board)}\n\n`
	});

/** Every box inside the viewport; the slide inside the stage, which does not overflow. */
async function expectInside(page: Page, width: number, height: number) {
	const parts = [
		page.getByRole('heading', { level: 1 }),
		page.getByTestId('stage'),
		page.getByTestId('join').getByText('JONG27', { exact: true }),
		page.getByTestId('join').getByText(/\/avond\/JONG27$/),
		page.getByTestId('foot')
	];
	for (const part of parts) {
		const box = (await part.boundingBox())!;
		expect(box, `${await part.evaluate((e) => e.outerHTML.slice(0, 60))}`).not.toBeNull();
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(width + 0.5);
		expect(box.y + box.height).toBeLessThanOrEqual(height + 0.5);
	}
	// The stage and the join column clip what does not fit: nothing may need clipping.
	for (const region of ['stage', 'join', 'foot']) {
		const overflow = await page
			.getByTestId(region)
			.evaluate((box) => [box.scrollHeight - box.clientHeight, box.scrollWidth - box.clientWidth]);
		expect(overflow[0], `${region} overflows downwards`).toBeLessThanOrEqual(1);
		expect(overflow[1], `${region} overflows sideways`).toBeLessThanOrEqual(1);
	}
	// Nothing of the page scrolls or sticks out either.
	const page_ = await page.evaluate(() => [
		document.documentElement.scrollWidth,
		document.documentElement.scrollHeight
	]);
	expect(page_[0]).toBeLessThanOrEqual(width);
	expect(page_[1]).toBeLessThanOrEqual(height);
}

for (const { width, height } of SIZES) {
	test(`the longest slide fits a ${width}×${height} wall, readable from the back`, async ({
		browser
	}) => {
		const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height } });
		const page = await context.newPage();
		await page.route('**/avond/JONG27/live*', sse(LONGEST));
		await page.goto('/avond/JONG27/scherm');
		const statement = page.getByText(LONGEST.slide.statement);
		await expect(statement).toBeVisible();
		await expect(page.getByText(LONGEST.slide.quote)).toBeVisible();
		await expect(page.getByText('3F9A-0C1B-77D2-E4A8')).toBeVisible();
		await expect(page.getByText(/\/verifieer\/JONG27$/)).toBeVisible();
		await expect(page.getByText('1234')).toBeVisible();
		await expectInside(page, width, height);

		// The floor: a finding at 2.6 % of the screen height, its quote at 2.4 %.
		const quoteSize = await page
			.getByText(LONGEST.slide.quote)
			.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
		expect(quoteSize).toBeGreaterThanOrEqual(height * 0.024 - 0.5);
		const statementSize = await statement.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
		expect(statementSize).toBeGreaterThanOrEqual(height * 0.026 - 0.5);

		await expectAxeClean(page, `wall ${width}x${height} longest slide`);
		await page.screenshot({ path: test.info().outputPath(`wall-${width}x${height}.png`) });
		await context.close();
	});
}

test('short slides are big, and every state of the wall fits 1024×768', async ({ browser }) => {
	const width = 1024;
	const height = 768;
	const context = await browser.newContext({ locale: 'nl-NL', viewport: { width, height } });
	const page = await context.newPage();
	let board: unknown = {
		...LONGEST,
		slide: { kind: 'finding', theme: 'Wachten', statement: 'Wachten duurt te lang.', quote: null }
	};
	await page.route('**/avond/JONG27/live*', (route) => sse(board)(route));
	await page.goto('/avond/JONG27/scherm');
	const short = page.getByText('Wachten duurt te lang.');
	await expect(short).toBeVisible();
	await expectInside(page, width, height);
	// A short finding uses the room: well above the floor.
	const size = await short.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
	expect(size).toBeGreaterThan(height * 0.05);

	// Typed quote marks are not doubled: the wall adds its own.
	board = {
		...LONGEST,
		seq: 1_000_001,
		slide: { kind: 'finding', theme: null, statement: 'Een bevinding.', quote: '„Te laat.”' }
	};
	await page.reload();
	await expect(page.getByText('Te laat.', { exact: true })).toBeVisible();
	await expectInside(page, width, height);

	// Closed: thanks, the fingerprint and the address to check it.
	board = { ...LONGEST, seq: 1_000_002, state: 'closed', slide: null, reactions: null };
	await page.reload();
	await expect(page.getByText('Dank je wel dat je er was.')).toBeVisible();
	await expect(page.getByTestId('stage').getByText('3F9A-0C1B-77D2-E4A8')).toBeVisible();
	await expectInside(page, width, height);
	await expectAxeClean(page, 'wall closed');

	// B blacks the wall out and back; nothing else changes.
	await page.keyboard.press('b');
	await expect(page.getByTestId('blackout')).toBeVisible();
	await page.keyboard.press('b');
	await expect(page.getByTestId('blackout')).toHaveCount(0);
	await context.close();
});

test('before opening the wall says how many screens follow; F asks for full screen', async ({
	browser
}) => {
	const context = await browser.newContext({
		locale: 'nl-NL',
		viewport: { width: 1280, height: 720 }
	});
	const page = await context.newPage();
	await page.route('**/avond/JONG27/live*', (route) =>
		route.fulfill({
			status: 200,
			headers: { 'content-type': 'text/event-stream' },
			body:
				`id: 1000000\nevent: board\ndata: ${JSON.stringify({ ...LONGEST, state: 'waiting', position: null, slide: null, fingerprint: null, reactions: null })}\n\n` +
				'event: viewers\ndata: {"count":37}\n\n'
		})
	);
	await page.goto('/avond/JONG27/scherm');
	await expect(page.getByText('37 schermen kijken mee')).toBeVisible();
	await expect(page.getByText(/Controleer zelf op .*\/verifieer\/JONG27/)).toBeVisible();
	await expectInside(page, 1280, 720);
	await expectAxeClean(page, 'wall waiting');

	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
	await context.close();
});

// The presenters' own slides (tests/e2e/story.test.ts builds them): the longest quote slide, the
// longest title in their own words, and a chart slide with the longest question and five options,
// with its numbers as text, fit every wall size.
test('quote, own-title and chart slides fit every wall size', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'nl-NL' });
	const page = await context.newPage();
	const options = [1, 2, 3, 4, 5].map((n) => text(40, `Keuze${n}`));
	const slides = [
		{ kind: 'quote', theme: text(60, 'Thema'), statement: null, quote: text(400, 'Citaat') },
		{ kind: 'title', theme: null, statement: null, quote: null, title: text(120, 'Eigen') },
		{
			kind: 'chart',
			theme: 'Inspraak',
			statement: null,
			quote: null,
			chart: {
				kind: 'single',
				prompt: text(300, 'Vraag'),
				values: options,
				counts: [1234, 567, null, 89, 0],
				interviews: 1890
			}
		}
	];
	let board: unknown = null;
	await page.route('**/avond/JONG27/live*', (route) => sse(board)(route));
	let seq = 2_000_000;
	for (const slide of slides) {
		for (const { width, height } of SIZES) {
			board = { ...LONGEST, seq: seq++, slide };
			await page.setViewportSize({ width, height });
			await page.goto('/avond/JONG27/scherm');
			const article = page.getByRole('article');
			if (slide.kind === 'chart') {
				await expect(article.getByText('1234', { exact: true }).first()).toBeVisible();
				await expect(article.getByText('verborgen').first()).toBeVisible();
			} else {
				await expect(article).toContainText((slide.quote ?? slide.title)!.slice(0, 40));
			}
			await expectInside(page, width, height);
		}
		await expectAxeClean(page, `wall ${slide.kind} slide`);
	}
	await context.close();
});
