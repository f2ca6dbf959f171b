// One question per screen on a 360×640 phone (issue 9), with the keyboard only: consent first,
// the guardian's consent asked for once the age says under 16, one question per screen with
// "Vraag n van 5", back and next keep every answer, a reload comes back at the same screen, the
// overview jumps to any question and back, and every screen state is axe-clean.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAxeClean } from './axe';
import { OPEN } from './phone';

test.use({
	viewport: { width: 360, height: 640 },
	isMobile: true,
	hasTouch: true,
	locale: 'nl-NL'
});

/** Tab (only the keyboard) until `target` has the focus. */
async function tabTo(page: Page, target: Locator) {
	for (let presses = 0; presses < 40; presses++) {
		if (await target.evaluate((element) => element === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error(`Tab never reached ${target}`);
}

async function pressButton(page: Page, name: string) {
	await tabTo(page, page.getByRole('button', { name, exact: true }));
	await page.keyboard.press('Enter');
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });

test('one question per screen, keyboard only: back, next, overview, jump', async ({ page }) => {
	test.setTimeout(90_000);
	await page.goto('/meedoen');
	await page.getByLabel('Code', { exact: true }).fill('DEMO-OUDR');
	await page.getByLabel('Je voornaam of een schuilnaam').fill('Stappen');
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	await page.goto('/gesprekken/nieuw');
	await expect(page.getByRole('progressbar', { name: 'Voortgang' })).toBeVisible();

	// A compact top on a phone (the header alone took 204 px): the page starts within 90 px and
	// the first screen's heading is within reach.
	const main = await page.locator('main').boundingBox();
	expect(main!.y).toBeLessThanOrEqual(90);
	const top = await heading(page, 'Stap 1: toestemming').boundingBox();
	expect(top!.y).toBeLessThan(260);
	await expectAxeClean(page, 'steps: consent');

	// No consent: the screen says so and does not go on.
	await pressButton(page, 'Volgende');
	await expect(
		page.getByText('Vink aan dat de persoon toestemming heeft gegeven.').first()
	).toBeVisible();
	await expectAxeClean(page, 'steps: consent (error)');
	await tabTo(page, page.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('radio', { name: 'Mondeling' }));
	await page.keyboard.press('Space');
	// The fixed field's error is gone at once, before "Volgende".
	await expect(page.getByText('Vink aan dat de persoon toestemming heeft gegeven.')).toHaveCount(0);
	await pressButton(page, 'Volgende');

	await expect(heading(page, 'Stap 2: over de persoon')).toBeFocused();
	await tabTo(page, page.getByRole('radio', { name: 'Een ouder' }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByRole('radio', { name: 'Jonger dan 12' }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByLabel('Gemeente', { exact: true }));
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('Gemeente', { exact: true })).not.toHaveValue('');
	await expectAxeClean(page, 'steps: profile');
	// Under 16: back to the consent screen, for the parent's or guardian's consent.
	await pressButton(page, 'Volgende');
	await expect(heading(page, 'Stap 1: toestemming')).toBeVisible();
	await expect(page.getByText('Deze persoon is jonger dan 16.').first()).toBeVisible();
	await tabTo(page, page.getByRole('checkbox', { name: /ouder of voogd/ }));
	await page.keyboard.press('Space');
	await pressButton(page, 'Volgende');
	await pressButton(page, 'Volgende');

	await expect(heading(page, 'Vraag 1 van 5')).toBeFocused();
	await tabTo(page, page.getByLabel(`1. ${OPEN}`));
	await page.keyboard.type('Via de huisarts.');
	await expectAxeClean(page, 'steps: open question');
	await pressButton(page, 'Volgende');

	await expect(heading(page, 'Vraag 2 van 5')).toBeFocused();
	const scale = page.getByRole('group', { name: /^2\. / });
	await tabTo(page, scale.getByRole('radio', { name: '1' }));
	await page.keyboard.press('ArrowRight');
	await expect(scale.getByRole('radio', { name: '2' })).toBeChecked();
	await expectAxeClean(page, 'steps: scale question');

	// Back and next lose nothing.
	await pressButton(page, 'Vorige');
	await expect(page.getByLabel(`1. ${OPEN}`)).toHaveValue('Via de huisarts.');
	await pressButton(page, 'Volgende');
	await expect(scale.getByRole('radio', { name: '2' })).toBeChecked();

	// A reload (or a closed tab) comes back at this screen.
	await page.reload();
	await expect(page.getByText('Je was hier gebleven.')).toBeVisible();
	await expect(heading(page, 'Vraag 2 van 5')).toBeVisible();
	await expect(scale.getByRole('radio', { name: '2' })).toBeChecked();

	for (const n of [3, 4, 5]) {
		await pressButton(page, 'Volgende');
		await expect(heading(page, `Vraag ${n} van 5`)).toBeFocused();
	}
	await pressButton(page, 'Volgende');
	await expect(heading(page, 'Overzicht: klopt alles?')).toBeFocused();
	const overview = page.locator('dl.overview');
	await expect(overview).toContainText('Via de huisarts.');
	await expect(overview).toContainText('Ja, mondeling');
	await expect(overview).toContainText('Ouder of voogd gaf ook toestemming');
	await expect(overview).toContainText('Niet ingevuld');
	await expectAxeClean(page, 'steps: overview');

	// Jump to question 1, change it, and straight back to the overview.
	await pressButton(page, 'Wijzig: Vraag 1 van 5');
	await expect(heading(page, 'Vraag 1 van 5')).toBeFocused();
	await tabTo(page, page.getByLabel(`1. ${OPEN}`));
	await page.keyboard.type(' Daarna de wijkcoach.');
	await pressButton(page, 'Naar het overzicht');
	await expect(heading(page, 'Overzicht: klopt alles?')).toBeFocused();
	await expect(overview).toContainText('Via de huisarts. Daarna de wijkcoach.');

	await pressButton(page, 'Gesprek opslaan');
	await expect(page.getByRole('heading', { level: 1, name: 'Gesprek verstuurd' })).toBeVisible();
});

test('without JavaScript it is one long form that the server checks', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-NL' });
	const page = await context.newPage();
	await page.goto('/meedoen');
	await page.getByLabel('Code', { exact: true }).fill('DEMO-OUDR');
	await page.getByLabel('Je voornaam of een schuilnaam').fill('ZonderScript');
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await page.goto('/gesprekken/nieuw');
	// Every screen at once, no step buttons.
	await expect(page.getByLabel(`1. ${OPEN}`)).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Mondeling' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Volgende' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
	await expect(
		page.getByText('Vink aan dat de persoon toestemming heeft gegeven.').first()
	).toBeVisible();
	await context.close();
});
