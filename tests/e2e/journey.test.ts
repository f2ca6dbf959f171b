// The whole journey in one run, each person in their own browser context: the first coordinator
// sets up, creates a round and starts the fieldwork; an interviewer joins on a phone and records an
// interview and a finding; the coordinator sees counts only; a second interviewer volunteers to
// present, the group confirms them (the organisation has no say), and they open the evening and moves the slides while the projector and a phone in the hall follow live.
// Every page state a person sees is scanned with axe.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';
import { readSetupLink } from './setup-link';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };

const ORGANISATION = 'CJG Veluwe-Zuid (e2e)';
const ROUND_TITLE = 'Ouders vertellen 2027 (e2e)';
const OPEN_PROMPT = 'Hoe lang moest u wachten op hulp?';
const SCALE_PROMPT = 'Hoe tevreden bent u over de hulp?';
const FINDING = 'Ouders wachtten vaak maanden op de eerste afspraak.';
// Markup in typed text must reach every screen as the characters that were typed.
const QUOTE = 'We stonden er <b>drie</b> maanden alleen voor.';

async function open(browser: Browser, options = {}): Promise<[BrowserContext, Page]> {
	const context = await browser.newContext({ locale: 'nl-NL', ...options });
	return [context, await context.newPage()];
}

async function joinRound(page: Page, code: string, name: string) {
	await page.goto('/meedoen');
	await page.getByLabel('Code', { exact: true }).fill(code);
	await page.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
}

test('from join code to live board, in Dutch, for every person in the room', async ({
	browser
}) => {
	test.setTimeout(480_000);
	const [, staff] = await open(browser);
	let setupPath = '';
	let roundUrl = '';
	let joinCode = '';
	let eveningCode = '';

	await test.step('the first coordinator sets up a new organisation with the wizard', async () => {
		setupPath = await readSetupLink();
		await staff.goto(setupPath);
		await expect(staff.getByRole('heading', { name: 'Eerste coördinator aanmaken' })).toBeVisible();
		await expectAxeClean(staff, 'setup');
		// A new organisation, not the demo's: it starts with nothing but what the wizard gives it.
		await staff.getByLabel('Naam van de organisatie').fill(ORGANISATION);
		await staff.getByLabel('Uw naam').fill('Coördinator Esther');
		await staff.getByLabel('E-mailadres').fill('esther@cjg-noordveluwe.example');
		await staff.getByLabel('Wachtwoord', { exact: true }).fill('een lange zin als wachtwoord');
		await staff.getByLabel('Herhaal het wachtwoord').fill('een lange zin als wachtwoord');
		// The B1 themes are there to start with.
		await expect(staff.getByLabel("Thema's")).toHaveValue(
			'Toegang\nBejegening\nSamenwerking\nWachttijd\nResultaat'
		);
		// No municipality chosen: refused at its field, nothing typed is lost.
		await staff.getByRole('button', { name: 'Account aanmaken' }).click();
		await expect(staff.getByText('Kies minstens één gemeente.').first()).toBeVisible();
		await expect(staff.getByLabel('Naam van de organisatie')).toHaveValue(ORGANISATION);
		await expectAxeClean(staff, 'setup (no municipality)');
		await staff.getByLabel('Wachtwoord', { exact: true }).fill('een lange zin als wachtwoord');
		await staff.getByLabel('Herhaal het wachtwoord').fill('een lange zin als wachtwoord');

		// Two municipalities from the official list, with the keyboard: search, Tab, Space; or
		// search and Enter when one is left.
		const search = staff.getByLabel('Zoek een gemeente');
		await search.fill('erme');
		await search.press('Tab');
		await expect(staff.getByRole('checkbox', { name: 'Ermelo' })).toBeFocused();
		await staff.keyboard.press('Space');
		await search.fill('putten');
		await search.press('Enter');
		await expect(staff.getByText('Gekozen: Ermelo, Putten')).toBeVisible();
		await expectAxeClean(staff, 'setup (municipalities chosen)');
		await staff.getByRole('button', { name: 'Account aanmaken' }).click();

		// The wizard's last step offers the starter guides.
		await expect(
			staff.getByRole('heading', { level: 1, name: 'Welkom bij Klankbord' })
		).toBeVisible();
		await expectAxeClean(staff, 'welcome');
		await staff.getByRole('link', { name: 'Ronde maken met ‘Ouders aan het woord’' }).click();
		await expect(staff.getByRole('heading', { level: 1, name: 'Nieuwe ronde' })).toBeVisible();
		await expect(staff.getByLabel('Titel van de ronde')).toHaveValue(
			/^Ouders aan het woord \d{4}$/
		);
		await expect(staff.getByRole('checkbox', { name: 'Ermelo' })).toBeChecked();
		await expect(
			staff.getByRole('group', { name: 'Vraag 1' }).getByLabel('Vraag', { exact: true })
		).toHaveValue('Hoe kwam u bij de hulp terecht?');
		await expectAxeClean(staff, 'new round (starter guide)');

		// The organisation page: the two municipalities, one more added and taken away again.
		await staff.goto('/beheer/organisatie');
		await expect(staff.getByRole('heading', { level: 1, name: 'Organisatie' })).toBeVisible();
		const list = staff.getByRole('region', { name: 'Gemeenten' });
		await expect(list.getByText('Ermelo', { exact: true })).toBeVisible();
		await expect(list.getByText('Putten', { exact: true })).toBeVisible();
		await expectAxeClean(staff, 'organisation');
		await staff.getByLabel('Zoek een gemeente').fill('nunspeet');
		await staff.getByLabel('Zoek een gemeente').press('Enter');
		await staff.getByRole('button', { name: 'Gemeenten toevoegen' }).click();
		await expect(staff.getByText('Gemeenten toegevoegd: 1.')).toBeVisible();
		await expect(list.getByText('Nunspeet', { exact: true })).toBeVisible();
		await list.getByRole('button', { name: 'Nunspeet weghalen' }).click();
		await expect(staff.getByText('De gemeente is weggehaald.')).toBeVisible();
		await expect(list.getByText('Nunspeet', { exact: true })).toHaveCount(0);
		await expectAxeClean(staff, 'organisation (changed)');

		await staff.goto('/beheer');
		await expect(staff.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();
		await expectAxeClean(staff, 'rounds overview');
	});

	await test.step('a municipal user is invited, logs in, and is refused once revoked', async () => {
		await staff.getByRole('link', { name: 'Mensen' }).click();
		await expect(staff.getByRole('heading', { level: 1, name: 'Mensen' })).toBeVisible();
		await expectAxeClean(staff, 'people');
		await staff.getByRole('radio', { name: /^Gemeente/ }).check();
		// No municipality: refused at the field.
		await staff.getByRole('button', { name: 'Uitnodiging maken' }).click();
		await expect(staff.getByText('Kies minstens één gemeente.').first()).toBeVisible();
		await staff.getByRole('checkbox', { name: 'Ermelo' }).check();
		await staff.getByRole('button', { name: 'Uitnodiging maken' }).click();
		await expect(staff.getByRole('heading', { name: 'De uitnodiging is klaar' })).toBeVisible();
		await expect(
			staff.getByRole('img', { name: 'QR-code met de link van de uitnodiging' })
		).toBeVisible();
		await expectAxeClean(staff, 'people (invitation made)');
		const link = new URL(await staff.getByLabel('Link om mee in te loggen').inputValue()).pathname;

		const [councilContext, council] = await open(browser);
		await council.goto(link);
		await expect(
			council.getByRole('heading', { level: 1, name: 'Uw account maken' })
		).toBeVisible();
		await expect(council.getByText(/voor de gemeenten Ermelo/)).toBeVisible();
		await expectAxeClean(council, 'invitation');
		await council.getByLabel('Uw naam').fill('Raadslid Jansen');
		await council.getByLabel('E-mailadres').fill('jansen@ermelo.example');
		await council.getByLabel('Wachtwoord', { exact: true }).fill('nog een lange zin');
		await council.getByLabel('Herhaal het wachtwoord').fill('nog een lange zin');
		await council.getByRole('button', { name: 'Account maken' }).click();
		await expect(council.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();

		// The link worked once.
		const [, again] = await open(browser);
		await again.goto(link);
		await expect(again.getByText(/Deze link werkt niet meer/)).toBeVisible();
		await expectAxeClean(again, 'invitation (used)');

		await staff.reload();
		await staff.getByRole('button', { name: 'Toegang intrekken van Raadslid Jansen' }).click();
		await expect(staff.getByText('Raadslid Jansen heeft geen toegang meer.')).toBeVisible();
		await expectAxeClean(staff, 'people (revoked)');
		// The very next request of the municipal user is refused: back to the login page.
		await council.reload();
		await expect(
			council.getByRole('heading', { level: 1, name: 'Inloggen voor medewerkers' })
		).toBeVisible();
		await councilContext.close();

		await staff.goto('/beheer');
		await expect(staff.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();

		// The link works once: afterwards it says so instead of making a second account.
		const [other, second] = await open(browser);
		await second.goto(setupPath);
		await expect(second.getByText('Er is al een account voor een coördinator.')).toBeVisible();
		await other.close();
	});

	await test.step('the coordinator creates a round; bad input is explained in Dutch', async () => {
		await staff.getByRole('link', { name: 'Nieuwe ronde' }).click();
		await expect(staff.getByRole('heading', { level: 1, name: 'Nieuwe ronde' })).toBeVisible();
		await expectAxeClean(staff, 'new round (empty)');

		// Nothing filled in: every problem is named, with how to fix it.
		await staff.getByRole('button', { name: 'Ronde opslaan' }).click();
		await expect(staff.getByText('Vul een titel in van minstens 3 tekens').first()).toBeVisible();
		await expect(staff.getByText('Kies minstens één gemeente.').first()).toBeVisible();
		await expectAxeClean(staff, 'new round (errors)');

		await staff.getByLabel('Titel van de ronde').fill(ROUND_TITLE);
		await staff.getByRole('radio', { name: 'Ouders' }).check();
		await staff.getByRole('checkbox', { name: 'Ermelo' }).check();
		await staff.getByRole('checkbox', { name: 'Putten' }).check();
		const first = staff.getByRole('group', { name: 'Vraag 1' });
		await first.getByLabel('Soort vraag').selectOption('open');
		await first.getByLabel('Vraag', { exact: true }).fill(OPEN_PROMPT);
		await first.getByLabel('Thema').fill('Wachttijd');
		const second = staff.getByRole('group', { name: 'Vraag 2' });
		await second.getByLabel('Soort vraag').selectOption('scale');
		await second.getByLabel('Vraag', { exact: true }).fill(SCALE_PROMPT);
		await second.getByLabel('Thema').fill('Tevredenheid');
		await second.getByLabel('Woord bij 1').fill('heel slecht');
		await second.getByLabel('Woord bij 5').fill('heel goed');
		await staff.getByRole('button', { name: 'Ronde opslaan' }).click();

		await expect(staff.getByRole('heading', { level: 1, name: ROUND_TITLE })).toBeVisible();
		roundUrl = staff.url();
		await expect(staff.getByText('Gespreksvoerders kunnen pas meedoen')).toBeVisible();
		await expectAxeClean(staff, 'round (concept)');
		await staff.getByRole('button', { name: 'Veldwerk starten' }).click();
		await expect(staff.getByText('Het veldwerk is begonnen.')).toBeVisible();
		await expect(staff.getByRole('img', { name: /QR-code om mee te doen/ })).toBeVisible();
		// Read as a person reads them: the code under "Code om mee te doen", the one under "De avond".
		const joinSection = staff.getByRole('region', { name: 'Code om mee te doen' });
		const eveningSection = staff.getByRole('region', { name: 'De avond', exact: true });
		joinCode = (await joinSection.getByText(/^[A-Z0-9-]{6,}$/).innerText()).trim();
		eveningCode = (await eveningSection.getByText(/^[A-Z0-9]{4,}$/).innerText()).trim();
		expect(joinCode).toMatch(/^[A-Z0-9-]{6,}$/);
		expect(eveningCode).toMatch(/^[A-Z0-9]{4,}$/);
		await expect(eveningSection).toContainText(`Code van de avond: ${eveningCode}`);
		await expectAxeClean(staff, 'round (fieldwork)');
	});

	const [, phone] = await open(browser, PHONE);

	await test.step('an interviewer joins on a phone; a wrong code gets a Dutch message', async () => {
		await phone.goto('/meedoen');
		await expectAxeClean(phone, 'join');
		await phone.getByLabel('Code', { exact: true }).fill('ZZZZ-9999');
		await phone.getByLabel('Je voornaam of een schuilnaam').fill('Mirjam');
		await phone.getByRole('button', { name: 'Meedoen' }).click();
		await expect(phone.getByText('Deze code kennen we niet.').first()).toBeVisible();
		// What was typed stays, so only the code needs fixing.
		await expect(phone.getByLabel('Je voornaam of een schuilnaam')).toHaveValue('Mirjam');
		await expectAxeClean(phone, 'join (wrong code)');

		await joinRound(phone, joinCode.toLowerCase(), 'Mirjam');
		await expect(phone.getByText(`Je doet mee met: ${ROUND_TITLE}`)).toBeVisible();
		await expectAxeClean(phone, 'interviewer home (empty)');
	});

	await test.step('the interviewer records an interview: consent first, then profile, then answers', async () => {
		await phone.getByRole('link', { name: 'Nieuw gesprek' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: 'Nieuw gesprek' })).toBeVisible();
		await expectAxeClean(phone, 'new interview');

		// One screen at a time. No consent: "Volgende" explains what to do and does not go on.
		const next = () => phone.getByRole('button', { name: 'Volgende' }).click();
		await next();
		await expect(
			phone.getByText('Vink aan dat de persoon toestemming heeft gegeven.').first()
		).toBeVisible();
		await expectAxeClean(phone, 'new interview (errors)');
		await phone.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
		await phone.getByRole('radio', { name: 'Mondeling' }).check();
		await next();
		await phone.getByRole('radio', { name: 'Een ouder' }).check();
		await phone.getByRole('radio', { name: '24 of ouder' }).check();
		await phone.getByLabel('Gemeente').selectOption({ label: 'Ermelo' });
		await next();
		await phone.getByLabel(`1. ${OPEN_PROMPT}`).fill('Vier maanden, en niemand belde terug.');
		await next();
		// A forged scale value of 9: refused at its own screen, and nothing typed is lost.
		const scale = phone.getByRole('group', { name: `2. ${SCALE_PROMPT}` });
		await scale.getByRole('radio', { name: '2' }).check();
		await scale.getByRole('radio', { name: '2' }).evaluate((radio: HTMLInputElement) => {
			radio.value = '9';
		});
		await next();
		await expect(phone.getByText('Kies een getal van 1 tot en met 5.').first()).toBeVisible();
		await scale.getByRole('radio', { name: '2' }).evaluate((radio: HTMLInputElement) => {
			radio.value = '2';
		});
		await scale.getByRole('radio', { name: '2' }).check();
		await next();
		await expect(phone.getByRole('heading', { name: 'Overzicht: klopt alles?' })).toBeVisible();
		await expect(phone.getByText('Vier maanden, en niemand belde terug.')).toBeVisible();
		await phone.getByRole('button', { name: 'Gesprek opslaan' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: 'Gesprek verstuurd' })).toBeVisible();
		await expectAxeClean(phone, 'interview saved');
	});

	await test.step('the interviewer writes a finding; empty and overlong text are refused', async () => {
		await phone.getByRole('link', { name: 'Bevinding toevoegen bij dit gesprek' }).click();
		await expect(phone.getByRole('heading', { level: 1, name: 'Nieuwe bevinding' })).toBeVisible();
		await expectAxeClean(phone, 'new finding');

		await phone.getByRole('button', { name: 'Bevinding opslaan' }).click();
		await expect(phone.getByText('Schrijf je bevinding op.').first()).toBeVisible();
		await expectAxeClean(phone, 'new finding (empty)');

		await phone.getByLabel('Bevinding', { exact: true }).fill('x'.repeat(601));
		await phone.getByRole('button', { name: 'Bevinding opslaan' }).click();
		await expect(phone.getByText('Je bevinding is te lang.').first()).toBeVisible();

		// A phone number in the text is flagged to the interviewer before anything is saved.
		await phone.getByLabel('Bevinding', { exact: true }).fill(`${FINDING} Bel 06-12345678.`);
		await expect(phone.getByText(/Let op: hier staat misschien iets/).first()).toBeVisible();
		await expectAxeClean(phone, 'new finding (privacy warning)');
		await phone.getByLabel('Bevinding', { exact: true }).fill(FINDING);
		await phone.getByLabel('Citaat (mag leeg blijven)').fill(QUOTE);
		await phone.getByLabel('Thema').selectOption('Wachttijd');
		await phone.getByRole('button', { name: 'Bevinding opslaan' }).click();
		await expect(phone.getByText('Je bevinding is opgeslagen.')).toBeVisible();
		// Sent from the outbox: it is on the interviewer's home page, as sent.
		await phone.goto('/gesprekken');
		await expect(phone.getByText(FINDING)).toBeVisible();
		await expectAxeClean(phone, 'interviewer home (with finding)');
	});

	await test.step('the coordinator sees counts only, never what was said', async () => {
		await staff.goto(roundUrl);
		await expect(staff.getByText('Gesprekken: 1')).toBeVisible();
		await expect(staff.getByText('Bevindingen: 1')).toBeVisible();
		// The wrong code, the refused interview and the refused findings left nothing behind.
		await expect(staff.getByText('Gespreksvoerders: 1')).toBeVisible();
		const body = await staff.locator('body').innerText();
		expect(body).not.toContain(FINDING);
		expect(body).not.toContain(QUOTE);
		expect(body).not.toContain('niemand belde terug');
		// The audience's list of findings stays shut until the evening opens, also for staff.
		await staff.goto(`/avond/${eveningCode}/bevindingen`);
		await expect(
			staff.getByText('Je kunt alle bevindingen lezen zodra de avond begint.')
		).toBeVisible();
		expect(await staff.locator('body').innerText()).not.toContain(FINDING);
		await expectAxeClean(staff, 'all findings (sealed)');
		// A forged round id is not found, in Dutch, without a stack trace.
		await staff.goto('/beheer/rondes/00000000-0000-4000-8000-000000000000');
		await expect(staff.getByRole('heading', { level: 1 })).toContainText(
			/niet gevonden|bestaat niet/i
		);
		await expectAxeClean(staff, 'round not found');
	});

	const [, presenter] = await open(browser, PHONE);
	await test.step('the group chooses its presenter: Daan volunteers, two others confirm', async () => {
		await joinRound(presenter, joinCode, 'Daan');
		// The organisation has no say: no presenter buttons on the round page.
		await staff.goto(roundUrl);
		await expect(staff.getByText('De gespreksvoerders kiezen zelf wie presenteert')).toBeVisible();
		await expect(staff.getByRole('button', { name: /presentator/i })).toHaveCount(0);

		await presenter.getByRole('link', { name: 'Bekijk je groep en kies wie presenteert' }).click();
		await expect(presenter.getByRole('heading', { level: 1, name: 'Je groep' })).toBeVisible();
		await expectAxeClean(presenter, 'group');
		await presenter.getByRole('button', { name: 'Ik wil presenteren' }).click();
		await expect(presenter.getByText('Je hebt gezegd dat je wilt presenteren.')).toBeVisible();
		await expect(presenter.getByText('Wil presenteren. 0 van de 2 bevestigingen.')).toBeVisible();
		await expectAxeClean(presenter, 'group (volunteered)');

		// Mirjam confirms, with the keyboard.
		await phone.goto('/groep');
		await phone.getByRole('button', { name: 'Bevestig voor Daan' }).focus();
		await phone.keyboard.press('Enter');
		await expect(phone.getByText('Wil presenteren. 1 van de 2 bevestigingen.')).toBeVisible();
		await expect(phone.getByText('Bevestigd door: Mirjam (#1)')).toBeVisible();

		// A second Mirjam is asked to choose another name, at the name field.
		const [, third] = await open(browser, PHONE);
		await third.goto('/meedoen');
		await third.getByLabel('Code', { exact: true }).fill(joinCode);
		await third.getByLabel('Je voornaam of een schuilnaam').fill('mirjam');
		await third.getByRole('button', { name: 'Meedoen' }).click();
		await expect(
			third.getByText('Deze naam is al gekozen in deze ronde.', { exact: false }).first()
		).toBeVisible();
		await expect(third.getByLabel('Je voornaam of een schuilnaam')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expectAxeClean(third, 'join (name taken)');
		await joinRound(third, joinCode, 'Mirjam B.');
		await third.goto('/groep');
		await third.getByRole('button', { name: 'Bevestig voor Daan' }).click();
		await expect(third.getByText('Presenteert', { exact: true })).toBeVisible();
		await expectAxeClean(third, 'group (presenter confirmed)');

		// Taking a confirmation back drops Daan below the quorum; confirming again restores it.
		await third.getByRole('button', { name: 'Trek bevestiging in voor Daan' }).click();
		await expect(third.getByText('Wil presenteren. 1 van de 2 bevestigingen.')).toBeVisible();
		await third.getByRole('button', { name: 'Bevestig voor Daan' }).click();
		await expect(third.getByText('Presenteert', { exact: true })).toBeVisible();
		await third.context().close();
	});

	const [, projector] = await open(browser, PROJECTOR);
	const [, audience] = await open(browser, PHONE);
	await test.step('the projector and a phone in the hall wait for the evening', async () => {
		await projector.goto(`/avond/${eveningCode}/scherm`);
		await expect(projector.getByText('De avond begint zo.')).toBeVisible();
		await expect(projector.getByText('Gesprekken: 1. Bevindingen: 1.')).toBeVisible();
		await expectAxeClean(projector, 'projector (waiting)');
		await audience.goto(`/avond/${eveningCode}`);
		await expect(audience.getByText('De avond is nog niet begonnen.')).toBeVisible();
		await expectAxeClean(audience, 'audience (waiting)');
		// Marks that survive only as long as the page is not reloaded.
		for (const page of [projector, audience]) {
			await page.evaluate(
				() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true)
			);
		}
	});

	await test.step('the presenter opens the evening; every screen follows without reloading', async () => {
		// Daan was last on /groep: his home page now says he presents.
		await presenter.goto('/gesprekken');
		await expect(presenter.getByText('Jij presenteert op de avond')).toBeVisible();
		await presenter.getByRole('link', { name: 'Naar de presentatie' }).click();
		await expect(presenter.getByRole('heading', { level: 1, name: 'Presentatie' })).toBeVisible();
		await expectAxeClean(presenter, 'presenter (before opening)');
		await presenter.getByRole('link', { name: 'Avond openen' }).click();
		await expectAxeClean(presenter, 'presenter (confirm opening)');
		await presenter.getByRole('button', { name: 'Ja, avond openen' }).click();
		await expect(presenter.getByText('Dia 1 van 3')).toBeVisible();
		await expectAxeClean(presenter, 'presenter (live)');

		// The wall's progress reads "1 / 3" and is named "Dia 1 van 3"; the slide is an article.
		const progress = (current: number) => projector.getByLabel(`Dia ${current} van 3`);
		const slide = projector.getByRole('article');
		await expect(progress(1)).toHaveText('1 / 3');
		await expect(projector.getByText(ROUND_TITLE).last()).toBeVisible();

		await presenter.getByRole('button', { name: 'Volgende' }).click();
		await expect(progress(2)).toHaveText('2 / 3');
		await expect(slide).toContainText('Wachttijd');
		await presenter.getByRole('button', { name: 'Volgende' }).click();
		await expect(progress(3)).toHaveText('3 / 3');
		await expect(slide).toContainText(FINDING);
		await expect(slide).toContainText(QUOTE);
		// Had the typed <b> become markup, "drie" would be an element of its own.
		await expect(slide.getByText('drie', { exact: true })).toHaveCount(0);
		await expect(audience.getByText(FINDING)).toBeVisible();
		await expectAxeClean(projector, 'projector (finding)');
		await expectAxeClean(audience, 'audience (finding)');

		await presenter.getByRole('button', { name: 'Vorige' }).click();
		await expect(progress(2)).toHaveText('2 / 3');
		await expect(slide).not.toContainText(FINDING);
		await expect(audience.getByRole('main')).toContainText('Wachttijd');

		for (const page of [projector, audience]) {
			const same = await page.evaluate(
				() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true
			);
			expect(same, `${page.url()} was not reloaded`).toBe(true);
		}
	});

	await test.step('after opening, everyone can read every finding, unchanged', async () => {
		await audience.getByRole('link', { name: 'Lees alle bevindingen' }).click();
		await expect(audience.getByText(FINDING)).toBeVisible();
		await expectAxeClean(audience, 'all findings (open)');
	});

	await test.step('consent withdrawn during the evening: the finding leaves, the fingerprint moves', async () => {
		const fingerprint = projector.getByText(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/).first();
		const before = (await fingerprint.innerText()).trim();
		expect(before).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);

		await phone.goto('/gesprekken');
		await phone.getByText('Toestemming intrekken', { exact: true }).click();
		await expectAxeClean(phone, 'interviewer home (confirm consent withdrawal)');
		await phone.getByRole('button', { name: 'Ja, toestemming intrekken en wissen' }).click();
		await expect(phone.getByText('De toestemming is ingetrokken.')).toBeVisible();
		await expect(phone.getByText('Ingetrokken').first()).toBeVisible();
		await expectAxeClean(phone, 'interviewer home (consent withdrawn)');

		// The wall learns of it without a reload: a new fingerprint (the chain grew).
		await expect(fingerprint).not.toHaveText(before);
		await audience.reload();
		await expect(audience.getByText(FINDING)).toHaveCount(0);
		await staff.goto(roundUrl);
		await expect(staff.getByText('Toestemming ingetrokken: 1')).toBeVisible();
		// While the evening runs the organisation cannot take the board away from the presenters.
		await expect(
			staff.getByText('De avond is bezig. U kunt een presentator nu niet afmelden.')
		).toBeVisible();
		await expect(staff.getByRole('heading', { name: 'De avond is geopend' })).toBeVisible();
		await expect(staff.getByText('U ziet alleen aantallen.')).toHaveCount(0);
		await expect(staff.getByRole('button', { name: /Geen presentator meer/ })).toHaveCount(0);
		await expectAxeClean(staff, 'round (evening live)');
	});

	await test.step('the presenter closes the evening; the coordinator publishes; it still checks out', async () => {
		await presenter.goto('/presentatie');
		await presenter.getByRole('link', { name: 'Avond sluiten' }).click();
		await presenter.getByRole('button', { name: 'Ja, avond sluiten' }).click();
		await expect(presenter.getByText('De avond is gesloten.')).toBeVisible();
		await expect(projector.getByText('Dank je wel dat je er was.')).toBeVisible();

		await staff.goto(roundUrl);
		await staff.getByText('Uitkomsten publiceren', { exact: true }).click();
		await expectAxeClean(staff, 'round (confirm publish)');
		await staff.getByRole('button', { name: 'Ja, publiceren' }).click();
		await expect(staff.getByText('De uitkomsten zijn gepubliceerd.')).toBeVisible();
		// The round's state badge, and the round's life marks "gepubliceerd" as the current phase.
		await expect(staff.locator('.badge').getByText('Gepubliceerd', { exact: true })).toBeVisible();
		await expect(staff.locator('li[aria-current="step"]')).toContainText('Gepubliceerd');

		await staff.getByRole('link', { name: 'Controleer zelf of er niets veranderd is' }).click();
		await expect(staff.getByRole('heading', { name: 'Klopt', exact: true })).toBeVisible();
		await expect(staff.getByRole('main')).toContainText('De avond is geopend');
		await expectAxeClean(staff, 'verify (published round)');
	});

	await test.step('the coordinator signs an interviewer out, after asking once more', async () => {
		await staff.goto(roundUrl);
		await staff.getByText('Afmelden voor Mirjam', { exact: true }).click();
		await expect(
			staff.getByText('Weet u het zeker? Mirjam kan dan niets meer opslaan')
		).toBeVisible();
		await expectAxeClean(staff, 'round (confirm sign-out)');
		await staff.getByRole('button', { name: 'Ja, Mirjam afmelden' }).click();
		await expect(staff.getByText('Mirjam is afgemeld.')).toBeVisible();
		// Mirjam's phone no longer has a session: it is sent back to joining.
		await phone.goto('/gesprekken');
		await expect(phone).toHaveURL(/\/meedoen/);
	});

	await test.step('the language switch turns the page into English and back', async () => {
		await presenter.goto('/gesprekken');
		await presenter.getByRole('button', { name: 'English' }).click();
		await expect(presenter.getByRole('heading', { level: 1 })).toHaveText(/round/i);
		await expect(presenter.locator('html')).toHaveAttribute('lang', 'en');
		await expectAxeClean(presenter, 'interviewer home (English)');
		await presenter.goto('/groep');
		await expect(presenter.getByRole('heading', { level: 1, name: 'Your group' })).toBeVisible();
		await expect(presenter.getByText('Who presents is fixed now.', { exact: false })).toBeVisible();
		await expectAxeClean(presenter, 'group (English, evening opened)');
		await presenter.getByRole('button', { name: 'Nederlands' }).click();
		await expect(presenter.getByRole('heading', { level: 1, name: 'Je groep' })).toBeVisible();
	});
});

// The probe of issue 8, replayed in the browser: the coordinator (Esther, of the demo
// organisation) wants to read the sealed findings of "Ouders aan het woord 2027" before its
// evening. Signed in as staff she cannot join; in a second browser she joins as "Coco" (a second
// "Fatima" is refused) with a fake friend, and still cannot make a presenter, open the evening or
// read a finding.
test('the probe: a coordinator with fake interviewers cannot open the evening or read a finding', async ({
	browser,
	baseURL
}) => {
	const SEALED = 'Ouders moeten vaak meerdere keren bellen voordat ze iemand spreken.';
	const [, staff] = await open(browser);
	await staff.goto('/inloggen');
	await staff.getByLabel('E-mailadres').fill('esther@cjg-noordveluwe.example');
	await staff.getByLabel('Wachtwoord').fill('een lange zin als wachtwoord');
	await staff.getByRole('button', { name: 'Inloggen' }).click();
	await expect(staff.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();

	// Signed in as staff: joining is refused, with the message at the top of the form.
	await staff.goto('/meedoen?code=DEMO-OUDR');
	await expect(
		staff.getByText('Je bent ingelogd als medewerker. Log eerst uit om mee te doen.').first()
	).toBeVisible();
	await staff.getByLabel('Je voornaam of een schuilnaam').fill('Coco');
	await staff.getByRole('button', { name: 'Meedoen' }).click();
	await expect(staff.getByRole('alert')).toContainText('Log eerst uit om mee te doen.');
	await expectAxeClean(staff, 'join (signed in as staff)');
	await staff.goto('/beheer');
	await expect(staff.getByRole('heading', { level: 1, name: 'Rondes' })).toBeVisible();

	// In another browser: a second Fatima is refused; Coco and a friend get in.
	const [, coco] = await open(browser, PHONE);
	await coco.goto('/meedoen');
	await coco.getByLabel('Code', { exact: true }).fill('DEMO-OUDR');
	await coco.getByLabel('Je voornaam of een schuilnaam').fill('Fátima');
	await coco.getByRole('button', { name: 'Meedoen' }).click();
	await expect(coco.getByText('Deze naam is al gekozen in deze ronde.').first()).toBeVisible();
	await joinRound(coco, 'DEMO-OUDR', 'Coco');
	const [, friend] = await open(browser, PHONE);
	await joinRound(friend, 'DEMO-OUDR', 'Vriendin van Coco');

	// The coordinator's round page has no way to make anyone presenter. (This coordinator runs the
	// journey's organisation, not the demo's; tests/db/presenters-peers.test.ts tries the same with
	// the round's own coordinator and fake interviewers, through every api function.)
	await staff.getByRole('link', { name: ROUND_TITLE }).click();
	await expect(staff.getByRole('heading', { level: 1, name: ROUND_TITLE })).toBeVisible();
	await expect(staff.getByRole('button', { name: /presentator/i })).toHaveCount(0);

	// Coco volunteers, the friend confirms: one of two. Not a presenter.
	await coco.goto('/groep');
	await coco.getByRole('button', { name: 'Ik wil presenteren' }).click();
	await friend.goto('/groep');
	await friend.getByRole('button', { name: 'Bevestig voor Coco' }).click();
	await expect(friend.getByText('Wil presenteren. 1 van de 2 bevestigingen.')).toBeVisible();
	await coco.goto('/presentatie');
	await expect(coco.getByRole('heading', { level: 1 })).not.toHaveText('Presentatie');

	// Opening the evening directly, as the probe did: refused.
	for (const page of [coco, staff]) {
		const response = await page.request.post('/presentatie?/open', {
			form: {},
			headers: { origin: baseURL!, 'x-sveltekit-action': 'true' }
		});
		// An enhanced form post answers 200 with the outcome in its body: Coco gets an error (not a
		// presenter), the staff session is sent to /meedoen (not an interviewer). Never opened.
		const outcome = (await response.json()) as { type: string; location?: string };
		expect([outcome.type, outcome.location]).toEqual(
			page === coco ? ['error', undefined] : ['redirect', '/meedoen']
		);
	}
	// Nothing of the round's findings is readable anywhere.
	// "/bevindingen" (the group's findings) opens only for who has sent an interview or a finding.
	for (const path of [
		'/bevindingen',
		'/avond/OUDR27/bevindingen',
		'/verifieer/OUDR27',
		'/verifieer/OUDR27/gegevens'
	]) {
		await coco.goto(path);
		await expect(coco.getByText(SEALED)).toHaveCount(0);
		expect(await coco.content()).not.toContain(SEALED);
	}
	const board = await coco.request.get('/avond/OUDR27');
	expect(await board.text()).not.toContain(SEALED);
});
