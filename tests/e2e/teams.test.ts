// The team learning loop (issue 13, items 3 and 4): a coordinator makes a team, the team meeting
// draws a published finding blindly from the kletspot, reflects (prompts, timer), records an
// agreement with a look-back date (a past date is refused at its field), and on a simulated
// later date (?datum=) the card comes back: "Wat is er van terechtgekomen?". Publicly the finding
// then shows one team and the published agreement, and the accountability overview prints it.
//
// Independent of the other files: signs in as the e2e coordinator, or (run alone) makes that
// coordinator for the demo organisation with the setup link and publishes its closed 2026 round.
// After journey.test.ts the coordinator's organisation has that file's published round instead.
import { expect, test } from '@playwright/test';
import { expectAxeClean } from './axe';
import { publishDemoRound, signInCoordinator } from './coordinator';

const TEAM = `Wijkteam Noord ${Date.now() % 100000}`;
const AGREEMENT = 'We bellen elk gezin binnen een week na de aanmelding terug.';
const LOOK_BACK = 'Het lukt bijna altijd. Twee gezinnen wachtten langer.';

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
// The same day as people read it: weekday and month in words ("woensdag 16 december 2026").
const inWords = (offset: number) =>
	new Intl.DateTimeFormat('nl-NL', {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${day(offset)}T00:00:00Z`));

test('a team draws a card, agrees, and the card comes back on its look-back date', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ locale: 'nl-NL' });
	const staff = await context.newPage();
	let findingUrl = '';

	await test.step('the coordinator signs in (or is made, run alone) and a round is published', async () => {
		await signInCoordinator(staff);
		await publishDemoRound(staff);
	});

	await test.step('the coordinator makes a team; an empty name is refused at its field', async () => {
		await staff.goto('/beheer');
		await staff.getByRole('link', { name: 'Teams en teamoverleg' }).click();
		await expect(staff.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
		const create = staff.locator('form[action="?/create"]');
		await create.getByRole('button', { name: 'Team maken' }).click();
		await expect(create.getByLabel('Naam van het team')).toHaveAttribute('aria-invalid', 'true');
		await create.getByLabel('Naam van het team').fill(TEAM);
		await create.getByRole('button', { name: 'Team maken' }).click();
		await expect(staff.getByText(`Opgeslagen: ${TEAM}.`)).toBeVisible();
		await expectAxeClean(staff, 'teams');
		await staff.getByRole('link', { name: TEAM, exact: true }).click();
		await expect(
			staff.getByRole('heading', { level: 1, name: `Teamoverleg: ${TEAM}` })
		).toBeVisible();
	});

	await test.step('the kletspot draws a card; prompts and the reflection timer', async () => {
		await staff.getByRole('button', { name: 'Trek een kaart' }).click();
		await expect(staff.getByRole('heading', { name: 'De kaart' })).toBeVisible();
		findingUrl = `/bevinding/${new URL(staff.url()).searchParams.get('kaart')}`;
		for (const prompt of [
			'Wat hebben we gehoord?',
			'Welke van onze overtuigingen raakt dit?',
			'Wat zou het gezin van ons nodig hebben?',
			'Wat doen we vanaf morgen anders?'
		]) {
			await expect(staff.getByRole('listitem').filter({ hasText: prompt })).toBeVisible();
		}
		await staff.getByRole('button', { name: 'Start' }).click();
		await expect(
			staff.getByRole('status').filter({ hasText: 'De bedenktijd loopt.' })
		).toBeAttached();
		await staff.getByRole('button', { name: 'Pauze' }).click();
		await expect(
			staff.getByRole('status').filter({ hasText: 'De bedenktijd staat stil.' })
		).toBeAttached();
		await expectAxeClean(staff, 'team meeting (card drawn)');
	});

	await test.step('the agreement: a past look-back date is refused at its field, then saved', async () => {
		const form = staff.locator('form[action^="?/agree"]');
		await form.getByLabel('Onze afspraak').fill(AGREEMENT);
		await form.getByLabel('Wie pakt het op?').fill('Teamleider jeugd');
		await form.getByLabel('Terugblikdatum').fill(day(-1));
		await form.getByText('Laat deze afspraak openbaar zien bij de bevinding').click();
		await form.getByRole('button', { name: 'Afspraak opslaan' }).click();
		const date = staff.getByLabel('Terugblikdatum');
		await expect(date).toHaveAttribute('aria-invalid', 'true');
		await expect(staff.locator('form[action^="?/agree"]')).toContainText(
			'Deze datum is al voorbij. Kies vandaag of een dag later.'
		);
		// What was typed is still there.
		await expect(staff.getByLabel('Onze afspraak')).toHaveValue(AGREEMENT);
		await date.fill(day(14));
		await staff.getByRole('button', { name: 'Afspraak opslaan' }).click();
		await expect(staff.getByText('De afspraak is opgeslagen.')).toBeVisible();
		await expect(staff.getByRole('main')).toContainText(`(Teamleider jeugd, ${inWords(14)})`);
		// Until the look-back, the public overview says when it is, in words.
		const meeting = staff.url();
		await staff.goto(findingUrl);
		await staff.getByRole('link', { name: /verantwoording/i }).click();
		await expect(staff.getByRole('row').filter({ hasText: AGREEMENT })).toContainText(
			`Terugblik op ${inWords(14)}`
		);
		await staff.goto(meeting);
		await expect(staff.getByRole('heading', { name: 'Wat is er van terechtgekomen?' })).toHaveCount(
			0
		);
	});

	await test.step('on a simulated later date the card comes back; the look-back is recorded', async () => {
		await staff.goto(`${new URL(staff.url()).pathname}?datum=${day(14)}`);
		const due = staff.getByRole('region', { name: 'Wat is er van terechtgekomen?' });
		await expect(due).toContainText(AGREEMENT);
		await expectAxeClean(staff, 'team meeting (card comes back)');
		await due.getByLabel('Wat is er van terechtgekomen?').fill(LOOK_BACK);
		await due.getByRole('button', { name: 'Terugblik opslaan' }).click();
		await expect(staff.getByText('De terugblik is opgeslagen.')).toBeVisible();
		await expect(staff.getByRole('region', { name: 'Wat is er van terechtgekomen?' })).toHaveCount(
			0
		);
		// A simulated day in the past is refused, and changes nothing.
		await staff.goto(`${new URL(staff.url()).pathname}?datum=${day(-10)}`);
		await expect(staff.getByText('Die datum kan niet.')).toBeVisible();
	});

	await test.step('publicly: one team discussed it, the published agreement and its look-back', async () => {
		const visitor = await (await browser.newContext({ locale: 'nl-NL' })).newPage();
		await visitor.goto(findingUrl);
		const teams = visitor.getByRole('region', { name: 'Wat teams ermee doen' });
		await expect(teams).toContainText('Teams die dit bespraken: 1');
		await expect(teams).toContainText(AGREEMENT);
		await expect(teams).toContainText(LOOK_BACK);
		await expect(teams).not.toContainText('Teamleider');
		await expectAxeClean(visitor, 'finding page with a team agreement');

		await visitor.getByRole('link', { name: /verantwoording/i }).click();
		const row = visitor.getByRole('row').filter({ hasText: AGREEMENT });
		await expect(row).toContainText(LOOK_BACK);
		await expectAxeClean(visitor, 'accountability overview with agreements');
		await visitor.emulateMedia({ media: 'print' });
		await visitor.screenshot({ path: 'test-results/teams-overview-print.png', fullPage: true });
		await expect(visitor.getByRole('link', { name: /CSV/ })).toBeHidden();
		await visitor.emulateMedia({ media: 'screen' });

		const csv = await visitor.request.get(`${visitor.url()}.csv`);
		const text = await csv.text();
		expect(text.split('\r\n')[0]).toContain('Teams die het bespraken');
		expect(text).toContain(AGREEMENT);
		expect(text).toContain(LOOK_BACK);
	});
});
