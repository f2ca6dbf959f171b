// A screen's `seq` must grow whenever the board can change, not only when the presenter moves:
// a finding withdrawn during the evening changes the fingerprint, and a screen that
// reconnects with Last-Event-ID (or a second server polling evening_seq) must learn of it.
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { ANON, createWorld, openEvening, type World } from './fixtures';

describeBackends('the board seq follows the hash chain', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
		await openEvening(backend(), w);
	});

	const board = async () => {
		const { data, error } = await backend().rpc(ANON, 'evening_board', {
			p_evening_code: w.roundA.eveningCode
		});
		expect(error).toBeNull();
		return data as { seq: number; fingerprint: string };
	};
	const polled = async () => {
		const { data } = await backend().rpc(ANON, 'evening_seq', {
			p_evening_code: w.roundA.eveningCode
		});
		return (data as { seq: number }).seq;
	};

	// Findings freeze at opening (findings-frozen.test.ts): during the evening a finding can only
	// be withdrawn.
	test('a finding withdrawn during the evening raises seq and changes the fingerprint', async () => {
		const before = await board();
		expect(await polled()).toBe(before.seq);
		const { error } = await backend().rpc(w.author.claims, 'finding_withdraw', {
			p_id: w.findingId
		});
		expect(error).toBeNull();
		const after = await board();
		expect(after.seq).toBeGreaterThan(before.seq);
		expect(after.fingerprint).not.toBe(before.fingerprint);
		expect(await polled()).toBe(after.seq);
	});

	test('a presenter move still raises seq', async () => {
		const before = await board();
		const { error } = await backend().rpc(w.presenter.claims, 'evening_move', {
			p_round_id: w.roundA.id,
			p_position: 1
		});
		expect(error).toBeNull();
		expect((await board()).seq).toBeGreaterThan(before.seq);
	});
});
