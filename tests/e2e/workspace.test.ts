// The coordinator's workspace (issue 10), as far as built: a round from a starter guide gets its
// evening's date, time and place and its retention period. Wrong values get a Dutch sentence at
// their field and change nothing; the right ones show on the audience page and in a calendar file.
// The guide editor: a question refused at its field, reordered with the keyboard and by dragging,
// previewed as on the phone; once an interview exists an edit makes a new version, and the
// interview's version keeps its questions.
//
// Runs after journey.test.ts (files run in name order) and signs in as its coordinator; run alone
// it creates that coordinator with the setup link.
import { expect, test, type Browser, type Page } from '@playwright/test';
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
	// Wait for this save's answer (the date is no longer refused) before typing on: the answer
	// puts the values it was sent back into the form.
	await expect(details.getByLabel('Datum')).not.toHaveAccessibleDescription(
		/Kies een datum van vandaag of later/
	);
	await expect(details.getByLabel('Eindigt om')).toHaveAccessibleDescription(
		/De eindtijd moet na de begintijd liggen/
	);
	await details.getByLabel('Eindigt om').fill('22:00');
	await details.getByLabel('Bewaren (maanden)').fill('0');
	await save.click();
	// The answer to this save is in once the end time is no longer refused (the retention field
	// kept its earlier message, so that alone would not wait for it).
	await expect(details.getByLabel('Eindigt om')).not.toHaveAccessibleDescription(
		/De eindtijd moet na de begintijd liggen/
	);
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

/** One interview in the round, recorded without JavaScript (one long form) by a new interviewer. */
async function recordInterview(browser: Browser, joinUrl: string, name: string) {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
	const phone = await context.newPage();
	await phone.goto(joinUrl);
	await phone.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await phone.getByRole('button', { name: 'Meedoen' }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	await phone.goto('/gesprekken/nieuw');
	await phone.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
	await phone.getByRole('radio', { name: 'Mondeling' }).check();
	await phone.getByRole('radio', { name: 'Een ouder' }).check();
	await phone.getByRole('radio', { name: '24 of ouder' }).check();
	await phone.getByLabel('Gemeente', { exact: true }).selectOption({ index: 1 });
	await phone.getByRole('button', { name: 'Gesprek opslaan' }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'Gesprek opgeslagen' })).toBeVisible();
	await context.close();
}

test('the guide: edited with checks, reordered by keyboard, previewed; an interview keeps its version', async ({
	page,
	browser
}) => {
	await signIn(page);
	await page.goto('/beheer/welkom');
	await page.getByRole('link', { name: 'Ronde maken met ‘Ouders aan het woord’' }).click();
	await page.getByRole('button', { name: 'Ronde opslaan' }).click();
	await page.getByRole('link', { name: 'Vragenlijst bekijken en bewerken' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Vragenlijst' })).toBeVisible();
	const list = page.getByRole('list', { name: 'De vragen, op volgorde' });
	const items = list.getByRole('listitem');
	const count = await items.count();
	const preview = page.getByRole('region', { name: 'Voorbeeld op een telefoon' });
	await expect(preview.getByText(`Vraag 1 van ${count}`)).toBeVisible();
	await expectAxeClean(page, 'guide editor');

	// A scale with one label: refused at the field that is missing, nothing added.
	const editor = page.getByRole('form', { name: 'Vraag toevoegen' });
	await editor.getByLabel('Soort vraag').selectOption({ label: 'Schaal van 1 tot 5' });
	await editor.getByLabel('De vraag', { exact: true }).fill('Hoe snel kreeg u antwoord?');
	await editor.getByLabel('Woord bij 1').fill('Heel traag');
	await editor.getByRole('button', { name: 'Vraag toevoegen' }).click();
	await expect(editor.getByLabel('Woord bij 5')).toHaveAccessibleDescription(
		/Schrijf bij een schaal wat 5 betekent/
	);
	await expect(items).toHaveCount(count);
	await expectAxeClean(page, 'guide editor (error at a field)');
	await editor.getByLabel('Woord bij 5').fill('Heel snel');
	await editor.getByRole('button', { name: 'Vraag toevoegen' }).click();
	await expect(page.getByRole('status')).toHaveText('De vraag staat in de vragenlijst.');
	await expect(items).toHaveCount(count + 1);
	// The preview shows the new question as the interviewer's phone does: 1–5, both ends named.
	await expect(preview.getByText(`Vraag ${count + 1} van ${count + 1}`)).toBeVisible();
	await expect(
		preview.getByRole('group', { name: `${count + 1}. Hoe snel kreeg u antwoord?` })
	).toBeVisible();
	await expect(preview.getByRole('radio', { name: '5' })).toBeVisible();

	// Keyboard only: the new question goes up one place, and the focus goes with it.
	const up = page.getByRole('button', { name: `Vraag ${count + 1} een plek omhoog` });
	await up.focus();
	await page.keyboard.press('Enter');
	await expect(items.nth(count - 1)).toContainText('Hoe snel kreeg u antwoord?');
	await expect(page.getByRole('button', { name: `Vraag ${count} een plek omhoog` })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(items.nth(count - 2)).toContainText('Hoe snel kreeg u antwoord?');
	// And by dragging: the first question onto the second place.
	const first = (await items.nth(0).getByRole('paragraph').first().innerText()).replace(
		/^1\.\s*/,
		''
	);
	await items.nth(0).dragTo(items.nth(1));
	await expect(items.nth(1)).toContainText(first);
	await page.screenshot({ path: '/tmp/guide-editor.png', fullPage: true });

	// Fieldwork, and an interview with version 1.
	await page.getByRole('link', { name: 'Terug naar de ronde' }).click();
	await page.getByRole('button', { name: 'Veldwerk starten' }).click();
	const joinUrl = await page.getByRole('link', { name: /meedoen\?code=/ }).getAttribute('href');
	await recordInterview(browser, joinUrl!, `Gids ${Date.now() % 100000}`);

	// An edit now makes version 2; version 1 keeps its questions and its interview.
	await page.getByRole('link', { name: 'Vragenlijst bekijken en bewerken' }).click();
	await expect(page.getByText('Met deze versie zijn al gesprekken gehouden.')).toBeVisible();
	await page.getByRole('link', { name: /^Bewerken\s*: Hoe snel kreeg u antwoord\?$/ }).click();
	const edit = page.getByRole('form', { name: 'Vraag bewerken' });
	await edit.getByLabel('De vraag', { exact: true }).fill('Hoe snel kreeg u een antwoord van ons?');
	await edit.getByRole('button', { name: 'Vraag opslaan' }).click();
	await expect(page.getByRole('status')).toHaveText('De vraag is opgeslagen.');
	const history = page.getByRole('region', { name: 'Versies' });
	await expect(history.getByRole('listitem').first()).toContainText('Versie 2');
	await expect(history.getByRole('listitem').first()).toContainText('Nu in gebruik');
	await expect(history.getByRole('listitem').nth(1)).toContainText('gesprekken: 1');
	await expectAxeClean(page, 'guide editor (version 2)');
	await history.getByRole('link', { name: 'Versie 1' }).click();
	await expect(page.getByText('U bekijkt versie 1.')).toBeVisible();
	await expect(list).toContainText('Hoe snel kreeg u antwoord?');
	await expect(list).not.toContainText('Hoe snel kreeg u een antwoord van ons?');
	await expect(page.getByRole('button', { name: /een plek omhoog/ })).toHaveCount(0);
	await expectAxeClean(page, 'guide editor (an earlier version)');
});

test('a youth round: an interviewer adds a question, the coordinator sees it is theirs, not who', async ({
	page,
	browser
}) => {
	await signIn(page);
	await page.goto('/beheer/welkom');
	await page.getByRole('link', { name: 'Ronde maken met ‘Jongeren aan het woord’' }).click();
	await page.getByRole('button', { name: 'Ronde opslaan' }).click();
	await expect(page.getByRole('heading', { name: 'Waar staat de ronde?' })).toBeVisible();
	const roundUrl = page.url();
	await page.getByRole('link', { name: 'Vragenlijst bekijken en bewerken' }).click();
	const own = page.getByRole('form', { name: 'Jongeren schrijven zelf vragen' });
	await own.getByRole('checkbox', { name: 'Gespreksvoerders mogen zelf vragen toevoegen' }).check();
	await own.getByRole('button', { name: 'Opslaan' }).click();
	await expect(own.getByRole('status')).toHaveText(
		'Gespreksvoerders kunnen nu zelf vragen toevoegen.'
	);
	await page.goto(roundUrl);
	await page.getByRole('button', { name: 'Veldwerk starten' }).click();
	// The round page on a small phone, details form and life view (looked at, not asserted).
	await page.setViewportSize({ width: 360, height: 640 });
	await page.screenshot({ path: '/tmp/guide-round-360.png' });
	await page
		.getByRole('region', { name: 'Waar staat de ronde?' })
		.screenshot({ path: '/tmp/guide-round-life-360.png' });
	await page
		.getByRole('region', { name: 'Datum, tijd en plaats van de avond' })
		.screenshot({ path: '/tmp/guide-round-details-360.png' });
	await page.setViewportSize({ width: 1280, height: 720 });
	const joinUrl = await page.getByRole('link', { name: /meedoen\?code=/ }).getAttribute('href');

	const context = await browser.newContext({ locale: 'nl-NL' });
	const phone = await context.newPage();
	await phone.goto(joinUrl!);
	const name = `Schrijver ${Date.now() % 100000}`;
	await phone.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await phone.getByRole('button', { name: 'Meedoen' }).click();
	await expect(phone.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	await phone.getByRole('link', { name: 'Zelf een vraag toevoegen' }).click();
	await expect(phone).toHaveURL(/\/vragen$/);
	const add = phone.getByRole('form', { name: 'Een vraag toevoegen' });
	await add.getByLabel('Soort vraag').selectOption({ label: 'Eén antwoord kiezen' });
	await add.getByLabel('De vraag', { exact: true }).fill('Mag je zelf kiezen wie je helpt?');
	await add.getByLabel('Keuzes, één per regel').fill('Ja');
	await add.getByRole('button', { name: 'Vraag toevoegen' }).click();
	await expect(add.getByLabel('Keuzes, één per regel')).toHaveAccessibleDescription(
		/Geef minstens 2 verschillende keuzes/
	);
	await add.getByLabel('Keuzes, één per regel').fill('Ja\nNee\nWeet ik niet');
	await add.getByRole('button', { name: 'Vraag toevoegen' }).click();
	await expect(phone.getByText('Je vraag staat in de vragenlijst.')).toBeVisible();
	await expect(phone.getByText(`toegevoegd door ${name}`)).toBeVisible();
	await expectAxeClean(phone, 'own questions (interviewer)');
	await context.close();

	await page.goto(roundUrl);
	await page.getByRole('link', { name: 'Vragenlijst bekijken en bewerken' }).click();
	const last = page
		.getByRole('list', { name: 'De vragen, op volgorde' })
		.getByRole('listitem')
		.last();
	await expect(last).toContainText('Mag je zelf kiezen wie je helpt?');
	await expect(last).toContainText('Door gespreksvoerders toegevoegd');
	await expect(page.getByText(name)).toHaveCount(0);
	await expectAxeClean(page, 'guide editor (youth round)');
	// The editor on a small phone (looked at, not asserted).
	await page.setViewportSize({ width: 360, height: 640 });
	await page
		.getByRole('region', { name: 'Vragen van versie 2' })
		.screenshot({ path: '/tmp/guide-list-360.png' });
	await page
		.getByRole('region', { name: 'Voorbeeld op een telefoon' })
		.screenshot({ path: '/tmp/guide-preview-360.png' });
	await page
		.getByRole('form', { name: 'Vraag toevoegen' })
		.screenshot({ path: '/tmp/guide-form-360.png' });
});
