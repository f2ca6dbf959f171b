// An interview is never lost (issue 9): on a 360×640 phone an interviewer goes offline, finishes
// two interviews and starts a third, closes the browser entirely; reopened, both wait in the
// outbox and the half-done one is back where it was; online again, both are sent by themselves
// and stored exactly once, even though the first send reached the server and its answer was lost.
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumArgs, chromiumPath } from '../../chromium.config.js';
import { expectAxeClean } from './axe';

const OPEN = 'Hoe kwam u voor het eerst in contact met het CJG?';
const SEND = '**/gesprekken/versturen';
const shots = process.env.KLANKBORD_SCREENSHOTS;

async function launch(dir: string, baseURL: string): Promise<BrowserContext> {
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

async function shot(page: Page, name: string) {
	if (shots) await page.screenshot({ path: join(shots, `offline-${name}.png`), fullPage: true });
}

/** Cut the network: new requests fail (setOffline) and the send endpoint cannot slip through. */
async function goOffline(context: BrowserContext) {
	await context.route(SEND, (route) => route.abort('internetdisconnected'));
	await context.setOffline(true);
}

async function fillInterview(page: Page, answer: string) {
	await page.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
	await page.getByRole('radio', { name: 'Mondeling' }).check();
	await page.getByRole('radio', { name: 'Een ouder' }).check();
	await page.getByRole('radio', { name: '24 of ouder' }).check();
	await page.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Putten' });
	await page.getByLabel(`1. ${OPEN}`).fill(answer);
}

test('offline: two interviews wait on the phone, survive a closed browser, are sent once', async ({
	baseURL
}) => {
	test.setTimeout(180_000);
	const dir = await mkdtemp(join(tmpdir(), 'klankbord-phone-'));
	try {
		let context = await launch(dir, baseURL!);
		let page = context.pages()[0] ?? (await context.newPage());

		await test.step('join, and the service worker keeps the interviewer pages', async () => {
			await page.goto('/meedoen');
			await page.getByLabel('Code', { exact: true }).fill('DEMO-OUDR');
			await page.getByLabel('Je voornaam of een schuilnaam').fill('Veldtest');
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
		});

		await test.step('offline, two interviews are finished and wait on the phone', async () => {
			await fillInterview(page, 'Via de huisarts.');
			await goOffline(context);
			await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
			await expect(
				page.getByRole('heading', { level: 1, name: 'Opgeslagen op deze telefoon' })
			).toBeVisible();
			await expect(page.getByText('1 gesprek nog niet verstuurd')).toBeVisible();
			await expect(page.getByText('Je bent offline.')).toBeVisible();
			await expectAxeClean(page, 'interview waiting (offline)');
			await shot(page, '1-first-waiting');

			await page.getByRole('button', { name: 'Nog een gesprek' }).click();
			await fillInterview(page, 'Via school.');
			await page.getByRole('button', { name: 'Gesprek opslaan' }).click();
			await expect(page.getByText('2 gesprekken nog niet verstuurd')).toBeVisible();
			// "Waiting" never looks like "sent".
			await expect(page.getByRole('heading', { name: 'Gesprek verstuurd' })).toHaveCount(0);
			await expect(page.getByText('Alles is verstuurd.')).toHaveCount(0);

			// A third one, half done: the draft is on the device at every change.
			await page.getByRole('button', { name: 'Nog een gesprek' }).click();
			await page.getByRole('checkbox', { name: 'De persoon heeft toestemming gegeven' }).check();
			await page.getByRole('radio', { name: 'Schriftelijk' }).check();
			await page.getByLabel(`1. ${OPEN}`).fill('Ze vertelde dat ze');
		});

		await test.step('the browser is closed and opened again, still offline', async () => {
			await context.close();
			context = await launch(dir, baseURL!);
			await goOffline(context);
			page = context.pages()[0] ?? (await context.newPage());
			await page.goto('/gesprekken');
			await expect(page.getByText('2 gesprekken nog niet verstuurd')).toBeVisible();
			const outbox = page.locator('#wachtrij');
			await expect(outbox.getByText('Wacht op versturen')).toHaveCount(2);
			await expectAxeClean(page, 'outbox waiting (offline, reopened)');
			await shot(page, '2-reopened-outbox');

			await page.getByRole('link', { name: 'Verder met dit gesprek' }).click();
			await expect(page.getByText('Je was hier gebleven.')).toBeVisible();
			await expect(page.getByLabel(`1. ${OPEN}`)).toHaveValue('Ze vertelde dat ze');
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
			await page.reload();
			const interviews = page.locator('section[aria-labelledby="interviews-title"] li.card');
			await expect(interviews).toHaveCount(2);
			await expect(page.getByText(/gesprekk?e?n? nog niet verstuurd/)).toHaveCount(0);
			await expectAxeClean(page, 'everything sent');
			await shot(page, '4-all-sent');
		});
		await context.close();
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});
