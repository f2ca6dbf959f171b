// A cheap phone in the field, for the offline and step tests: a 360×640 touch screen with a
// browser profile on disk (so closing the context and launching it again is a real reopen, with
// its IndexedDB and service worker), and a network that can be cut.
import { chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../../chromium.config.js';

export const OPEN = 'Hoe kwam u voor het eerst in contact met het CJG?';
export const SEND = '**/gesprekken/versturen';

export function launchPhone(dir: string, baseURL: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(dir, {
		executablePath: chromiumPath,
		args: chromiumArgs,
		baseURL,
		locale: 'nl-NL',
		viewport: { width: 360, height: 640 },
		isMobile: true,
		hasTouch: true
	});
}

/**
 * Cut the network: new requests fail (setOffline), and the send endpoint cannot slip through on
 * a connection that was already open (setOffline does not cut those).
 */
export async function goOffline(context: BrowserContext) {
	await context.route(SEND, (route) => route.abort('internetdisconnected'));
	await context.setOffline(true);
}

/** Join the demo round as a new interviewer, and let the service worker keep the pages. */
export async function joinWithWorker(page: Page, name: string) {
	await page.goto('/meedoen');
	await page.getByLabel('Code', { exact: true }).fill('DEMO-OUDR');
	await page.getByLabel('Je voornaam of een schuilnaam').fill(name);
	await page.getByRole('button', { name: 'Meedoen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn ronde' })).toBeVisible();
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	// Loaded once under the worker's control, so it has them for later.
	await page.reload();
	await page.goto('/gesprekken/nieuw');
	await expect(page.getByRole('heading', { level: 1, name: 'Nieuw gesprek' })).toBeVisible();
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
	await page.goto('/bevindingen/nieuw');
	await page.goto('/gesprekken/nieuw');
}

/** The interviews the server has for this interviewer, as "Gemeente, leeftijd" lines. */
export async function storedInterviews(page: Page): Promise<string[]> {
	await page.goto('/gesprekken');
	const cards = page.locator('section[aria-labelledby="interviews-title"] li.card > p:not(.muted)');
	return (await cards.allInnerTexts()).map((text) => text.split('\n')[0].trim()).sort();
}

export const next = (page: Page) => page.getByRole('button', { name: 'Volgende' }).click();

/** Consent (screen 1) and the profile (screen 2), then on to question 1. */
export async function fillStart(page: Page, municipality = 'Putten', consentForm = 'Mondeling') {
	await page.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
	await page.getByRole('radio', { name: consentForm }).check();
	await next(page);
	await page.getByRole('radio', { name: 'Een ouder' }).check();
	await page.getByRole('radio', { name: '24 of ouder' }).check();
	await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: municipality });
	await next(page);
}

/** A whole interview, one screen at a time, up to the overview (the other questions skipped). */
export async function fillInterview(page: Page, answer: string, municipality = 'Putten') {
	await fillStart(page, municipality);
	await page.getByLabel(`1. ${OPEN}`).fill(answer);
	for (let question = 1; question <= 5; question++) await next(page);
	await expect(page.getByRole('heading', { name: 'Overzicht: klopt alles?' })).toBeVisible();
}

/** "Gesprek opslaan" on the overview. */
export async function saveInterview(page: Page) {
	await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
}
