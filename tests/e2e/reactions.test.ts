// The hall's phones on the seeded live evening JONG27: a reaction is a button with a name and a
// state, a second tap takes it back, the count follows live, and a phone that taps too much gets
// a polite Dutch sentence instead of an error.
import { expect, test } from '@playwright/test';
import { expectAxeClean } from './axe';

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

test('a phone reacts, takes it back, and is told kindly when it taps too much', async ({
	browser
}) => {
	const context = await browser.newContext({ locale: 'nl-NL', ...PHONE });
	const page = await context.newPage();
	await page.goto('/avond/JONG27');
	// The round title once: as the page heading, not again on the title slide.
	await expect(page.getByText('Jongeren aan het woord 2027', { exact: true })).toHaveCount(1);

	const herkenbaar = page.getByRole('button', { name: /^Herkenbaar/ });
	await expect(herkenbaar).toHaveAttribute('aria-pressed', 'false');
	await expectAxeClean(page, 'audience with reactions');

	await herkenbaar.click();
	await expect(herkenbaar).toHaveAttribute('aria-pressed', 'true');
	await expect(herkenbaar).toHaveAccessibleName('Herkenbaar 1');
	await herkenbaar.click();
	await expect(herkenbaar).toHaveAttribute('aria-pressed', 'false');
	await expect(herkenbaar).toHaveAccessibleName('Herkenbaar 0');

	// 30 taps a minute per phone: the 31st is refused with a sentence, and nothing breaks.
	const verrast = page.getByRole('button', { name: /^Dit verrast me/ });
	for (let i = 2; i < 30; i++) {
		await verrast.click();
		await expect(verrast).toHaveAttribute('aria-pressed', i % 2 === 0 ? 'true' : 'false');
	}
	await verrast.click();
	await expect(page.getByText('Je tikt heel snel. Wacht een minuutje')).toBeVisible();
	await expectAxeClean(page, 'audience reaction refused');
	await context.close();
});
