// Correcting an interview from "my interviews" (issue 9, item 6) on a 360×640 phone: the
// interviewer sends an interview, opens it again, sees what was sent (consent, profile, answers),
// changes an answer and the profile and sees the corrected values; a bad value is refused at its
// field with everything kept; the privacy help and the length counter work as on a new
// interview; offline the page says calmly that a correction needs internet. Once a presenter of
// the round opens the evening, a correction is refused in Dutch, and the page says so.
//
// On a round of its own, made by the coordinator from a starter guide, so opening its evening
// changes no round another file uses. Runs on the second server (ALONE in playwright.config.ts):
// on the shared one it would run before journey.test.ts and spend the setup link that file needs.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';
import { signInCoordinator } from './coordinator';

const PHONE = {
	locale: 'nl-NL',
	viewport: { width: 360, height: 640 },
	isMobile: true,
	hasTouch: true
};
test.use(PHONE);

const ROUND = 'Gesprekken verbeteren 2027';
const OPEN = '1. Hoe kwam u bij de hulp terecht?';
const SCALE = '3. Voelde u zich gehoord door de hulpverleners?';
const FROZEN =
	'De avond is geopend. Gesprekken liggen nu vast: je kunt ze niet meer wijzigen. Toestemming intrekken kan wel.';

/** The coordinator makes the round from the parents' starter guide and starts the fieldwork. */
async function makeRound(browser: Browser): Promise<string> {
	const context = await browser.newContext({ locale: 'nl-NL' });
	const staff = await context.newPage();
	await signInCoordinator(staff);
	await staff.goto('/beheer/welkom');
	await staff.getByRole('link', { name: 'Ronde maken met ‘Ouders aan het woord’' }).click();
	await staff.getByLabel('Titel van de ronde').fill(ROUND);
	await staff.getByRole('button', { name: 'Ronde opslaan' }).click();
	await staff.getByRole('button', { name: 'Veldwerk starten' }).click();
	const link = await staff.getByRole('link', { name: /meedoen\?code=/ }).getAttribute('href');
	await context.close();
	return link!;
}

async function join(browser: Browser, joinUrl: string, name: string): Promise<Page> {
	const page = await (await browser.newContext(PHONE)).newPage();
	await page.goto(joinUrl);
	await page.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	return page;
}

/** The card of the one interview on "my interviews". */
const card = (page: Page) =>
	page.getByRole('region', { name: 'Mijn gesprekken' }).getByRole('listitem').first();

test('an interviewer corrects an interview until the evening opens', async ({ browser }) => {
	test.setTimeout(150_000);
	const joinUrl = await makeRound(browser);
	const fenna = await join(browser, joinUrl, 'Fenna');

	await test.step('Fenna sends an interview', async () => {
		await fenna.goto('/gesprekken/nieuw');
		await fenna.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
		await fenna.getByRole('radio', { name: 'Mondeling' }).check();
		await fenna.getByRole('button', { name: 'Volgende' }).click();
		await fenna.getByRole('radio', { name: 'Een ouder' }).check();
		await fenna.getByRole('radio', { name: '24 of ouder' }).check();
		await fenna.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Putten' });
		await fenna.getByRole('button', { name: 'Volgende' }).click();
		await fenna.getByLabel(OPEN).fill('Via de huisarts, na een lange tijd.');
		for (let question = 1; question <= 6; question++) {
			await fenna.getByRole('button', { name: 'Volgende' }).click();
		}
		await fenna.getByRole('button', { name: 'Gesprek opslaan' }).click();
		await expect(fenna.getByRole('heading', { level: 1, name: 'Gesprek verstuurd' })).toBeVisible();
	});

	await test.step('she opens it from "my interviews" and sees what she sent', async () => {
		await fenna.goto('/gesprekken');
		await expect(card(fenna)).toContainText('Putten, leeftijd: 24 of ouder');
		await card(fenna).scrollIntoViewIfNeeded();
		await fenna.screenshot({ path: '/tmp/correct-list-360.png' });
		await card(fenna).getByRole('link', { name: 'Gesprek wijzigen' }).click();
		await expect(fenna.getByRole('heading', { level: 1, name: 'Gesprek wijzigen' })).toBeVisible();
		await expect(
			fenna.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' })
		).toBeChecked();
		await expect(fenna.getByRole('radio', { name: 'Mondeling' })).toBeChecked();
		await expect(fenna.getByRole('radio', { name: 'Een ouder' })).toBeChecked();
		await expect(fenna.getByRole('radio', { name: '24 of ouder' })).toBeChecked();
		await expect(fenna.getByLabel('Gemeente', { exact: true })).toHaveValue(/.+/);
		await expect(
			fenna.getByLabel('Gemeente', { exact: true }).locator('option:checked')
		).toHaveText('Putten');
		await expect(fenna.getByLabel(OPEN)).toHaveValue('Via de huisarts, na een lange tijd.');
		await fenna.screenshot({ path: '/tmp/correct-360.png' });
		await expectAxeClean(fenna, 'correct: as sent');
	});

	await test.step('a bad value is refused at its field; nothing typed is lost', async () => {
		const open = fenna.getByLabel(OPEN);
		// Near the limit the counter shows; over it, it says by how much (never a silent cut).
		const long = 'Het duurde lang. '.repeat(250).trim();
		await open.fill(long);
		await expect(fenna.getByText(/Te lang: \d+ van 4000 tekens/)).toBeVisible();
		// Under 16 without the parent's or guardian's consent.
		await fenna.getByRole('radio', { name: '12 tot en met 15' }).check();
		await fenna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(fenna.getByRole('alert').first()).toContainText('Er gaat nog iets mis.');
		await expect(open).toHaveAttribute('aria-invalid', 'true');
		await expect(open).toHaveAccessibleDescription(/Dit antwoord is te lang/);
		await expect(open).toHaveValue(long);
		const guardian = fenna.getByRole('checkbox', { name: /ouder of voogd/ });
		await expect(guardian).toHaveAttribute('aria-invalid', 'true');
		await expect(guardian).toHaveAccessibleDescription(/Deze persoon is jonger dan 16/);
		await expect(fenna.getByRole('radio', { name: '12 tot en met 15' })).toBeChecked();
		await fenna.screenshot({ path: '/tmp/correct-360-refused.png', fullPage: true });
		await expectAxeClean(fenna, 'correct: refused at its field');
	});

	await test.step('the privacy help warns at the spot, as on a new interview', async () => {
		await fenna.getByLabel(OPEN).fill('Bel Daan op 06 12345678 als er iets is.');
		await expect(fenna.getByText(/Let op: hier staat misschien iets/)).toBeVisible();
		await fenna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(fenna.getByRole('alert').first()).toContainText(
			'Een tekst lijkt iemand herkenbaar te maken.'
		);
		await expectAxeClean(fenna, 'correct: privacy warning');
	});

	await test.step('she changes an answer and the profile, saves, and sees the new values', async () => {
		await fenna.getByLabel(OPEN).fill('Via school, dat ging snel.');
		await fenna.getByRole('radio', { name: '18 tot en met 23' }).check();
		await fenna.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Ermelo' });
		await fenna.getByRole('group', { name: SCALE }).getByRole('radio', { name: '4' }).check();
		await fenna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(
			fenna.getByRole('status').filter({ hasText: 'Je wijzigingen zijn opgeslagen.' })
		).toBeVisible();
		// What the server has now, on a fresh load.
		await fenna.reload();
		await expect(fenna.getByLabel(OPEN)).toHaveValue('Via school, dat ging snel.');
		await expect(fenna.getByRole('radio', { name: '18 tot en met 23' })).toBeChecked();
		await expect(
			fenna.getByLabel('Gemeente', { exact: true }).locator('option:checked')
		).toHaveText('Ermelo');
		await expect(
			fenna.getByRole('group', { name: SCALE }).getByRole('radio', { name: '4' })
		).toBeChecked();
		await expectAxeClean(fenna, 'correct: saved');
		await fenna.goto('/gesprekken');
		await expect(card(fenna)).toContainText('Ermelo, leeftijd: 18 tot en met 23');
	});

	await test.step('offline, the page and saving say calmly that a correction needs internet', async () => {
		// "My interviews" kept by the service worker; the correction page is not (it needs the server).
		await fenna.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await fenna.reload();
		await expect
			.poll(() => fenna.evaluate(() => navigator.serviceWorker.controller !== null))
			.toBe(true);
		await fenna.reload();
		await fenna.context().setOffline(true);
		await fenna.reload();
		await card(fenna).getByRole('link', { name: 'Gesprek wijzigen' }).click();
		await expect(fenna.getByRole('heading', { level: 1, name: 'Je bent offline' })).toBeVisible();
		await expectAxeClean(fenna, 'correct: opened offline', {
			english: { skip: 'offline: the English twin (online) cannot show this state' }
		});
		await fenna.context().setOffline(false);

		await fenna.goto('/gesprekken');
		await card(fenna).getByRole('link', { name: 'Gesprek wijzigen' }).click();
		await fenna.getByLabel(OPEN).fill('Via school, dat ging heel snel.');
		await fenna.context().setOffline(true);
		await fenna.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(
			fenna.getByText('Een gesprek wijzigen kan alleen met internet', { exact: false })
		).toBeVisible();
		await expect(fenna.getByLabel(OPEN)).toHaveValue('Via school, dat ging heel snel.');
		await fenna.screenshot({ path: '/tmp/correct-360-offline.png' });
		await expectAxeClean(fenna, 'correct: offline', {
			english: { skip: 'offline: the English twin (online) cannot show this state' }
		});
		await fenna.context().setOffline(false);
		await fenna.reload();
		await expect(fenna.getByLabel(OPEN)).toHaveValue('Via school, dat ging snel.');
	});

	await test.step('without JavaScript: the server holds identifying text until "toch opslaan"', async () => {
		const context = await browser.newContext({
			...PHONE,
			javaScriptEnabled: false,
			storageState: await fenna.context().storageState()
		});
		const plain = await context.newPage();
		await plain.goto(fenna.url());
		await plain.getByLabel(OPEN).fill('De buurvrouw belde de huisarts: 06 12345678.');
		await plain.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(plain.getByRole('alert').first()).toContainText(
			'Een tekst lijkt iemand herkenbaar te maken.'
		);
		await expect(plain.getByLabel(OPEN)).toHaveValue(
			'De buurvrouw belde de huisarts: 06 12345678.'
		);
		// axe runs as a script in the page, which this context does not allow: the same state (the
		// server's answer to a plain form post) is scanned in a page with JavaScript below.
		await plain.getByRole('checkbox', { name: 'Ik heb het gecontroleerd. Toch opslaan.' }).check();
		await plain.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(plain.getByText('Je wijzigingen zijn opgeslagen.')).toBeVisible();
		await expect(plain.getByLabel(OPEN)).toHaveValue(
			'De buurvrouw belde de huisarts: 06 12345678.'
		);
		await context.close();

		await fenna.reload();
		await fenna.getByLabel(OPEN).fill('Haar nummer is 06 12345678.');
		// A plain post, as without JavaScript (form.submit() skips the enhanced submit handler).
		await fenna
			.locator('form[method="POST"]')
			.last()
			.evaluate((form: HTMLFormElement) => form.submit());
		await expect(fenna.getByRole('alert').first()).toContainText(
			'Een tekst lijkt iemand herkenbaar te maken.'
		);
		await expectAxeClean(fenna, 'correct: held for identifying text by the server');
	});

	const correction = new URL(fenna.url()).pathname;
	await test.step('once the evening opens, a correction is refused in Dutch', async () => {
		// A second tab with the form still open from before the opening.
		const stale = await fenna.context().newPage();
		await stale.goto(correction);
		await expect(stale.getByLabel(OPEN)).toBeVisible();

		await fenna.goto('/groep');
		await fenna.getByRole('button', { name: 'Ik wil presenteren' }).click();
		for (const name of ['Gijs', 'Hanna']) {
			const peer = await join(browser, joinUrl, name);
			if (name === 'Gijs') {
				// Someone else's interview: not found, in words that say what to do.
				await peer.goto(correction);
				await expect(peer.getByRole('main')).toContainText(
					'Dit gesprek staat niet bij jouw gesprekken.'
				);
				await expectAxeClean(peer, 'correct: not yours');
			}
			await peer.goto('/groep');
			await peer.getByRole('button', { name: 'Bevestig voor Fenna' }).click();
			await peer.context().close();
		}
		await fenna.goto('/presentatie');
		await fenna.getByRole('link', { name: 'Avond openen' }).click();
		await fenna.getByRole('button', { name: 'Ja, avond openen' }).click();
		await expect(fenna.getByRole('link', { name: 'Avond sluiten' })).toBeVisible();

		await stale.getByLabel(OPEN).fill('Na de opening toch nog anders.');
		await stale.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
		await expect(stale.getByRole('alert').first()).toContainText(FROZEN);
		await expect(stale.getByLabel(OPEN)).toHaveValue('Na de opening toch nog anders.');
		await expectAxeClean(stale, 'correct: refused after the opening');

		// Loaded now: no form, the same sentence; "my interviews" offers no correction any more.
		await stale.reload();
		await expect(stale.getByText(FROZEN)).toBeVisible();
		await expect(stale.getByRole('button', { name: 'Wijzigingen opslaan' })).toHaveCount(0);
		await expectAxeClean(stale, 'correct: frozen');
		await stale.goto('/gesprekken');
		await expect(card(stale).getByRole('link', { name: 'Gesprek wijzigen' })).toHaveCount(0);
	});

	await test.step('withdrawn, the interview has nothing left to change, and the page says so', async () => {
		await fenna.goto('/gesprekken');
		await card(fenna).getByText('Toestemming intrekken', { exact: true }).click();
		await fenna.getByRole('button', { name: 'Ja, toestemming intrekken en wissen' }).click();
		await expect(fenna.getByText('De toestemming is ingetrokken.')).toBeVisible();
		await fenna.goto(correction);
		await expect(fenna.getByText('Dit gesprek is ingetrokken.')).toBeVisible();
		await expect(fenna.getByRole('button', { name: 'Wijzigingen opslaan' })).toHaveCount(0);
		await expectAxeClean(fenna, 'correct: withdrawn');
	});
});
