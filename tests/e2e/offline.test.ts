// An interview is never lost (issue 9), on a 360×640 phone. Offline, the new-interview page comes
// from the service worker's cache, with the id the server put in it the day it was cached: the
// device must make each interview's id itself, or the second interview replaces the first in
// the outbox. So each test finishes the second interview on a page loaded anew from the cache.
// 1. Same browser: two interviews and a finding for the second offline, a reload, all wait;
//    online, each is stored once (the finding too, though the answer to its first send is lost).
// 2. The browser closed and opened again in between, with a third interview half done: both
//    wait, the draft is back where it was; online, both are sent by themselves and stored
//    exactly once, even though the first send reached the server and its answer was lost.
import { expect, test, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAxeClean } from './axe';
import {
	OPEN,
	SEND,
	fillInterview,
	fillStart,
	goOffline,
	joinWithWorker,
	launchPhone,
	saveInterview,
	storedInterviews
} from './phone';

const shots = process.env.KLANKBORD_SCREENSHOTS;

async function shot(page: Page, name: string) {
	if (shots) await page.screenshot({ path: join(shots, `offline-${name}.png`), fullPage: true });
}

async function phoneDir() {
	return mkdtemp(join(tmpdir(), 'klankbord-phone-'));
}

const WAITING = 'Wacht op versturen';
const FINDING = 'Ouders willen eerder horen wat er met hun vraag gebeurt.';

test('offline in one browser: two interviews wait, a reload keeps both, both are stored once', async ({
	baseURL
}) => {
	test.setTimeout(120_000);
	const dir = await phoneDir();
	const context = await launchPhone(dir, baseURL!);
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await joinWithWorker(page, 'Veldeen');

		// Started online, the network goes halfway through.
		await page.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
		await goOffline(context);
		await fillInterview(page, 'Via de huisarts.', 'Putten');
		await saveInterview(page);
		await expect(page.getByText('1 gesprek nog niet verstuurd')).toBeVisible();

		// A new page, from the cache: the same server-made id as the first one.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1, name: 'Nieuw gesprek' })).toBeVisible();
		await fillInterview(page, 'Via school.', 'Ermelo');
		await saveInterview(page);
		await expect(
			page.getByRole('heading', { level: 1, name: 'Opgeslagen op deze telefoon' })
		).toBeVisible();
		await expect(page.getByText('2 gesprekken nog niet verstuurd')).toBeVisible();

		// A finding for the interview that waits: it waits too, linked to it, on the device.
		await page.getByRole('link', { name: 'Bevinding toevoegen bij dit gesprek' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe bevinding' })).toBeVisible();
		await expect(page.getByText('Deze bevinding hoort bij je gesprek van')).toBeVisible();
		await page.getByLabel('Bevinding', { exact: true }).fill(FINDING);
		await page.getByRole('button', { name: 'Bevinding opslaan' }).click();
		await expect(
			page.getByRole('heading', { level: 1, name: 'Opgeslagen op deze telefoon' })
		).toBeVisible();
		await expect(page.getByText('2 gesprekken en 1 bevinding nog niet verstuurd')).toBeVisible();
		await expectAxeClean(page, 'finding waiting (offline)');
		await shot(page, '0-finding-waiting');

		await page.goto('/gesprekken');
		await page.reload();
		await expect(page.getByText('2 gesprekken en 1 bevinding nog niet verstuurd')).toBeVisible();
		await expect(page.locator('#wachtrij').getByText(WAITING)).toHaveCount(3);

		await context.unroute(SEND);
		// The finding's first send is stored, but its answer is lost: the outbox sends it again.
		let findingSends = 0;
		await context.route(SEND, async (route) => {
			const finding = route.request().postDataJSON()?.kind === 'finding';
			if (finding && findingSends++ === 0) {
				await route.fetch();
				await route.abort('connectionreset');
			} else {
				await route.continue();
			}
		});
		await context.setOffline(false);
		await expect(page.getByText('Alles is verstuurd.').first()).toBeVisible({ timeout: 30_000 });
		expect(findingSends).toBeGreaterThanOrEqual(2);
		// Exactly these two, each once, and the finding once, with the interview it belongs to.
		expect(await storedInterviews(page)).toEqual([
			'Ermelo, leeftijd: 24 of ouder',
			'Putten, leeftijd: 24 of ouder'
		]);
		const findings = page.locator('section[aria-labelledby="findings-title"] li.card');
		await expect(findings).toHaveCount(1);
		await expect(findings.getByText(FINDING)).toBeVisible();
		await expect(page.getByText('Antwoorden: 1. Bevindingen: 1.')).toHaveCount(1);
	} finally {
		await context.close();
		await rm(dir, { recursive: true, force: true });
	}
});

test('offline: two interviews wait on the phone, survive a closed browser, are sent once', async ({
	baseURL
}) => {
	test.setTimeout(180_000);
	const dir = await phoneDir();
	try {
		let context = await launchPhone(dir, baseURL!);
		let page = context.pages()[0] ?? (await context.newPage());

		await test.step('join, and the service worker keeps the interviewer pages', async () => {
			await joinWithWorker(page, 'Veldtest');
		});

		await test.step('offline, two interviews are finished and wait on the phone', async () => {
			await goOffline(context);
			await fillInterview(page, 'Via de huisarts.', 'Putten');
			await saveInterview(page);
			await expect(
				page.getByRole('heading', { level: 1, name: 'Opgeslagen op deze telefoon' })
			).toBeVisible();
			await expect(page.getByText('1 gesprek nog niet verstuurd')).toBeVisible();
			await expect(page.getByText('Je bent offline.')).toBeVisible();
			await expectAxeClean(page, 'interview waiting (offline)');
			await shot(page, '1-first-waiting');

			// From the cache again, as after the phone's browser dropped the page.
			await page.goto('/gesprekken/nieuw');
			await fillInterview(page, 'Via school.', 'Nunspeet');
			await saveInterview(page);
			await expect(page.getByText('2 gesprekken nog niet verstuurd')).toBeVisible();
			// "Waiting" never looks like "sent".
			await expect(page.getByRole('heading', { name: 'Gesprek verstuurd' })).toHaveCount(0);
			await expect(page.getByText('Alles is verstuurd.')).toHaveCount(0);

			// A third one, half done: the draft is on the device at every change.
			await page.getByRole('button', { name: 'Nog een gesprek' }).click();
			await fillStart(page, 'Harderwijk', 'Schriftelijk');
			await page.getByLabel(`1. ${OPEN}`).fill('Ze vertelde dat ze');
		});

		await test.step('the browser is closed and opened again, still offline', async () => {
			await context.close();
			context = await launchPhone(dir, baseURL!);
			await goOffline(context);
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto('/gesprekken');
			await expect(page.getByText('2 gesprekken nog niet verstuurd')).toBeVisible();
			const outbox = page.locator('#wachtrij');
			await expect(outbox.getByText(WAITING)).toHaveCount(2);
			await expectAxeClean(page, 'outbox waiting (offline, reopened)');
			await shot(page, '2-reopened-outbox');

			await page.getByRole('link', { name: 'Verder met dit gesprek' }).click();
			await expect(page.getByText('Je was hier gebleven.')).toBeVisible();
			// Back at the same screen, with what was typed; the screens before it kept theirs.
			await expect(page.getByRole('heading', { name: 'Vraag 1 van 5' })).toBeVisible();
			await expect(page.getByLabel(`1. ${OPEN}`)).toHaveValue('Ze vertelde dat ze');
			await page.getByRole('button', { name: 'Vorige' }).click();
			await expect(page.getByLabel('Gemeente', { exact: true })).toHaveValue(/.+/);
			await page.getByRole('button', { name: 'Vorige' }).click();
			await expect(page.getByRole('radio', { name: 'Schriftelijk' })).toBeChecked();
			await expect(
				page.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' })
			).toBeChecked();
			await expectAxeClean(page, 'draft restored (offline)');
			await shot(page, '3-draft-restored');
		});

		await test.step('online again: both are sent by themselves, exactly once', async () => {
			await page.goto('/gesprekken').catch(() => undefined);
			await context.unroute(SEND);
			// The first send reaches the server, but its answer is lost on the way back.
			let lost = 0;
			await context.route(SEND, async (route) => {
				if (lost++ === 0) {
					await route.fetch();
					await route.abort('connectionreset');
				} else {
					await route.continue();
				}
			});
			await context.setOffline(false);
			await expect(page.getByText('Alles is verstuurd.').first()).toBeVisible({ timeout: 30_000 });
			expect(lost).toBeGreaterThanOrEqual(3);
			expect(await storedInterviews(page)).toEqual([
				'Nunspeet, leeftijd: 24 of ouder',
				'Putten, leeftijd: 24 of ouder'
			]);
			await expect(page.getByText(/gesprekk?e?n? nog niet verstuurd/)).toHaveCount(0);
			await expectAxeClean(page, 'everything sent');
			await shot(page, '4-all-sent');
		});
		await context.close();
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});
