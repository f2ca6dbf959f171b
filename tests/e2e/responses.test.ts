// Public responses and the peers' verdict (issue 13, items 1 and 2), on the seeded foster parents
// round (PLEE27) on the server of its own: its group chooses a presenter, opens and closes the
// evening, and the coordinator publishes. A municipal user invited for Ermelo answers a finding
// twice (bad input first: refused in Dutch, nothing saved); the finding and the round's
// fingerprint stay as they were, and the check page still says "Klopt". An interviewer of the
// round learns of the answers on their own home page and gives a verdict with a comment. She
// also leaves an e-mail address for notices (this server has SMTP set, aimed at a server that
// never answers: posting an answer does not wait for the mail) and removes it again.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';
import { signInCoordinator } from './coordinator';

const ROUND = 'Pleegouders aan het woord 2027';
const FINDING = 'Pleegouders weten in het begin niet wie ze kunnen bellen.';
const FIRST = 'We zoeken uit wie pleegouders de eerste week kunnen bellen.';
const SECOND = 'Vanaf maart krijgt elk pleeggezin één telefoonnummer voor alle vragen.';
const COMMENT = 'Eén nummer is goed, maar ook in het weekend?';
const PHONE = { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true };
const FINGERPRINT = /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/;

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

async function open(browser: Browser, options = {}): Promise<Page> {
	return (await browser.newContext({ locale: 'nl-NL', ...options })).newPage();
}

async function join(browser: Browser, name: string): Promise<Page> {
	const page = await open(browser);
	await page.goto('/meedoen');
	await page.getByLabel('Code', { exact: true }).fill('DEMO-PLEE');
	await page.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	return page;
}

/** The round's fingerprint and verdict as the public check page shows them. */
async function checkPage(page: Page): Promise<string> {
	await page.goto('/verifieer/PLEE27');
	await expect(page.getByRole('heading', { name: 'Klopt', exact: true })).toBeVisible();
	return (await page.getByText(FINGERPRINT).first().innerText()).trim();
}

test('a municipality answers a finding twice; the interviewers say what they think of it', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const staff = await open(browser);
	const noor = await join(browser, 'Noor');
	let fingerprint = '';
	let findingUrl = '';

	await test.step('the group chooses Noor; she opens and closes the evening; it is published', async () => {
		await noor.goto('/groep');
		await noor.getByRole('button', { name: 'Ik wil presenteren' }).click();
		for (const name of ['Bas', 'Kim']) {
			const peer = await join(browser, name);
			await peer.goto('/groep');
			await peer.getByRole('button', { name: 'Bevestig voor Noor' }).click();
			await peer.context().close();
		}
		await noor.goto('/presentatie');
		await noor.getByRole('link', { name: 'Avond openen' }).click();
		await noor.getByRole('button', { name: 'Ja, avond openen' }).click();
		await noor.getByRole('link', { name: 'Avond sluiten' }).click();
		await noor.getByRole('button', { name: 'Ja, avond sluiten' }).click();
		await expect(noor.getByText('De avond is gesloten.')).toBeVisible();

		await signInCoordinator(staff);
		await staff.goto('/beheer');
		await staff.getByRole('link', { name: ROUND }).click();
		await staff.getByText('Uitkomsten publiceren', { exact: true }).click();
		await staff.getByRole('button', { name: 'Ja, publiceren' }).click();
		await expect(staff.getByText('De uitkomsten zijn gepubliceerd.')).toBeVisible();
		fingerprint = await checkPage(staff);
	});

	await test.step('Noor leaves an e-mail address for notices; a wrong one is refused in Dutch', async () => {
		// This server has SMTP set (playwright.config.ts): the finding page offers it.
		await noor.goto('/avond/PLEE27/verantwoording');
		await noor.getByRole('link', { name: FINDING }).click();
		await noor.getByRole('link', { name: /Laat je adres achter/ }).click();
		await expect(
			noor.getByRole('heading', { level: 1, name: 'Berichtje per e-mail' })
		).toBeVisible();
		const email = noor.getByLabel('Je e-mailadres');
		await email.fill('noor bij voorbeeld');
		await noor.getByRole('button', { name: 'Adres opslaan' }).click();
		await expect(email).toHaveAttribute('aria-invalid', 'true');
		await expect(noor.getByRole('main')).toContainText('Kijk ‘e-mailadres’ na.');
		await expectAxeClean(noor, 'e-mail notices (wrong address)');
		await email.fill('noor@voorbeeld.example');
		await noor.getByRole('button', { name: 'Adres opslaan' }).click();
		await expect(
			noor.getByText('Opgeslagen. Je krijgt een e-mail bij een nieuw antwoord.')
		).toBeVisible();
		await expect(noor.getByText('Je krijgt nu berichten op: noor@voorbeeld.example')).toBeVisible();
		await expectAxeClean(noor, 'e-mail notices (address left)');
	});

	const council = await open(browser);
	await test.step('a municipal user for Ermelo is invited and makes an account', async () => {
		await staff.goto('/beheer/mensen');
		await staff.getByRole('radio', { name: /^Gemeente/ }).check();
		await staff.getByRole('checkbox', { name: 'Ermelo' }).check();
		// This server sends e-mail, so the link can be mailed too: a wrong address is told at
		// its field, the choices stay, and no invitation is made.
		const email = staff.getByLabel('E-mailadres (mag leeg blijven)');
		await email.fill('raadslid-ermelo.example');
		await staff.getByRole('button', { name: 'Uitnodiging maken' }).click();
		await expect(staff.locator('#invite-email-error')).toContainText('Dit is geen e-mailadres.');
		await expect(email).toHaveAttribute('aria-invalid', 'true');
		await expect(staff.getByRole('checkbox', { name: 'Ermelo' })).toBeChecked();
		await expect(staff.getByLabel('Link om mee in te loggen')).toHaveCount(0);
		await expectAxeClean(staff, 'people (wrong e-mail address)');
		await email.fill('');
		await staff.getByRole('button', { name: 'Uitnodiging maken' }).click();
		await expect(staff.getByText('Kopieer de link, of laat de QR-code scannen.')).toBeVisible();
		const link = new URL(await staff.getByLabel('Link om mee in te loggen').inputValue());
		await council.goto(link.pathname);
		await council.getByLabel('Uw naam').fill('Beleidsadviseur Ermelo');
		await council.getByLabel('E-mailadres').fill(`beleid${Date.now() % 100000}@ermelo.example`);
		await council.getByLabel('Wachtwoord', { exact: true }).fill('een zin voor de gemeente');
		await council.getByLabel('Herhaal het wachtwoord').fill('een zin voor de gemeente');
		await council.getByRole('button', { name: 'Account maken' }).click();
		await expect(council.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();
	});

	await test.step('bad input is refused in Dutch at its field, and nothing is saved', async () => {
		await council.goto('/avond/PLEE27/verantwoording');
		await council.getByRole('link', { name: FINDING }).click();
		await expect(council.getByRole('heading', { level: 1, name: 'Bevinding' })).toBeVisible();
		findingUrl = new URL(council.url()).pathname;
		const form = council.locator('form[action="?/respond"]');
		const send = () => form.getByRole('button', { name: 'Antwoord plaatsen' }).click();
		const body = form.getByLabel('Uw antwoord');

		// Nothing chosen, nothing written.
		await send();
		await expect(form.getByRole('group', { name: /Stand van zaken/ })).toContainText(
			'Kijk ‘stand van zaken’ na.'
		);
		await expectAxeClean(council, 'finding page (empty response refused)');
		// "Niet mogelijk" without its reason.
		await form.getByRole('radio', { name: 'Niet mogelijk' }).check();
		await body.fill('Dat lukt ons niet.');
		await send();
		await expect(form).toContainText('Bij ‘niet mogelijk’ hoort een reden.');
		await expect(form.getByLabel('Waarom kan het niet?')).toHaveAttribute('aria-invalid', 'true');
		await expect(body).toHaveValue('Dat lukt ons niet.');
		// Overlong: past the field's own limit, as a script would send it.
		await form.getByRole('radio', { name: 'In onderzoek' }).check();
		await body.evaluate((el: HTMLTextAreaElement) => {
			el.removeAttribute('maxlength');
			el.value = 'x'.repeat(2001);
		});
		await send();
		await expect(body).toHaveAttribute('aria-invalid', 'true');
		await expect(form).toContainText('Kijk ‘antwoord’ na.');
		// A status that does not exist.
		await body.fill(FIRST);
		await form.getByRole('radio', { name: 'In onderzoek' }).evaluate((radio: HTMLInputElement) => {
			radio.value = 'opgelost';
		});
		await send();
		await expect(form).toContainText('Kijk ‘stand van zaken’ na.');
		await expect(council.getByText('Er is nog niet gereageerd op deze bevinding.')).toBeVisible();
	});

	await test.step('an answer with a planned date, then a newer one; the finding stays as it was', async () => {
		await council.goto(findingUrl);
		const form = council.locator('form[action="?/respond"]');
		await form.getByRole('radio', { name: 'In onderzoek' }).check();
		await form.getByLabel('Uw antwoord').fill(FIRST);
		await form.getByLabel('Geplande datum (mag leeg)').fill(day(30));
		await form.getByRole('button', { name: 'Antwoord plaatsen' }).click();
		// At once, though the notice to Noor goes to a mail server that never answers.
		await expect(council.getByText('Uw antwoord staat erbij.')).toBeVisible({ timeout: 5_000 });
		// The form starts blank for the next answer.
		await expect(form.getByLabel('Uw antwoord')).toHaveValue('');
		await expect(form.getByLabel('Geplande datum (mag leeg)')).toHaveValue('');

		await form.getByRole('radio', { name: 'Wordt opgepakt' }).check();
		await form.getByLabel('Uw antwoord').fill(SECOND);
		await form.getByRole('button', { name: 'Antwoord plaatsen' }).click();
		await expect(council.getByText('Uw antwoord staat erbij.')).toBeVisible();

		// Oldest first, both kept, each with its status and the author's role (never a name).
		const timeline = council
			.getByRole('region', { name: 'Wat er mee gebeurt' })
			.getByRole('listitem');
		const entries = timeline.filter({ has: council.getByRole('heading', { level: 3 }) });
		await expect(entries).toHaveCount(2);
		await expect(entries.nth(0)).toContainText('In onderzoek');
		await expect(entries.nth(0)).toContainText(FIRST);
		// A calendar day in words, never "16-12" or "12/16".
		await expect(entries.nth(0)).toContainText(
			`Gepland voor ${new Intl.DateTimeFormat('nl-NL', {
				weekday: 'long',
				day: 'numeric',
				month: 'long',
				year: 'numeric',
				timeZone: 'UTC'
			}).format(new Date(`${day(30)}T00:00:00Z`))}`
		);
		await expect(entries.nth(1)).toContainText('Wordt opgepakt');
		await expect(entries.nth(1)).not.toContainText('Gepland voor');
		await expect(entries.nth(1)).toContainText(SECOND);
		await expect(entries.nth(1)).toContainText('De gemeente ·');
		await expect(council.getByRole('main')).not.toContainText('Beleidsadviseur');
		await expect(
			council.getByRole('region', { name: 'Wat we hoorden' }).getByText(FINDING, { exact: true })
		).toBeVisible();
		await expectAxeClean(council, 'finding page with two responses');

		expect(await checkPage(council)).toBe(fingerprint);
	});

	await test.step('Noor sees what is new, gives a verdict with a comment, and sees it counted', async () => {
		await noor.goto('/gesprekken');
		const news = noor.getByRole('region', { name: 'Nieuw sinds je laatste bezoek' });
		await expect(news.getByRole('link')).toHaveCount(2);
		await news.getByRole('link', { name: new RegExp(`^Wordt opgepakt`) }).click();
		await expect(noor).toHaveURL(new RegExp(`${findingUrl}#antwoord-`));
		// The newest answer: the last entry of the timeline.
		const entry = noor.locator('li[id^="antwoord-"]').last();
		await entry.getByRole('radio', { name: 'Dit helpt nog niet' }).check();
		await entry.getByLabel('Toelichting (mag leeg)').fill(COMMENT);
		await entry.getByRole('button', { name: 'Oordeel geven' }).click();
		await expect(noor.getByText('Dank je. Je oordeel staat erbij.')).toBeVisible();
		const judged = noor.locator('li[id^="antwoord-"]').last();
		await expect(judged).toContainText('Dit helpt nog niet: 1');
		await expect(judged).toContainText('Dit helpt: 0');
		await expect(judged).toContainText(COMMENT);
		await expect(judged).toContainText('Jouw oordeel nu: Dit helpt nog niet');
		await expect(judged).not.toContainText('Noor');
		await expectAxeClean(noor, 'finding page with a verdict (interviewer)');

		// She takes her address away again, at once.
		// From her own page, where the link is shown because this server has SMTP.
		await noor.goto('/gesprekken');
		await noor.getByRole('link', { name: /Laat je adres achter/ }).click();
		await noor.getByRole('button', { name: 'Adres weghalen' }).click();
		await expect(noor.getByText('Je adres is weggehaald.')).toBeVisible();
		await expect(noor.getByText(/Je krijgt nu berichten op/)).toHaveCount(0);
		await expect(noor.getByLabel('Je e-mailadres')).toHaveValue('');

		// The public (on a small phone) sees the count and the comment, never who gave it.
		const visitor = await open(browser, PHONE);
		await visitor.goto(findingUrl);
		await expect(visitor.locator('li[id^="antwoord-"]').last()).toContainText(
			'Dit helpt nog niet: 1'
		);
		await expect(visitor.getByRole('main')).toContainText(COMMENT);
		await expect(visitor.getByRole('main')).not.toContainText('Noor');
		await expectAxeClean(visitor, 'finding page (public)');
	});
});
