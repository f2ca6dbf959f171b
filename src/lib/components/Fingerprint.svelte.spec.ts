import { describe, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import Fingerprint from './Fingerprint.svelte';

// The page the fingerprint is shown on: the projector of evening JONG27.
vi.mock('$app/state', () => ({
	page: { url: new URL('https://klankbord.example/avond/JONG27/scherm') }
}));

const FINGERPRINT = '3F9A-0C1B-77D2-E4A8';

describe('Fingerprint', () => {
	test('shows the fingerprint with a link that checks exactly what this screen showed', async () => {
		await render(Fingerprint, { fingerprint: FINGERPRINT, code: 'JONG27' });
		await expect.element(page.getByText('Vingerafdruk')).toBeVisible();
		await expect.element(page.getByText(FINGERPRINT)).toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Controleer zelf' }))
			.toHaveAttribute('href', `/verifieer/JONG27?vingerafdruk=${encodeURIComponent(FINGERPRINT)}`);
		// On a phone the link is enough: no address spelled out.
		await expect
			.element(page.getByText('klankbord.example/verifieer/JONG27'))
			.not.toBeInTheDocument();
	});

	test('on the wall it spells out the address too, since nobody clicks a projector', async () => {
		await render(Fingerprint, { fingerprint: FINGERPRINT, code: 'JONG27', big: true });
		await expect.element(page.getByText('klankbord.example/verifieer/JONG27')).toBeVisible();
		await expect.element(page.getByText(FINGERPRINT)).toBeVisible();
	});
});
