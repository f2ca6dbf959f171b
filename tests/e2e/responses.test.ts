// After the evening, as people meet it: a published finding has its own public page; the
// coordinator answers it with a status and then a newer answer (bad input is explained in Dutch);
// the finding's text and the fingerprint stay and /verifieer still says "Klopt"; the interviewer
// sees what is new since their last visit and gives a verdict with a comment; the public reads
// the timeline with counts and comments (never a name), in Dutch and English, and the round's
// Atom feed. Every state is scanned with axe.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';
import { readSetupLink } from './setup-link';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const ROUND_TITLE = 'Jongeren na de avond (e2e)';
const FINDING = 'Jongeren willen één vaste hulpverlener die blijft.';
const INTERVIEWER = 'Sanne';
const FINGERPRINT = /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/;
// The journey test (which runs first in the full suite) creates this coordinator; alone, this
// test creates them itself with the setup link.
const COORDINATOR = {
	email: 'esther@cjg-noordveluwe.example',
	password: 'een lange zin als wachtwoord'
};

async function open(browser: Browser, options = {}): Promise<Page> {
	const context = await browser.newContext({ locale: 'nl-NL', ...options });
	return context.newPage();
}

async function signInCoordinator(staff: Page) {
	await staff.goto(await readSetupLink());
	// After the journey test the link says an account exists (same heading, no form): log in.
	if ((await staff.getByLabel('Naam van de organisatie').count()) > 0) {
		await staff.getByLabel('Naam van de organisatie').fill('CJG Noord-Veluwe');
		await staff.getByLabel('Uw naam').fill('Coördinator Esther');
		await staff.getByLabel('E-mailadres').fill(COORDINATOR.email);
		await staff.getByLabel('Wachtwoord', { exact: true }).fill(COORDINATOR.password);
		await staff.getByLabel('Herhaal het wachtwoord').fill(COORDINATOR.password);
		await staff.getByRole('button', { name: 'Account aanmaken' }).click();
	} else {
		await staff.goto('/inloggen');
		await staff.getByLabel('E-mailadres').fill(COORDINATOR.email);
		await staff.getByLabel('Wachtwoord').fill(COORDINATOR.password);
		await staff.getByRole('button', { name: 'Inloggen' }).click();
	}
	await expect(staff.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();
}

/** A day from today as the date input wants it (YYYY-MM-DD). */
const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test('a published finding is answered in public and the peers give their verdict', async ({
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const staff = await open(browser);
	const phone = await open(browser, PHONE);
	const visitor = await open(browser, PHONE);
	let roundUrl = '';
	let eveningCode = '';
	let findingPath = '';
	let fingerprint = '';

	await test.step('a round runs to publication: one interviewer, one finding, an evening', async () => {
		await signInCoordinator(staff);
		await staff.getByRole('link', { name: 'Nieuwe ronde' }).click();
		await staff.getByLabel('Titel van de ronde').fill(ROUND_TITLE);
		await staff.getByRole('radio', { name: 'Jongeren' }).check();
		await staff.getByRole('checkbox', { name: 'Ermelo' }).check();
		const first = staff.getByRole('group', { name: 'Vraag 1' });
		await first.getByLabel('Soort vraag').selectOption('open');
		await first.getByLabel('Vraag', { exact: true }).fill('Wie hielp je het meest?');
		await first.getByLabel('Thema').fill('Hulpverlener');
		const second = staff.getByRole('group', { name: 'Vraag 2' });
		await second.getByLabel('Soort vraag').selectOption('scale');
		await second.getByLabel('Vraag', { exact: true }).fill('Hoe tevreden ben je?');
		await second.getByLabel('Thema').fill('Tevredenheid');
		await second.getByLabel('Woord bij 1').fill('heel slecht');
		await second.getByLabel('Woord bij 5').fill('heel goed');
		await staff.getByRole('button', { name: 'Ronde opslaan' }).click();
		await expect(staff.getByRole('heading', { level: 1, name: ROUND_TITLE })).toBeVisible();
		roundUrl = staff.url();
		await staff.getByRole('button', { name: 'Veldwerk starten' }).click();
		const joinCode = (
			await staff
				.getByRole('region', { name: 'Code om mee te doen' })
				.getByText(/^[A-Z0-9-]{6,}$/)
				.innerText()
		).trim();
		const eveningSection = staff.getByRole('region', { name: 'De avond', exact: true });
		eveningCode = (await eveningSection.getByText(/^[A-Z0-9]{4,}$/).innerText()).trim();

		await phone.goto('/meedoen');
		await phone.getByLabel('Code', { exact: true }).fill(joinCode);
		await phone.getByLabel('Je voornaam of een schuilnaam').fill(INTERVIEWER);
		await phone.getByRole('button', { name: 'Meedoen' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
		await phone.getByRole('link', { name: 'Nieuwe bevinding' }).click();
		await phone.getByLabel('Bevinding', { exact: true }).fill(FINDING);
		await phone.getByRole('button', { name: 'Bevinding opslaan' }).click();
		await expect(phone.getByText('Je bevinding is opgeslagen.')).toBeVisible();

		await staff.goto(roundUrl);
		await staff.getByRole('button', { name: `Maak presentator voor ${INTERVIEWER}` }).click();
		await expect(staff.getByText(`${INTERVIEWER} is nu presentator.`)).toBeVisible();

		await phone.goto('/presentatie');
		await phone.getByRole('link', { name: 'Avond openen' }).click();
		await phone.getByRole('button', { name: 'Ja, avond openen' }).click();
		await phone.getByRole('link', { name: 'Avond sluiten' }).click();
		await phone.getByRole('button', { name: 'Ja, avond sluiten' }).click();
		await expect(phone.getByText('De avond is gesloten.')).toBeVisible();

		await staff.goto(roundUrl);
		await staff.getByText('Uitkomsten publiceren', { exact: true }).click();
		await staff.getByRole('button', { name: 'Ja, publiceren' }).click();
		await expect(staff.getByText('De uitkomsten zijn gepubliceerd.')).toBeVisible();
	});

	await test.step('the finding has its own public page, with nothing answered yet', async () => {
		await phone.goto('/gesprekken');
		await phone.getByRole('link', { name: 'Wat gebeurt ermee?' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: 'Bevinding' })).toBeVisible();
		findingPath = new URL(phone.url()).pathname;
		expect(findingPath).toMatch(/^\/bevinding\/[0-9a-f-]{36}$/);
		await visitor.goto(findingPath);
		await expect(visitor.getByText(FINDING)).toBeVisible();
		await expect(visitor.getByText('Er is nog niet gereageerd op deze bevinding.')).toBeVisible();
		await expect(visitor.getByRole('heading', { name: 'Reageer op deze bevinding' })).toHaveCount(
			0
		);
		await expectAxeClean(visitor, 'finding page (no answers yet)');
		await visitor.goto(`/verifieer/${eveningCode}`);
		fingerprint = (await visitor.getByText(FINGERPRINT).first().innerText()).trim();
		expect(fingerprint).toMatch(FINGERPRINT);
	});

	await test.step('the coordinator answers; bad input is explained in Dutch and changes nothing', async () => {
		await staff.goto(findingPath);
		await expectAxeClean(staff, 'finding page (respond form)');
		const post = staff.getByRole('button', { name: 'Antwoord plaatsen' });

		await post.click();
		await expect(staff.getByText('Kijk ‘stand van zaken’ na.').first()).toBeVisible();
		await expectAxeClean(staff, 'finding page (respond errors)');

		await staff.getByRole('radio', { name: 'In onderzoek' }).check();
		await staff
			.getByLabel('Uw antwoord')
			.fill('We zoeken uit hoe vaak jongeren van hulpverlener wisselen.');
		await staff.getByLabel('Geplande datum (mag leeg)').fill('2001-01-01');
		await post.click();
		await expect(staff.getByText('Deze datum is al voorbij.').first()).toBeVisible();
		await staff.getByLabel('Geplande datum (mag leeg)').fill(inDays(30));
		await post.click();
		await expect(staff.getByText('Uw antwoord staat erbij.')).toBeVisible();

		await staff.getByRole('radio', { name: 'Niet mogelijk' }).check();
		await staff
			.getByLabel('Uw antwoord')
			.fill('Eén vaste hulpverlener voor iedereen lukt ons niet.');
		await post.click();
		await expect(staff.getByText('Bij ‘niet mogelijk’ hoort een reden.').first()).toBeVisible();
		await staff
			.getByLabel('Waarom kan het niet?')
			.fill('Er zijn te weinig hulpverleners in de regio.');
		await post.click();
		await expect(staff.getByText('Uw antwoord staat erbij.')).toBeVisible();

		const timeline = staff.getByRole('list').filter({ hasText: 'In onderzoek' });
		await expect(timeline.getByRole('heading', { level: 3 })).toHaveText([
			'In onderzoek',
			'Niet mogelijk'
		]);
		await expect(timeline.getByText('De organisatie ·').first()).toBeVisible();
		await expect(
			staff.getByText('Waarom niet: Er zijn te weinig hulpverleners in de regio.')
		).toBeVisible();
		await expect(staff.getByText(FINDING)).toBeVisible();
		await expectAxeClean(staff, 'finding page (two answers)');
	});

	await test.step('the finding is unchanged: same fingerprint, and /verifieer still says "Klopt"', async () => {
		await visitor.goto(`/verifieer/${eveningCode}`);
		await expect(visitor.getByRole('heading', { name: 'Klopt', exact: true })).toBeVisible();
		await expect(visitor.getByText(FINGERPRINT).first()).toHaveText(fingerprint);
		await expect(visitor.getByText('Er is een antwoord gegeven: Niet mogelijk')).toBeVisible();
	});

	await test.step('the interviewer sees what is new and gives a verdict with a comment', async () => {
		await phone.goto('/gesprekken');
		const news = phone.getByRole('region', { name: 'Nieuw sinds je laatste bezoek' });
		await expect(news.getByRole('link')).toHaveCount(2);
		await expectAxeClean(phone, 'interviewer home (news)');
		await news.getByRole('link', { name: /^Niet mogelijk:/ }).click();

		const answer = phone.getByRole('listitem').filter({ hasText: 'Waarom niet:' });
		await answer.getByRole('button', { name: 'Oordeel geven' }).click();
		await expect(phone.getByText('Kijk ‘oordeel’ na.').first()).toBeVisible();
		await expectAxeClean(phone, 'finding page (verdict error)');
		await answer.getByRole('radio', { name: 'Dit helpt nog niet' }).check();
		await answer
			.getByLabel('Toelichting (mag leeg)')
			.fill('Vraag het de jongeren zelf: wat kan wel?');
		await answer.getByRole('button', { name: 'Oordeel geven' }).click();
		await expect(phone.getByText('Dank je. Je oordeel staat erbij.')).toBeVisible();
		await expect(answer.getByText('Dit helpt nog niet: 1')).toBeVisible();
		await expect(answer.getByText('Jouw oordeel nu: Dit helpt nog niet')).toBeVisible();
		await expectAxeClean(phone, 'finding page (verdict given)');

		await phone.goto('/gesprekken');
		await phone.getByRole('button', { name: 'Gezien, verberg deze lijst' }).click();
		await expect(phone.getByRole('region', { name: 'Nieuw sinds je laatste bezoek' })).toHaveCount(
			0
		);
	});

	await test.step('the public reads the whole story, never a name, in Dutch and English', async () => {
		await visitor.goto(findingPath);
		await expect(visitor.getByText('Vraag het de jongeren zelf: wat kan wel?')).toBeVisible();
		await expect(visitor.getByText('Dit helpt nog niet: 1')).toBeVisible();
		expect(await visitor.locator('body').innerText()).not.toContain(INTERVIEWER);
		await expect(visitor.getByRole('button', { name: 'Oordeel geven' })).toHaveCount(0);
		await expectAxeClean(visitor, 'finding page (public, with verdict)');
		await visitor.getByRole('button', { name: 'English' }).click();
		await expect(visitor.getByRole('heading', { level: 1, name: 'Finding' })).toBeVisible();
		await expect(visitor.getByText('This does not help yet: 1')).toBeVisible();
		await expectAxeClean(visitor, 'finding page (English)');
		await visitor.getByRole('button', { name: 'Nederlands' }).click();

		await visitor.getByRole('link', { name: 'Verantwoording van deze ronde' }).click();
		await expect(visitor.getByRole('heading', { level: 1, name: 'Verantwoording' })).toBeVisible();
		const row = visitor.getByRole('row').filter({ hasText: FINDING });
		await expect(row.getByRole('cell')).toHaveText(['2', /^Niet mogelijk/, '0', '1', '0']);
		await expectAxeClean(visitor, 'accountability overview');
		// The printed page: no download link, the table whole.
		await visitor.emulateMedia({ media: 'print' });
		await expect(visitor.getByRole('link', { name: /Download als CSV/ })).toBeHidden();
		await expect(row).toBeVisible();
		await expectAxeClean(visitor, 'accountability overview (print)');
		await visitor.emulateMedia({ media: 'screen' });
		const sheet = await request.get(`/avond/${eveningCode}/verantwoording.csv`);
		expect(sheet.headers()['content-type']).toContain('text/csv');
		// A byte-order mark first, so a spreadsheet reads UTF-8 (text() drops it).
		expect([...(await sheet.body()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const lines = (await sheet.text()).trim().split('\r\n');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toBe(
			'Bevinding,Thema,Antwoorden,Laatste stand,Laatste antwoord op,Dit helpt,Dit helpt nog niet,Dit gaat langs ons heen,Link'
		);
		expect(lines[1]).toContain(`${FINDING},,2,Niet mogelijk,`);

		const feed = await request.get(`/avond/${eveningCode}/antwoorden.xml`);
		expect(feed.status()).toBe(200);
		expect(feed.headers()['content-type']).toContain('application/atom+xml');
		const xml = await feed.text();
		expect(xml.match(/<entry>/g)).toHaveLength(2);
		expect(xml).toContain(`<title>Niet mogelijk: ${FINDING}</title>`);
		expect(xml).not.toContain(INTERVIEWER);
	});
});
