// Publishing a round: the coordinator of its organisation, only after the evening closed.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createWorld, identities, openEvening, type World } from './fixtures';

/** Everyone but the round's own coordinator, and how they are refused. */
const REFUSED: Array<[string, { code: string; message?: string }]> = [
	['anon', { code: '42501' }],
	['councillor', { code: '42501', message: 'not_allowed' }],
	['coordinator of another organisation', { code: 'P0002', message: 'not_found' }],
	['author', { code: '42501', message: 'not_allowed' }],
	['presenter of the round', { code: '42501', message: 'not_allowed' }],
	["another organisation's interviewer", { code: '42501', message: 'not_allowed' }]
];

describeBackends('publishing a round', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	const round = async () => {
		const [row] = await backend().sql<{ state: string; published: boolean }>(
			`select state, published_at is not null as published from app.rounds where id = $1`,
			[w.roundA.id]
		);
		return row;
	};
	const publish = (who: string) =>
		backend().rpc(identities(w)[who], 'round_publish', { p_round_id: w.roundA.id });

	test('during fieldwork: wrong_state', async () => {
		expect((await publish('coordinator')).error).toMatchObject({
			code: 'P0001',
			message: 'wrong_state'
		});
		expect(await round()).toEqual({ state: 'veldwerk', published: false });
	});

	test('while the evening is live: wrong_state', async () => {
		await openEvening(backend(), w);
		expect((await publish('coordinator')).error).toMatchObject({ message: 'wrong_state' });
		expect(await round()).toEqual({ state: 'avond', published: false });
	});

	describe('after the evening closed', () => {
		beforeAll(async () => {
			const { error } = await backend().rpc(w.presenter.claims, 'evening_close', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
		});

		test.each(REFUSED)('%s is refused', async (who, expected) => {
			expect((await publish(who)).error).toMatchObject(expected);
			expect(await round()).toEqual({ state: 'avond', published: false });
		});

		test('a direct update of the state is refused for the coordinator', async () => {
			const { rows, error } = await backend().asRole(
				w.coordinator.claims,
				`update app.rounds set state = 'gepubliceerd', published_at = now() where id = $1 returning id`,
				[w.roundA.id]
			);
			expect(error !== null || rows.length === 0).toBe(true);
			expect(await round()).toEqual({ state: 'avond', published: false });
		});

		test('the coordinator publishes: state gepubliceerd, published_at set', async () => {
			const { error } = await publish('coordinator');
			expect(error).toBeNull();
			expect(await round()).toEqual({ state: 'gepubliceerd', published: true });
			const { data } = await backend().rpc(w.coordinator.claims, 'round_get', {
				p_round_id: w.roundA.id
			});
			expect(data).toMatchObject({ state: 'gepubliceerd' });
		});

		test('publishing twice: wrong_state', async () => {
			expect((await publish('coordinator')).error).toMatchObject({ message: 'wrong_state' });
		});

		test('the fingerprint is unchanged by publishing', async () => {
			const { data } = await backend().rpc(identities(w).anon, 'round_verification', {
				p_evening_code: w.roundA.eveningCode
			});
			const [head] = await backend().sql<{ entry_hash: string }>(
				`select entry_hash from app.chain_entries where round_id = $1 order by seq desc limit 1`,
				[w.roundA.id]
			);
			expect((data as { fingerprint: string }).fingerprint.replaceAll('-', '')).toBe(
				head.entry_hash.slice(0, 16).toUpperCase()
			);
			expect(data).toMatchObject({ sealed: false, round: { state: 'gepubliceerd' } });
		});
	});
});
