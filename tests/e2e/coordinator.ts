// The e2e coordinator, for files that must also run alone: signs in as the coordinator
// journey.test.ts makes, or (run alone) makes them for the demo organisation with the setup link,
// and publishes the demo's closed 2026 round when it is theirs and not yet published.
import { expect, test, type Page } from '@playwright/test';
import { ALONE_DATA_DIR, ALONE_PORT, E2E_DATA_DIR } from '../../playwright.config';
import { readSetupLink } from './setup-link';
export const COORDINATOR = {
	email: 'esther@cjg-noordveluwe.example',
	password: 'een lange zin als wachtwoord'
};
export async function signInCoordinator(page: Page): Promise<void> {
	// The project's server: the shared one, or the one of its own (see playwright.config.ts).
	const BASE = String(test.info().project.use.baseURL);
	const dataDir = new URL(BASE).port === String(ALONE_PORT) ? ALONE_DATA_DIR : E2E_DATA_DIR;
	// Form actions answer a browser's form post (text/html) with a 303, not with JSON.
	const FORM = { origin: BASE, accept: 'text/html' };
	let response = await page.request.post(`${BASE}/inloggen`, {
		form: COORDINATOR,
		headers: FORM,
		maxRedirects: 0
	});
	if (response.status() !== 303) {
		response = await page.request.post(`${BASE}${await readSetupLink(dataDir)}`, {
			form: {
				organisation_name: 'CJG Noord-Veluwe',
				display_name: 'Coördinator Esther',
				email: COORDINATOR.email,
				municipalities: 'GM0233',
				themes: 'Toegang\nWachttijd',
				password: COORDINATOR.password,
				password_repeat: COORDINATOR.password
			},
			headers: FORM,
			maxRedirects: 0
		});
	}
	expect(response.status(), 'signed in as the coordinator').toBe(303);
}

/** Publish the demo's closed round as the seeded coordinator would, if it is there to publish. */
export async function publishDemoRound(page: Page): Promise<void> {
	await page.goto('/beheer');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const demo = page.getByRole('link', { name: 'Ouders aan het woord 2026' });
	if (!(await demo.isVisible())) return;
	await demo.click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Ouders aan het woord 2026' })
	).toBeVisible();
	const publish = page.getByText('Uitkomsten publiceren', { exact: true });
	if (!(await publish.isVisible())) return;
	await publish.click();
	await page.getByRole('button', { name: 'Ja, publiceren' }).click();
	await expect(page.getByText('De uitkomsten zijn gepubliceerd.')).toBeVisible();
}
