// The coordinator's workspace (issue 10), as far as built: a round from a starter guide gets its
// evening's date, time and place and its retention period. Wrong values get a Dutch sentence at
// their field and change nothing; the right ones show on the audience page and in a calendar file.
//
// Runs after journey.test.ts (files run in name order) and signs in as its coordinator; run alone
// it creates that coordinator with the setup link.
import { expect, test, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';
import { readSetupLink } from './setup-link';

const COORDINATOR = {
	email: 'esther@cjg-noordveluwe.example',
	password: 'een lange zin als wachtwoord'
};
const PLACE = 'Dorpshuis De Brink, Kerkstraat 4';

async function signIn(page: Page) {
	await page.goto('/inloggen');
	await page.getByLabel('E-mailadres').fill(COORDINATOR.email);
	await page.getByLabel('Wachtwoord').fill(COORDINATOR.password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	// Signed in, the page moves on; refused, it stays (and then the setup link is still unused).
	const signedIn = await page
		.waitForURL((url) => !url.pathname.startsWith('/inloggen'), { timeout: 5000 })
		.then(
			() => true,
			() => false
		);
	if (signedIn) return;
	// Run alone: the first coordinator, with the setup wizard.
	await page.goto(await readSetupLink());
	await page.getByLabel('Naam van de organisatie').fill('CJG Veluwe-Zuid (e2e)');
	await page.getByLabel('Uw naam').fill('Coördinator Esther');
	await page.getByLabel('E-mailadres').fill(COORDINATOR.email);
	await page.getByLabel('Wachtwoord', { exact: true }).fill(COORDINATOR.password);
	await page.getByLabel('Herhaal het wachtwoord').fill(COORDINATOR.password);
	await page.getByLabel('Zoek een gemeente').fill('ermelo');
	await page.getByLabel('Zoek een gemeente').press('Enter');
	await page.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Welkom bij Klankbord' })).toBeVisible();
}

/** YYYY-MM-DD of a day `days` from today, as a date field takes it. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);

test('the round details: refused at the field, then shown to the hall and in a calendar', async ({
	page
}) => {
	await signIn(page);
	await page.goto('/beheer/welkom');
	await page.getByRole('link', { name: 'Ronde maken met ‘Jongeren aan het woord’' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe ronde' })).toBeVisible();
	await page.getByRole('button', { name: 'Ronde opslaan' }).click();
	await expect(page.getByRole('heading', { name: 'Waar staat de ronde?' })).toBeVisible();
	await expect(page.locator('[aria-current="step"]')).toContainText('Concept');

	const details = page.getByRole('region', { name: 'Datum, tijd en plaats van de avond' });
	const save = details.getByRole('button', { name: 'Opslaan' });

	// A date in the past, an end before the start, and 121 months: each named at its field.
	await details.getByLabel('Datum').fill(dayFromNow(-1));
	await details.getByLabel('Begint om').fill('20:00');
	await details.getByLabel('Eindigt om').fill('19:00');
	await details.getByLabel('Plaats').fill(PLACE);
	await details.getByLabel('Bewaren (maanden)').fill('121');
	await save.click();
	await expect(details.getByLabel('Datum')).toHaveAccessibleDescription(
		/Kies een datum van vandaag of later/
	);
	await expect(details.getByLabel('Bewaren (maanden)')).toHaveAccessibleDescription(
		/Kies een getal van 1 tot 120 maanden/
	);
	await expectAxeClean(page, 'round details (errors)');

	await details.getByLabel('Datum').fill(dayFromNow(30));
	await save.click();
	await expect(details.getByLabel('Eindigt om')).toHaveAccessibleDescription(
		/De eindtijd moet na de begintijd liggen/
	);
	await details.getByLabel('Eindigt om').fill('22:00');
	await details.getByLabel('Bewaren (maanden)').fill('0');
	await save.click();
	await expect(details.getByLabel('Bewaren (maanden)')).toHaveAccessibleDescription(
		/Kies een getal van 1 tot 120 maanden/
	);

	await details.getByLabel('Bewaren (maanden)').fill('24');
	await save.click();
	await expect(details.getByRole('status')).toHaveText('Opgeslagen.');
	await expect(details.getByText('Na 24 maanden wissen we alle tekst')).toBeVisible();
	await page.reload();
	await expect(details.getByLabel('Plaats')).toHaveValue(PLACE);
	await expect(details.getByLabel('Eindigt om')).toHaveValue('22:00');
	await expectAxeClean(page, 'round details (saved)');

	// The hall: the audience page before the evening opens, and its calendar file.
	const code = (await page.locator('.evening-code').textContent())!.trim();
	await page.goto(`/avond/${code}`);
	await expect(page.getByText(PLACE)).toBeVisible();
	await expect(page.getByText('van 20:00 tot 22:00 uur')).toBeVisible();
	await expectAxeClean(page, 'audience page with the evening details');

	const ics = await page.request.get(`/avond/${code}/agenda.ics`);
	expect(ics.status()).toBe(200);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	const body = await ics.text();
	expect(body).toMatch(/^BEGIN:VCALENDAR\r\n/);
	expect(body).toContain(`UID:avond-${code}@localhost\r\n`);
	expect(body).toContain('LOCATION:Dorpshuis De Brink\\, Kerkstraat 4\r\n');
	expect(body).toMatch(/DTSTART:\d{8}T\d{6}Z\r\n/);

	await page.goto(`/avond/${code}/scherm`);
	await expect(page.getByText(PLACE)).toBeVisible();
});
