// A round's whole life through the real API, checked at each step with the browser's verifier:
// sealed, then open with a corrected and a withdrawn finding (multi-byte text included), then
// published and erased by retention. Honest history says "klopt" every time; the fingerprint
// people saw on the wall survives retention unchanged.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { verifyChain } from '$lib/verify/index.js';
import { describeBackends } from './harness';
import { ANON, SERVICE, createWorld, openEvening, type World } from './fixtures';

const TEXT = 'Één vaste hulpverlener 🙏\nDat wil iedereen.';

describeBackends('verifying a round through its life', (backend) => {
	let w: World;
	const extra = randomUUID();
	const check = async () => {
		const { data, error } = await backend().rpc(ANON, 'round_verification', {
			p_evening_code: w.roundA.eveningCode
		});
		expect(error).toBeNull();
		return { data: data as { sealed: boolean }, verdict: await verifyChain(data) };
	};

	beforeAll(async () => {
		w = await createWorld(backend());
	});

	test('sealed before the evening: nothing to check yet', async () => {
		const { data } = await check();
		expect(data).toMatchObject({ sealed: true });
		expect(data).not.toHaveProperty('entries');
	});

	test('open, with a correction and a withdrawal: klopt, and the board shows the same fingerprint', async () => {
		const author = w.author.claims;
		const calls: [string, Record<string, unknown>][] = [
			[
				'finding_create',
				{
					p_id: extra,
					p_statement: 'Eerste versie',
					p_quote: null,
					p_theme: null,
					p_interview_id: null
				}
			],
			['finding_update', { p_id: extra, p_statement: TEXT, p_quote: '', p_theme: null }],
			['finding_withdraw', { p_id: w.findingId }]
		];
		for (const [fn, args] of calls) {
			const { error } = await backend().rpc(author, fn, args);
			expect(error, fn).toBeNull();
		}
		await openEvening(backend(), w);
		const { verdict } = await check();
		expect(verdict.problems).toEqual([]);
		expect(verdict.counts).toMatchObject({ published: 1, withdrawn: 1, erased: 0 });
		const board = await backend().rpc(ANON, 'evening_board', {
			p_evening_code: w.roundA.eveningCode
		});
		expect((board.data as { fingerprint: string }).fingerprint).toBe(verdict.fingerprint);
	});

	test('after publishing and retention the text is gone, the fingerprint stays, and it klopt', async () => {
		const before = (await check()).verdict.fingerprint;
		for (const [who, fn] of [
			[w.presenter.claims, 'evening_close'],
			[w.coordinator.claims, 'round_publish']
		] as const) {
			const { error } = await backend().rpc(who, fn, { p_round_id: w.roundA.id });
			expect(error, fn).toBeNull();
		}
		const later = new Date(Date.now() + 5 * 366 * 24 * 3600 * 1000).toISOString();
		const { error } = await backend().rpc(SERVICE, 'retention_run', { p_now: later });
		expect(error).toBeNull();
		const { verdict } = await check();
		expect(verdict.problems).toEqual([]);
		expect(verdict.fingerprint).toBe(before);
		expect(verdict.counts.published).toBe(0);
		expect(verdict.counts.erased).toBeGreaterThanOrEqual(1);
	});
});
