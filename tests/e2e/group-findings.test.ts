// "Bevindingen van de groep" (issue 9, item 6), on a 360×640 phone: two new interviewers of the
// demo round "Ouders aan het woord 2027" (DEMO-OUDR) each write a finding and each reads both,
// their own marked and theirs only editable; an interviewer of another round (DEMO-PLEE, who only
// joins and writes nothing, so the story file's round keeps its findings) reads neither. It also
// works without JavaScript. Nobody's name is on the page. This file runs before the story file on
// the shared server (files run in name order), while PLEE27 is still in fieldwork.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';

const PHONE = {
	locale: 'nl-NL',
	viewport: { width: 360, height: 640 },
	isMobile: true,
	hasTouch: true
};
const run = Date.now() % 100000;
const ANNA = {
	name: `Anna ${run}`,
	finding: `Ouders zoeken lang naar wie ze kunnen bellen (${run}).`
};
const BRAM = { name: `Bram ${run}`, finding: `Na het eerste gesprek duurt het maanden (${run}).` };
// Typed with its own quote marks: the page shows it between one pair, never two.
const TYPED_QUOTE = '"Ik heb het drie keer moeten vertellen."';
const SHOWN_QUOTE = '“Ik heb het drie keer moeten vertellen.”';
const SEEDED = 'Ouders moeten vaak meerdere keren bellen voordat ze iemand spreken.';

async function join(browser: Browser, code: string, name: string): Promise<Page> {
	const page = await (await browser.newContext(PHONE)).newPage();
	await page.goto('/meedoen');
	await page.getByLabel('Code', { exact: true }).fill(code);
	await page.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	return page;
}

async function writeFinding(page: Page, statement: string, theme: string, quote = '') {
	await page.goto('/bevindingen/nieuw');
	await page.getByLabel('Bevinding', { exact: true }).fill(statement);
	if (quote) await page.getByLabel('Citaat (mag leeg blijven)').fill(quote);
	await page.getByLabel('Thema').selectOption(theme);
	await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
	await expect(page.getByText('Je bevinding is opgeslagen.')).toBeVisible();
	// Sent from the outbox: on the home page as sent.
	await expect(async () => {
		await page.goto('/gesprekken');
		await expect(page.getByText(statement)).toBeVisible({ timeout: 1000 });
	}).toPass();
}

/** The card of a finding on "Bevindingen van de groep". */
const card = (page: Page, statement: string) =>
	page.getByRole('listitem').filter({ has: page.getByText(statement, { exact: true }) });

/** The theme headings, in the order the page shows them. */
const themes = (page: Page) => page.getByRole('heading', { level: 2 }).allInnerTexts();

test('the group reads all findings of its own round, never another round’s', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const anna = await join(browser, 'DEMO-OUDR', ANNA.name);
	const bram = await join(browser, 'DEMO-OUDR', BRAM.name);

	await test.step('from the home page, one link; closed until one has sent something', async () => {
		await anna.screenshot({ path: test.info().outputPath('home.png'), fullPage: true });
		await anna.getByRole('link', { name: 'Lees alle bevindingen van de groep' }).click();
		await expect(
			anna.getByRole('heading', { level: 1, name: 'Bevindingen van de groep' })
		).toBeVisible();
		// Joining with the code alone opens nothing (the probe of issue 8: the coordinator has it).
		await expect(
			anna.getByText('Je kunt de bevindingen van de groep lezen als je zelf', { exact: false })
		).toBeVisible();
		expect(await anna.locator('main').innerText()).not.toContain(SEEDED);
		await expectAxeClean(anna, 'group findings (nothing sent yet)');
	});

	await test.step('each writes a finding', async () => {
		await writeFinding(anna, ANNA.finding, 'Wachttijd', TYPED_QUOTE);
		await writeFinding(bram, BRAM.finding, 'Eerste contact');
	});

	await test.step("now the seeded findings are there too, by theme in the guide's order", async () => {
		await anna.goto('/bevindingen');
		await expect(card(anna, SEEDED)).toBeVisible();
		await expect(card(anna, SEEDED).getByText('Jouw bevinding')).toHaveCount(0);
		// The guide's order, not the alphabet's.
		expect(await themes(anna)).toEqual(['Eerste contact', 'Wachttijd', 'Samenwerking', 'Inspraak']);
	});

	await test.step('each reads both; their own is marked and can be edited, the other not', async () => {
		for (const [page, mine, theirs] of [
			[anna, ANNA, BRAM],
			[bram, BRAM, ANNA]
		] as const) {
			await page.goto('/bevindingen');
			await expect(card(page, mine.finding).getByText('Jouw bevinding')).toBeVisible();
			await expect(card(page, theirs.finding)).toBeVisible();
			await expect(card(page, theirs.finding).getByText('Jouw bevinding')).toHaveCount(0);
			await expect(
				card(page, theirs.finding).getByRole('link', { name: 'Aanpassen of intrekken' })
			).toHaveCount(0);
			expect(await themes(page)).toEqual([
				'Eerste contact',
				'Wachttijd',
				'Samenwerking',
				'Inspraak'
			]);
			// Nobody's name, neither one's own nor the other's.
			const body = await page.locator('main').innerText();
			expect(body).not.toContain(ANNA.name);
			expect(body).not.toContain(BRAM.name);
		}
		// The quote between one pair of marks.
		const quote = card(bram, ANNA.finding).locator('blockquote');
		await expect(quote).toHaveText(SHOWN_QUOTE);
		await expect(
			bram.getByRole('region', { name: 'Wachttijd' }).getByText(ANNA.finding)
		).toBeVisible();
		await expectAxeClean(bram, 'group findings (both, own marked)');
		// To look at: the phone's screen at one's own card, and the whole page.
		await card(anna, ANNA.finding).scrollIntoViewIfNeeded();
		await anna.screenshot({ path: test.info().outputPath('own-card.png') });
		await bram.screenshot({ path: test.info().outputPath('whole-page.png'), fullPage: true });
	});

	await test.step('the edit link opens one’s own finding', async () => {
		await card(anna, ANNA.finding).getByRole('link', { name: 'Aanpassen of intrekken' }).click();
		await expect(
			anna.getByRole('heading', { level: 1, name: 'Bevinding aanpassen' })
		).toBeVisible();
		await expect(anna.getByLabel('Bevinding', { exact: true })).toHaveValue(ANNA.finding);
	});

	await test.step('without JavaScript the page is the same', async () => {
		const context = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
		await context.addCookies(await anna.context().cookies());
		const page = await context.newPage();
		await page.goto('/groep');
		await page.screenshot({ path: test.info().outputPath('group-page.png') });
		await page.getByRole('link', { name: 'Lees alle bevindingen van de groep' }).click();
		await expect(card(page, ANNA.finding).getByText('Jouw bevinding')).toBeVisible();
		await expect(card(page, BRAM.finding)).toBeVisible();
		await context.close();
	});

	await test.step('an interviewer of another round reads neither', async () => {
		const pia = await join(browser, 'DEMO-PLEE', `Pia ${run}`);
		await pia.getByRole('link', { name: 'Lees alle bevindingen van de groep' }).click();
		await expect(
			pia.getByRole('heading', { level: 1, name: 'Bevindingen van de groep' })
		).toBeVisible();
		// Pia has sent nothing (she must not: story.test.ts tells PLEE27's story as seeded), so
		// her list is closed; that she reads only her own round once open is in
		// tests/db/group-findings.test.ts.
		await expect(
			pia.getByText('Je kunt de bevindingen van de groep lezen als je zelf', { exact: false })
		).toBeVisible();
		const body = await pia.locator('main').innerText();
		for (const text of [ANNA.finding, BRAM.finding, SEEDED, 'drie keer moeten vertellen']) {
			expect(body).not.toContain(text);
		}
		await expectAxeClean(pia, 'group findings (another round, nothing sent)');
		await pia.context().close();
	});

	await anna.context().close();
	await bram.context().close();
});
