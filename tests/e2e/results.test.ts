// Results of a published round (issue 12): the coordinator publishes the seeded round OUDR26
// (40 interviews, supabase/seed.sql), reads a chart's table twin, downloads the CSV and checks its
// numbers against what the database holds, print-previews the report, shares a public link that
// needs no account, in Dutch and English, and stops it again. axe on every state.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdir, readFile } from 'node:fs/promises';
import { expectAxeClean } from './axe';
import { readSetupLink } from './setup-link';

const TITLE = 'Ouders aan het woord 2026';
const SCALE = 'Hoe vond u de tijd tot u echt hulp kreeg?';
const EMAIL = 'esther@cjg-noordveluwe.example';
const PASSWORD = 'een lange zin als wachtwoord';

// What the seed wrote (supabase/seed.sql, interviews n = 1..40): the scale answer is
// 1 + (7n mod 5), so every value 8 times; municipality by n: Ermelo 1–12, Harderwijk 13–26,
// Nunspeet 27–32, Oldebroek 33–35, Putten 36–40.
const seed = Array.from({ length: 40 }, (_, i) => {
	const n = i + 1;
	const municipality =
		n <= 12
			? 'Ermelo'
			: n <= 26
				? 'Harderwijk'
				: n <= 32
					? 'Nunspeet'
					: n <= 35
						? 'Oldebroek'
						: 'Putten';
	return { municipality, scale: String(1 + ((n * 7) % 5)) };
});
const countOf = (where: (i: (typeof seed)[number]) => boolean) => seed.filter(where).length;

/** The first coordinator of the demo organisation: set up here, or by the journey before. */
async function signIn(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ locale: 'nl-NL', acceptDownloads: true });
	const page = await context.newPage();
	await page.goto(await readSetupLink());
	// After the journey test the link says an account exists (same heading, no form): log in.
	if ((await page.getByLabel('Naam van de organisatie').count()) > 0) {
		await page.getByLabel('Naam van de organisatie').fill('CJG Noord-Veluwe');
		await page.getByLabel('Uw naam').fill('Coördinator Esther');
		await page.getByLabel('E-mailadres').fill(EMAIL);
		await page.getByLabel('Wachtwoord', { exact: true }).fill(PASSWORD);
		await page.getByLabel('Herhaal het wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Account aanmaken' }).click();
	} else {
		await page.goto('/inloggen');
		await page.getByLabel('E-mailadres').fill(EMAIL);
		await page.getByLabel('Wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
	}
	await expect(page.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();
	return page;
}

/** A table as text, row by row: what a screen reader reads out. */
async function readTable(page: Page, section: string, table: string) {
	const rows = page
		.getByRole('region', { name: section })
		.getByRole('table', { name: table, exact: true })
		.getByRole('row');
	return (await rows.allInnerTexts()).map((r) => r.split('\t').map((c) => c.trim()));
}

test('a councillor-ready report: publish, read, download, print, share and stop sharing', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const staff = await signIn(browser);
	let resultsUrl = '';

	await test.step('the coordinator publishes the closed round and opens its results', async () => {
		await staff.getByRole('link', { name: TITLE }).click();
		// k is chosen before publication: out of range is refused, 5 is kept.
		await expect(staff.getByLabel('Kleinste aantal dat we laten zien')).toHaveValue('5');
		await staff.getByRole('button', { name: 'Bewaar' }).click();
		await expect(staff.getByText('Bewaard: aantallen onder 5 worden verborgen.')).toBeVisible();
		await expectAxeClean(staff, 'round (k saved)');
		await staff.getByText('Uitkomsten publiceren', { exact: true }).click();
		await staff.getByRole('button', { name: 'Ja, publiceren' }).click();
		await expect(staff.getByText('De uitkomsten zijn gepubliceerd.')).toBeVisible();
		await staff.getByRole('link', { name: 'Bekijk de resultaten' }).click();
		await expect(
			staff.getByRole('heading', { level: 1, name: `Resultaten: ${TITLE}` })
		).toBeVisible();
		await expect(staff.getByText('Gesprekken: 40')).toBeVisible();
		resultsUrl = staff.url();
		await expectAxeClean(staff, 'results (coordinator)');
		// Once published, k is fixed: the form is gone from the round page.
		await staff.goBack();
		await expect(staff.getByLabel('Kleinste aantal dat we laten zien')).toHaveCount(0);
		await staff.goto('/beheer/resultaten');
		await expect(staff.getByText('Er zijn nog geen vragen die in twee of meer')).toBeVisible();
		await expectAxeClean(staff, 'results over the years (none yet)');
		await staff.goto(resultsUrl);
	});

	await test.step("a chart's table twin says the numbers, with small groups hidden", async () => {
		const overall = await readTable(staff, SCALE, 'Alle gesprekken');
		expect(overall).toEqual([
			['Antwoord', 'Aantal gesprekken'],
			...['1', '2', '3', '4', '5'].map((v) => [v, String(countOf((i) => i.scale === v))]),
			['Geen antwoord', '0']
		]);
		const byMunicipality = await readTable(staff, SCALE, 'Per gemeente');
		const oldebroek = byMunicipality.find((r) => r[0] === 'Oldebroek')!;
		expect(oldebroek.slice(1).every((c) => c === 'verborgen')).toBe(true);
		// The sentence under the chart, in plain words.
		await expect(
			staff
				.getByRole('region', { name: SCALE })
				.getByText('De meeste mensen gaven als antwoord', { exact: false })
		).toBeVisible();
		// The canvas is drawn (chart.js runs under the CSP) and hidden from screen readers.
		const canvas = staff.getByRole('region', { name: SCALE }).locator('canvas').first();
		await expect(canvas).toHaveAttribute('aria-hidden', 'true');
		await expect
			.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL().length))
			.toBeGreaterThan(2000);
	});

	await test.step('the CSV has an explaining header and the same numbers as the database', async () => {
		const download = staff.waitForEvent('download');
		await staff.getByRole('link', { name: 'Download als CSV (voor Excel)' }).click();
		const file = await (await download).path();
		const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
		const lines = text
			.trim()
			.split('\r\n')
			.map((l) => l.split(';').map((c) => c.replace(/^"|"$/g, '').replace(/""/g, '"')));
		expect(lines[0]).toEqual([
			'Vraag (en bij meerkeuze de keuze)',
			'Thema van de vraag',
			'Uitsplitsing: alle gesprekken, gemeente, groep of leeftijd',
			'Welke gemeente, groep of leeftijd',
			'Antwoord',
			'Aantal gesprekken (leeg = verborgen: minder dan 5, of afgeschermd)'
		]);
		const scaleRows = lines.filter((l) => l[0] === SCALE);
		for (const v of ['1', '2', '3', '4', '5'])
			expect(scaleRows.find((l) => l[2] === 'Alle gesprekken' && l[4] === v)?.[5]).toBe(
				String(countOf((i) => i.scale === v))
			);
		for (const l of scaleRows.filter((r) => r[2] === 'gemeente')) {
			const truth = countOf((i) => i.municipality === l[3] && i.scale === l[4]);
			// Shown counts are the true ones; no count from 1 to 4 is shown; small ones are empty.
			if (l[5] !== '') expect({ l, n: Number(l[5]) }).toEqual({ l, n: truth });
			if (truth > 0 && truth < 5) expect(l[5]).toBe('');
		}
		expect(scaleRows.filter((r) => r[3] === 'Oldebroek').every((r) => r[5] === '')).toBe(true);
	});

	await test.step('print preview: a clean A4 report with charts, tables and findings', async () => {
		await staff.emulateMedia({ media: 'print' });
		await expect(staff.getByRole('banner')).toBeHidden();
		await expect(staff.getByRole('heading', { name: 'Downloaden en printen' })).toBeHidden();
		await expect(staff.getByRole('heading', { name: 'Alle bevindingen' })).toBeVisible();
		await mkdir('test-results', { recursive: true });
		await staff.screenshot({ path: 'test-results/results-print.png', fullPage: true });
		const pdf = await staff.pdf({ format: 'A4', preferCSSPageSize: true });
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		expect(pages).toBeGreaterThan(1);
		await staff.emulateMedia({ media: 'screen' });
	});

	let link = '';
	await test.step('the coordinator makes a public link, shown once', async () => {
		await staff.getByRole('button', { name: 'Maak een link' }).click();
		const field = staff.getByLabel('Nieuwe link');
		await expect(field).toBeVisible();
		link = await field.inputValue();
		expect(link).toMatch(/\/resultaten\/[A-Za-z0-9_-]{43}$/);
		await expectAxeClean(staff, 'results (link made)');
	});

	await test.step('anyone with the link reads the results, without an account, in both languages', async () => {
		const context = await browser.newContext({ locale: 'nl-NL' });
		const visitor = await context.newPage();
		await visitor.goto(link);
		await expect(
			visitor.getByRole('heading', { level: 1, name: `Resultaten: ${TITLE}` })
		).toBeVisible();
		expect(await readTable(visitor, SCALE, 'Alle gesprekken')).toEqual(
			await readTable(staff, SCALE, 'Alle gesprekken')
		);
		await expect(visitor.getByRole('heading', { name: 'Delen met een link' })).toHaveCount(0);
		await expectAxeClean(visitor, 'results (public link)');
		await visitor.getByRole('button', { name: 'English' }).click();
		await expect(
			visitor.getByRole('heading', { level: 1, name: `Results: ${TITLE}` })
		).toBeVisible();
		await expect(
			visitor.getByRole('region', { name: SCALE }).getByRole('table', { name: 'By municipality' })
		).toContainText('hidden');
		await expectAxeClean(visitor, 'results (public link, English)');

		await staff.goto(resultsUrl);
		await staff.getByRole('button', { name: 'Stop de link' }).click();
		await expect(staff.getByText('De link werkt niet meer.')).toBeVisible();
		const gone = await visitor.goto(link);
		expect(gone?.status()).toBe(404);
		await context.close();
	});
});
