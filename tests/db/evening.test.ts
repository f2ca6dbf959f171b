// Promise 2, second half: only a presenter of the round opens its evening, and who did it and
// when is logged publicly. Also: moving and closing, and who may do those.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { ANON, createWorld, identities, type World } from './fixtures';

/** Everyone except the round's own presenter, with the reason they are refused. */
const REFUSED: Array<[string, { code: string; message?: string }]> = [
	['anon', { code: '42501' }],
	['coordinator', { code: '42501', message: 'not_allowed' }],
	['councillor', { code: '42501', message: 'not_allowed' }],
	['coordinator of another organisation', { code: '42501', message: 'not_allowed' }],
	['author', { code: 'P0001', message: 'not_presenter' }],
	['other interviewer of the round', { code: 'P0001', message: 'not_presenter' }],
	['interviewer of round B', { code: 'P0001', message: 'not_presenter' }],
	['presenter of round B', { code: 'P0001', message: 'not_presenter' }],
	["another organisation's interviewer", { code: 'P0001', message: 'not_presenter' }]
];

describeBackends('opening the evening', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	const evening = async () => {
		const [row] = await backend().sql<{ state: string; evenings: number; events: number }>(
			`select r.state,
				(select count(*)::int from app.evenings e where e.round_id = r.id) as evenings,
				(select count(*)::int from app.evening_events e where e.round_id = r.id) as events
			 from app.rounds r where r.id = $1`,
			[w.roundA.id]
		);
		return row;
	};

	describe('refused for everyone but a presenter of the round', () => {
		test.each(REFUSED)('%s', async (who, expected) => {
			const { error } = await backend().rpc(identities(w)[who], 'evening_open', {
				p_round_id: w.roundA.id
			});
			expect(error).toMatchObject(expected);
			expect(await evening()).toEqual({ state: 'veldwerk', evenings: 0, events: 0 });
		});

		test('a direct insert into evenings or the event log is refused', async () => {
			for (const who of ['anon', 'author', 'presenter of the round', 'coordinator']) {
				const open = await backend().asRole(
					identities(w)[who],
					`insert into app.evenings (round_id, opened_at) values ($1, now())`,
					[w.roundA.id]
				);
				expect(open.error?.code).toBe('42501');
				const log = await backend().asRole(
					identities(w)[who],
					`insert into app.evening_events (round_id, kind) values ($1, 'opened')`,
					[w.roundA.id]
				);
				expect(log.error?.code).toBe('42501');
			}
			expect(await evening()).toEqual({ state: 'veldwerk', evenings: 0, events: 0 });
		});

		test('presenter of round B cannot move or close round A either', async () => {
			for (const fn of ['evening_move', 'evening_close']) {
				const { error } = await backend().rpc(w.presenterB.claims, fn, {
					p_round_id: w.roundA.id,
					...(fn === 'evening_move' ? { p_position: 1 } : {})
				});
				expect(error).toMatchObject({ message: 'not_presenter' });
			}
		});
	});

	describe('by the presenter', () => {
		test('opens the evening: state avond, slides built, opening logged with who and when', async () => {
			const { error } = await backend().rpc(w.presenter.claims, 'evening_open', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
			expect(await evening()).toEqual({ state: 'avond', evenings: 1, events: 1 });

			const [logged] = await backend().sql<{ kind: string; actor_id: string; recent: boolean }>(
				`select kind, actor_id, actor_name, created_at > now() - interval '1 minute' as recent
				 from app.evening_events where round_id = $1`,
				[w.roundA.id]
			);
			expect(logged).toEqual({
				kind: 'opened',
				actor_id: w.presenter.id,
				actor_name: w.presenter.tag,
				recent: true
			});

			// The log is public: anon reads who opened it, on the board and in the table.
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(board.data).toMatchObject({
				state: 'live',
				opened_by_name: w.presenter.tag,
				position: 0,
				slide: { kind: 'title' },
				slide_count: 3,
				seq: expect.any(Number)
			});
			const { rows } = await backend().asRole(
				ANON,
				`select kind, actor_name from app.evening_events where round_id = $1`,
				[w.roundA.id]
			);
			expect(rows).toEqual([{ kind: 'opened', actor_name: w.presenter.tag }]);
		});

		test('cannot open it twice', async () => {
			const { error } = await backend().rpc(w.presenter.claims, 'evening_open', {
				p_round_id: w.roundA.id
			});
			expect(error).toMatchObject({ code: 'P0001', message: 'wrong_state' });
		});

		test('slides: title, then the theme, then its finding', async () => {
			const { data } = await backend().rpc(w.presenter.claims, 'presenter_slides', {
				p_round_id: w.roundA.id
			});
			expect(data).toEqual({
				position: 0,
				slides: [
					{ position: 0, kind: 'title', theme: null, statement: null, quote: null },
					{ position: 1, kind: 'theme', theme: 'Wachttijd', statement: null, quote: null },
					{
						position: 2,
						kind: 'finding',
						theme: 'Wachttijd',
						statement: `Bevinding ${w.secret}`,
						quote: `Citaat ${w.secret}`
					}
				]
			});
		});

		test('moves the board, clamped to the slides, each move logged with a higher seq', async () => {
			const seqBefore = (
				await backend().rpc(ANON, 'evening_seq', { p_evening_code: w.roundA.eveningCode })
			).data as { seq: number };
			const moved = await backend().rpc(w.presenter.claims, 'evening_move', {
				p_round_id: w.roundA.id,
				p_position: 99
			});
			expect(moved).toMatchObject({ data: { position: 2 }, error: null });
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(board.data).toMatchObject({
				position: 2,
				slide: { kind: 'finding', statement: `Bevinding ${w.secret}` }
			});
			const seqAfter = (
				await backend().rpc(ANON, 'evening_seq', { p_evening_code: w.roundA.eveningCode })
			).data as { seq: number };
			expect(seqAfter.seq).toBeGreaterThan(seqBefore.seq);
		});

		test('a non-presenter of the round cannot move it', async () => {
			const { error } = await backend().rpc(w.colleague.claims, 'evening_move', {
				p_round_id: w.roundA.id,
				p_position: 0
			});
			expect(error).toMatchObject({ message: 'not_presenter' });
			const [row] = await backend().sql(`select position from app.evenings where round_id = $1`, [
				w.roundA.id
			]);
			expect(row).toEqual({ position: 2 });
		});

		test('closes the evening; closing is logged and findings stay readable', async () => {
			const { error } = await backend().rpc(w.presenter.claims, 'evening_close', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
			const events = await backend().sql(
				`select kind, actor_name from app.evening_events where round_id = $1 order by seq`,
				[w.roundA.id]
			);
			expect(events).toEqual([
				{ kind: 'opened', actor_name: w.presenter.tag },
				{ kind: 'moved', actor_name: w.presenter.tag },
				{ kind: 'closed', actor_name: w.presenter.tag }
			]);
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(board.data).toMatchObject({ state: 'closed', slide: null });
			const all = await backend().rpc(ANON, 'evening_findings', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(all.data).toHaveLength(1);
			const again = await backend().rpc(w.presenter.claims, 'evening_move', {
				p_round_id: w.roundA.id,
				p_position: 0
			});
			expect(again.error).toMatchObject({ message: 'wrong_state' });
		});
	});
});
