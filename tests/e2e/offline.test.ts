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

/** What waits in this phone's outbox, read from IndexedDB as the app stored it. */
function readOutbox(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ id: string; args: { p_answers: { text?: string }[] } }[]>((resolve, reject) => {
				const open = indexedDB.open('klankbord-veldwerk');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction('outbox').objectStore('outbox').getAll();
					request.onsuccess = () => resolve(request.result);
					request.onerror = () => reject(request.error);
				};
			})
	);
}

/** The language as the person picks it (paraglide's cookie), then the same page again. */
async function speak(page: Page, locale: 'nl' | 'en', baseURL: string) {
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL }]);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

// 3. A changed resend (the same id, other answers: here from a file saved on another phone) and
//    a resend of a withdrawn interview: both refused with a clear message; the phone keeps its
//    version, shown beside the stored one, until the person chooses. English is scanned in this
//    same browser: a fresh one (the axe helper's twin) has nothing in its outbox.
test('a changed resend and a withdrawn one are refused; both versions stay until chosen', async ({
	baseURL
}) => {
	test.setTimeout(150_000);
	const dir = await phoneDir();
	const context = await launchPhone(dir, baseURL!);
	const inThisBrowser = { english: { skip: 'scanned in English in this same browser below' } };
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		page.on('dialog', (dialog) => void dialog.accept());
		await joinWithWorker(page, 'Veldkeuze');

		await test.step('two interviews wait, offline, in Dutch and in English', async () => {
			await context.route(SEND, (route) => route.abort('internetdisconnected'));
			await fillInterview(page, 'De eerste versie.', 'Putten');
			await saveInterview(page);
			await page.getByRole('button', { name: 'Nog een gesprek' }).click();
			await fillInterview(page, 'Dit wordt ingetrokken.', 'Ermelo');
			await saveInterview(page);
			await page.goto('/gesprekken');
			await context.setOffline(true);
			await expect(page.getByText('Je bent offline.')).toBeVisible();
			await expect(page.locator('#wachtrij').getByText(WAITING)).toHaveCount(2);
			await expectAxeClean(page, 'outbox waiting, offline', inThisBrowser);
			await context.setOffline(false);
			await speak(page, 'en', baseURL!);
			await context.setOffline(true);
			await expect(page.getByText('You are offline.')).toBeVisible();
			await expect(page.getByText('2 interviews not sent yet')).toBeVisible();
			await expectAxeClean(page, 'outbox waiting, offline (English)');
			await context.setOffline(false);
			await speak(page, 'nl', baseURL!);
		});

		const [first, second] = (await readOutbox(page)).sort((a, b) =>
			String(a.args.p_answers[0]?.text).localeCompare(String(b.args.p_answers[0]?.text))
		);
		expect(first.args.p_answers[0].text).toBe('De eerste versie.');

		await test.step('both are sent; the second one is withdrawn', async () => {
			await context.unroute(SEND);
			await page.getByRole('button', { name: 'Nu versturen' }).click();
			await expect(page.getByText('Alles is verstuurd.').first()).toBeVisible({ timeout: 30_000 });
			await page.reload();
			const card = page.locator('li.card', { hasText: 'Ermelo' });
			await card.getByText('Toestemming intrekken', { exact: true }).click();
			await card.getByRole('button', { name: 'Ja, toestemming intrekken en wissen' }).click();
			await expect(page.getByText('Ermelo')).toHaveCount(0);
		});

		await test.step('the same ids come back from a file: one changed, one withdrawn', async () => {
			const changed = {
				...first,
				args: {
					...first.args,
					p_answers: [{ ...first.args.p_answers[0], text: 'Een andere versie.' }]
				}
			};
			const file = { format: 'klankbord-wachtrij', version: 1, saved_at: new Date().toISOString() };
			await page.getByText('Bewaar als bestand / Bestand laden').click();
			await page
				.getByText('Bestand laden', { exact: true })
				.locator('input')
				.setInputFiles({
					name: 'wachtrij.json',
					mimeType: 'application/json',
					buffer: Buffer.from(JSON.stringify({ ...file, items: [changed, second] }))
				});
			const outbox = page.locator('#wachtrij');
			await expect(outbox.getByText('Niet verstuurd: er is al een andere versie')).toBeVisible({
				timeout: 30_000
			});
			await expect(
				outbox.getByText('Dit gesprek is al verstuurd, maar met andere antwoorden.')
			).toBeVisible();
			await expect(
				outbox.getByText('Dit gesprek is ingetrokken en kan niet opnieuw worden verstuurd.')
			).toBeVisible();
			// Kept on the phone, and both versions in view, also after a reload.
			await page.reload();
			const mine = outbox.getByRole('region', { name: 'Jouw versie op deze telefoon' });
			await expect(mine.getByText('Een andere versie.')).toBeVisible();
			const stored = outbox.getByRole('region', { name: 'De versie die al verstuurd is' });
			await expect(stored.getByText('Putten, leeftijd: 24 of ouder')).toBeVisible();
			await expect(page.getByText('2 gesprekken nog niet verstuurd')).toBeVisible();
			await expectAxeClean(page, 'conflict and withdrawn resend', inThisBrowser);
			await shot(page, '5-conflict');
			await speak(page, 'en', baseURL!);
			await expect(outbox.getByText('Your version on this phone')).toBeVisible();
			await expectAxeClean(page, 'conflict and withdrawn resend (English)');
			await shot(page, '6-conflict-english');
			await speak(page, 'nl', baseURL!);
		});

		await test.step('the person chooses: mine as a new interview, the withdrawn one wiped', async () => {
			await page.getByRole('button', { name: 'Mijn versie bewaren als nieuw gesprek' }).click();
			await page.getByRole('button', { name: 'Van deze telefoon wissen' }).click();
			await expect(page.getByText('Alles is verstuurd.').first()).toBeVisible({ timeout: 30_000 });
			// The stored one untouched, mine beside it as a new one; the withdrawn one stays gone.
			expect(await storedInterviews(page)).toEqual([
				'Putten, leeftijd: 24 of ouder',
				'Putten, leeftijd: 24 of ouder'
			]);
		});
	} finally {
		await context.close();
		await rm(dir, { recursive: true, force: true });
	}
});
