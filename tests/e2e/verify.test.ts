// Promise 3 as a person meets it: the fingerprint on the wall, on a phone and under "alle
// bevindingen" is the one the check page recomputes in the browser, which then says "Klopt".
// Every state (klopt, klopt niet, sealed, unknown code, no JavaScript, English) is scanned with axe.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
const FINGERPRINT = /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/;

/** A page that records every uncaught error and console error, to assert none happened. */
async function open(browser: Browser, options = {}) {
	const context = await browser.newContext({ locale: 'nl-NL', ...options });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	return { page, errors };
}

const fingerprintOn = (page: Page) => page.getByText(FINGERPRINT).first();

test('the demo evening checks out: the same fingerprint on every screen, and "Klopt"', async ({
	browser
}) => {
	const wall = await open(browser, PROJECTOR);
	await wall.page.goto('/avond/JONG27/scherm');
	await expect(wall.page.getByText('Vingerafdruk', { exact: true })).toBeVisible();
	const shown = (await fingerprintOn(wall.page).innerText()).trim();
	expect(shown).toMatch(FINGERPRINT);
	await expectAxeClean(wall.page, 'projector with fingerprint');

	const phone = await open(browser, PHONE);
	await phone.page.goto('/avond/JONG27');
	await expect(fingerprintOn(phone.page)).toHaveText(shown);
	await phone.page.getByRole('link', { name: 'Lees alle bevindingen' }).click();
	await expect(fingerprintOn(phone.page)).toHaveText(shown);
	await expectAxeClean(phone.page, 'all findings with fingerprint');

	await phone.page.getByRole('link', { name: 'Controleer zelf' }).click();
	await expect(
		phone.page.getByRole('heading', { level: 1, name: 'Controleer zelf' })
	).toBeVisible();
	await expect(phone.page.getByRole('heading', { name: 'Klopt', exact: true })).toBeVisible();
	await expect(
		phone.page.getByText('De vingerafdruk die je zag, is de vingerafdruk van nu.')
	).toBeVisible();
	await expect(fingerprintOn(phone.page)).toHaveText(shown);
	await expect(phone.page.getByLabel('Vingerafdruk die je zag (mag leeg blijven)')).toHaveValue(
		shown
	);
	// The public trail: counts and who opened the evening.
	await expect(phone.page.getByRole('heading', { name: 'Wat er gebeurde' })).toBeVisible();
	await expect(phone.page.getByText('De avond is geopend')).toBeVisible();
	await expect(phone.page.getByText('Door: #1')).toBeVisible();
	await expectAxeClean(phone.page, 'verify (klopt)');

	// A fingerprint that was never on any screen: "Klopt niet", saying which one and what to do.
	await phone.page
		.getByLabel('Vingerafdruk die je zag (mag leeg blijven)')
		.fill('0000-1111-2222-3333');
	await phone.page.getByRole('button', { name: 'Vergelijk' }).click();
	await expect(phone.page.getByRole('heading', { name: 'Klopt niet', exact: true })).toBeVisible();
	await expect(
		phone.page.getByText(/De vingerafdruk die je zag, 0000-1111-2222-3333/)
	).toBeVisible();
	await expectAxeClean(phone.page, 'verify (klopt niet)');

	await phone.page.goto('/verifieer/JONG27');
	await phone.page.getByRole('button', { name: 'English' }).click();
	await expect(phone.page.getByRole('heading', { name: 'Correct', exact: true })).toBeVisible();
	await expectAxeClean(phone.page, 'verify (English)');
	await phone.page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(phone.page.getByRole('heading', { name: 'Klopt', exact: true })).toBeVisible();

	expect([...wall.errors, ...phone.errors]).toEqual([]);
});

test('the data download is exactly what the page checks, and public', async ({ request }) => {
	const response = await request.get('/verifieer/jong27/gegevens');
	expect(response.status()).toBe(200);
	expect(response.headers()['cache-control']).toContain('max-age');
	expect(response.headers()['content-type']).toContain('application/json');
	const data = await response.json();
	expect(data).toMatchObject({ sealed: false, round: { evening_code: 'JONG27' } });
	expect(data.fingerprint).toMatch(FINGERPRINT);
	expect(data.entries.length).toBeGreaterThan(0);
	const sealed = await (await request.get('/verifieer/OUDR27/gegevens')).json();
	expect(sealed).toEqual({
		sealed: true,
		round: { title: 'Ouders aan het woord 2027', evening_code: 'OUDR27', state: 'veldwerk' }
	});
	expect((await request.get('/verifieer/ZZZZ99/gegevens')).status()).toBe(404);
});

test('a sealed round explains when checking becomes possible; its wall shows no fingerprint', async ({
	browser
}) => {
	const phone = await open(browser, PHONE);
	await phone.page.goto('/verifieer/oudr27');
	await expect(phone.page).toHaveURL(/\/verifieer\/OUDR27$/);
	await expect(
		phone.page.getByText('Deze ronde is nog bezig. Controleren kan zodra de avond begint.')
	).toBeVisible();
	await expect(phone.page.getByRole('heading', { name: 'Klopt', exact: true })).toHaveCount(0);
	await expectAxeClean(phone.page, 'verify (sealed)');

	const wall = await open(browser, PROJECTOR);
	await wall.page.goto('/avond/OUDR27/scherm');
	await expect(wall.page.getByText('De avond begint zo.')).toBeVisible();
	await expect(wall.page.getByText('Vingerafdruk', { exact: true })).toHaveCount(0);
	expect([...phone.errors, ...wall.errors]).toEqual([]);
});

test('an unknown code gets a friendly Dutch page', async ({ browser }) => {
	const phone = await open(browser, PHONE);
	const response = await phone.page.goto('/verifieer/ZZZZ99');
	expect(response?.status()).toBe(404);
	await expect(phone.page.getByRole('heading', { level: 1, name: 'Niet gevonden' })).toBeVisible();
	await expect(phone.page.getByText('Er is geen avond met deze code.')).toBeVisible();
	await expectAxeClean(phone.page, 'verify (unknown code)');
	// The only console error allowed is the browser noting the 404 status itself.
	expect(phone.errors.filter((e) => !e.includes('404'))).toEqual([]);
});

test('without JavaScript the page says why and offers the data and the program', async ({
	browser
}) => {
	const phone = await open(browser, { ...PHONE, javaScriptEnabled: false });
	await phone.page.goto('/verifieer/JONG27');
	await expect(phone.page.getByText(/Daarvoor is JavaScript nodig/)).toBeVisible();
	await expect(phone.page.getByRole('link', { name: 'Download de gegevens (JSON)' })).toBeVisible();
	await expect(phone.page.getByText(/npm run verify -- JONG27/)).toBeVisible();
	await expect(phone.page.getByRole('heading', { name: 'Klopt', exact: true })).toHaveCount(0);
	// axe runs as a script in the page, so it cannot scan a page without JavaScript; this is the
	// same markup as the scanned states plus the <noscript> notice (a plain paragraph).
	if (process.env.KLANKBORD_SCREENSHOTS) {
		await phone.page.screenshot({
			path: `${process.env.KLANKBORD_SCREENSHOTS}/verify-no-javascript.png`,
			fullPage: true
		});
	}
});
