// Results of a published round (issue 12): the coordinator opens them, reads a chart's data-table
// twin, downloads the CSV and checks its numbers against the JSON export (the document the
// database returned, suppression included), a municipal user reads the same and cannot share,
// a public link works without an account, and the report print-previews. axe clean, Dutch and
// English.
//
// Independent of the other files (coordinator.ts): run alone it publishes the demo's 2026 round.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { expectAxeClean } from './axe';
import { publishDemoRound, signInCoordinator } from './coordinator';

type Results = {
	min_cell: number;
	items: Array<{ prompt: string; overall: Array<number | null> }>;
};

/** The CSV's count column (the last) for the item's overall lines, as numbers or null (hidden). */
function overallCounts(csv: string, lines: number): Array<number | null> {
	const rows = csv
		.replace(/^\uFEFF/, '')
		.split('\r\n')
		.slice(1, 1 + lines);
	return rows.map((row) => {
		const last = row.split(';').at(-1) ?? '';
		return last === '' ? null : Number(last);
	});
}

test('a published round’s results: table twin, CSV against the export, public link, print', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const staff = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
	let resultsPath = '';

	await test.step('the coordinator opens the results of a published round', async () => {
		await signInCoordinator(staff);
		await publishDemoRound(staff);
		await staff.goto('/beheer');
		const published = staff.locator('li.round').filter({ hasText: 'Gepubliceerd' }).first();
		await published.getByRole('link').first().click();
		await expect(staff).toHaveURL(/\/beheer\/rondes\/[0-9a-f-]{36}$/);
		resultsPath = `${new URL(staff.url()).pathname}/resultaten`;
		await staff.goto(resultsPath);
		await expect(staff.getByRole('heading', { level: 1 })).toContainText('Resultaten');
		await expectAxeClean(staff, 'results (coordinator)');
	});

	let json: Results;
	await test.step('a chart’s table twin, and the CSV checked against the JSON export', async () => {
		const twin = staff.locator('figure.chart-with-table table').first();
		await expect(twin).toBeAttached();
		// Every count cell is a number or 'verborgen' (a protected cell); and the twin says the same
		// as the export: its counts are the first item's overall counts.
		const cells = (await twin.locator('tbody td').allInnerTexts()).map((c) => c.trim());
		expect(cells.length).toBeGreaterThan(0);
		for (const cell of cells) expect(cell).toMatch(/^(\d+|verborgen)$/);

		json = (await (await staff.request.get(`${resultsPath}/json`)).json()) as Results;
		expect(json.items.length).toBeGreaterThan(0);
		const download = staff.waitForEvent('download');
		await staff.getByRole('link', { name: 'Download als CSV (voor Excel)' }).click();
		const csv = await readFile((await (await download).path())!, 'utf8');
		const first = json.items[0];
		expect(overallCounts(csv, first.overall.length)).toEqual(first.overall);
		expect(cells).toEqual(first.overall.map((n) => (n === null ? 'verborgen' : String(n))));
		// The protection is in the numbers too: nothing shown lies between 0 and k (an empty cell,
		// 0, points at nobody and is shown; RESULTS.md).
		for (const item of json.items)
			for (const n of item.overall)
				if (n !== null)
					expect(n === 0 || n >= json.min_cell, `${n} shown, k = ${json.min_cell}`).toBe(true);
	});

	await test.step('a councillor of a municipality reads the same results, and cannot share', async () => {
		await staff.goto('/beheer/mensen');
		await staff.getByRole('radio', { name: /^Gemeente/ }).check();
		// A municipality of the organisation (run after journey.test.ts that is its own new one).
		await staff.locator('input[name="municipality_ids"]').first().check();
		await staff.getByRole('button', { name: 'Uitnodiging maken' }).click();
		const invitation = new URL(await staff.getByLabel('Link om mee in te loggen').inputValue())
			.pathname;

		const council = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
		await council.goto(invitation);
		await council.getByLabel('Uw naam').fill('Raadslid De Vries');
		await council.getByLabel('E-mailadres').fill(`devries-${Date.now()}@gemeente.example`);
		await council.getByLabel('Wachtwoord', { exact: true }).fill('een zin van een raadslid');
		await council.getByLabel('Herhaal het wachtwoord').fill('een zin van een raadslid');
		await council.getByRole('button', { name: 'Account maken' }).click();
		await expect(council.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();
		// Only what a councillor can use: reading, not making rounds or inviting people.
		await expect(council.getByRole('link', { name: 'Nieuwe ronde' })).toHaveCount(0);
		await expect(council.getByRole('link', { name: 'Mensen' })).toHaveCount(0);
		await expectAxeClean(council, 'rounds (municipal user)');
		await council.goto('/beheer/mensen');
		await expect(council.getByText(/^Dit kan alleen een coördinator/)).toBeVisible();

		await council.goto(resultsPath);
		await expect(council.getByRole('heading', { level: 1 })).toContainText('Resultaten');
		const twin = council.locator('figure.chart-with-table table').first();
		const cells = (await twin.locator('tbody td').allInnerTexts()).map((c) => c.trim());
		expect(cells).toEqual(json.items[0].overall.map((n) => (n === null ? 'verborgen' : String(n))));
		const theirs = (await (await council.request.get(`${resultsPath}/json`)).json()) as Results;
		expect(theirs.items.map((i) => i.overall)).toEqual(json.items.map((i) => i.overall));
		await expect(council.getByRole('button', { name: /Maak een (nieuwe )?link/ })).toHaveCount(0);
		await expectAxeClean(council, 'results (municipal user)');

		// A councillor may not make a public link, not even by posting the form by hand.
		const post = await council.request.post(`${resultsPath}?/share`, {
			form: {},
			headers: { origin: new URL(council.url()).origin }
		});
		expect(JSON.stringify(await post.json())).not.toContain('/resultaten/');
		await council.context().close();
	});

	await test.step('a public link: the same results without an account', async () => {
		await staff.goto(resultsPath);
		await staff.getByRole('button', { name: /Maak een (nieuwe )?link/ }).click();
		const link = await staff.getByLabel('Nieuwe link').inputValue();
		expect(link).toMatch(/\/resultaten\/[^/]+$/);
		const visitor = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
		await visitor.goto(link);
		await expect(visitor.getByRole('heading', { level: 1 })).toContainText('Resultaten');
		const open = (await (await visitor.request.get(`${link}/json`)).json()) as Results;
		expect(open.items.map((i) => i.overall)).toEqual(json.items.map((i) => i.overall));
		await expectAxeClean(visitor, 'results (public link)');
	});

	await test.step('print preview of the report', async () => {
		// An A4 page's printable width (210 mm less the 14 mm margins, at 96 dpi).
		await staff.setViewportSize({ width: 688, height: 1000 });
		await staff.emulateMedia({ media: 'print' });
		await staff.screenshot({ path: 'test-results/results-print.png', fullPage: true });
		await expect(staff.getByRole('button', { name: /Maak een (nieuwe )?link/ })).toBeHidden();
		// Paper does not scroll: every table fits the column whole.
		const cut = await staff
			.locator('.table-scroll')
			.evaluateAll((regions) =>
				regions.filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => r.ariaLabel)
			);
		expect(cut).toEqual([]);
		await staff.emulateMedia({ media: 'screen' });
	});
});
