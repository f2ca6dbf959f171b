// The rehearsal (api.rehearsal_board, api.rehearsal_step): before the evening opens, the round's
// presenters run it on a private wall and their own phones. The seal holds (nobody else gets a
// finding, by any role, and the public board still waits), and nothing of the rehearsal counts
// afterwards: no moves in the public log or the evening's record, no reactions in the counts.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import { ANON, SERVICE, createInterviewer, createWorld, identities, type World } from './fixtures';

type Board = {
	state: string;
	rehearsal: boolean;
	position: number;
	number: number;
	slide_count: number;
	seq: number;
	slide: { kind: string; statement?: string | null } | null;
	reactions: Record<string, number> | null;
	reactions_hidden: boolean;
	mine: string[];
	fingerprint: string | null;
};

/** Everyone except the round's own presenters, with the reason they are refused. */
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

/** Every kind of step, aimed at round A's slides (0 title, 1 theme, 2 finding). */
const STEPS = [
	{ op: 'move', position: 2 },
	{ op: 'react', kind: 'herkenbaar' },
	{ op: 'reveal' },
	{ op: 'restart' }
];

describeBackends('the rehearsal', (backend) => {
	let w: World;
	let second: { claims: Claims };
	beforeAll(async () => {
		w = await createWorld(backend());
		second = await createInterviewer(backend(), w.roundA.id, true);
	});

	const rehearsal = async (who: Claims) => {
		const { data, error } = await backend().rpc(who, 'rehearsal_board', {
			p_round_id: w.roundA.id
		});
		return { data: data as Board, error };
	};
	const step = async (who: Claims, change: Record<string, unknown>) => {
		const { data, error } = await backend().rpc(who, 'rehearsal_step', {
			p_round_id: w.roundA.id,
			p_step: change
		});
		return { data: data as Board, error };
	};
	const publicBoard = async () =>
		(await backend().rpc(ANON, 'evening_board', { p_evening_code: w.roundA.eveningCode }))
			.data as Record<string, unknown>;
	/** What a rehearsal leaves in the database: what a refused call must leave alone. */
	const stored = async () =>
		(
			await backend().sql<Record<string, unknown>>(
				`select e.rehearsal_position, e.rehearsal_revealed, e.rehearsal_version,
					(select count(*)::int from app.rehearsal_reactions x where x.round_id = e.round_id) as taps,
					(select count(*)::int from app.reactions x where x.round_id = e.round_id) as reactions,
					(select count(*)::int from app.evening_events v
						where v.round_id = e.round_id and v.kind <> 'story') as events
				 from app.evenings e where e.round_id = $1`,
				[w.roundA.id]
			)
		)[0];

	describe('before the evening opens', () => {
		test('two presenters rehearse: moves and reactions on the private board only', async () => {
			const before = await publicBoard();
			const first = await rehearsal(w.presenter.claims);
			expect(first.error).toBeNull();
			expect(first.data).toMatchObject({
				state: 'live',
				rehearsal: true,
				position: 0,
				number: 1,
				slide_count: 3,
				slide: { kind: 'title' },
				previous: null,
				next: 1,
				fingerprint: null
			});

			const moved = await step(w.presenter.claims, { op: 'move', position: 2 });
			expect(moved.error).toBeNull();
			expect(moved.data).toMatchObject({
				position: 2,
				number: 3,
				previous: 1,
				next: null,
				slide: { kind: 'finding' }
			});
			expect(moved.data.slide?.statement).toContain(w.secret);
			expect(moved.data.seq).toBeGreaterThan(first.data.seq);

			// Both presenters' phones react; each has their own, a second tap takes it back.
			expect(
				(await step(w.presenter.claims, { op: 'react', kind: 'herkenbaar' })).error
			).toBeNull();
			const both = await step(second.claims, { op: 'react', kind: 'herkenbaar' });
			expect(both.data).toMatchObject({ reactions: { herkenbaar: 2 }, mine: ['herkenbaar'] });
			await step(second.claims, { op: 'react', kind: 'verrast' });
			const back = await step(second.claims, { op: 'react', kind: 'verrast' });
			expect(back.data).toMatchObject({
				position: 2,
				reactions: { herkenbaar: 2, verrast: 0, meer_weten: 0 },
				mine: ['herkenbaar']
			});

			// The public board did not move, learned nothing, and its seq stayed: no screen woke.
			expect(await publicBoard()).toEqual(before);
			expect(JSON.stringify(await publicBoard())).not.toContain(w.secret);
			expect(await stored()).toMatchObject({ taps: 2, reactions: 0, events: 0 });
		});

		test('counts "only on reveal": hidden on the rehearsal wall until revealed there', async () => {
			const { data: story } = await backend().rpc(w.presenter.claims, 'story', {
				p_round_id: w.roundA.id
			});
			const version = (story as { version: number }).version;
			const off = await backend().rpc(w.presenter.claims, 'story_edit', {
				p_round_id: w.roundA.id,
				p_version: version,
				p_edit: { op: 'reactions', live: false }
			});
			expect(off.error).toBeNull();
			expect((await rehearsal(w.presenter.claims)).data).toMatchObject({
				reactions: null,
				reactions_hidden: true,
				mine: ['herkenbaar']
			});
			const shown = await step(second.claims, { op: 'reveal' });
			expect(shown.data).toMatchObject({ reactions: { herkenbaar: 2 }, reactions_hidden: false });
			// The reveal is the rehearsal's own: the story's slide is not revealed for the evening.
			const [slide] = await backend().sql<{ revealed: boolean }>(
				`select revealed from app.slides where round_id = $1 and position = 2`,
				[w.roundA.id]
			);
			expect(slide.revealed).toBe(false);
		});

		test('bad steps are refused with the field to fix', async () => {
			for (const [change, hint] of [
				[{ op: 'move', position: 77 }, 'position'],
				[{ op: 'move', position: '2' }, 'position'],
				[{ op: 'react', kind: 'boe' }, 'kind'],
				[{ op: 'fly' }, 'edit'],
				[[1], 'edit']
			] as const) {
				const { error } = await step(w.presenter.claims, change as Record<string, unknown>);
				expect(error, JSON.stringify(change)).toMatchObject({
					code: 'P0001',
					message: 'invalid_input',
					hint
				});
			}
		});

		describe.each(REFUSED)('%s', (who, expected) => {
			test('cannot read the rehearsal, nor learn a finding from the refusal', async () => {
				const { data, error } = await rehearsal(identities(w)[who]);
				expect(error).toMatchObject(expected);
				expect(JSON.stringify({ data, error })).not.toContain(w.secret);
			});

			test('cannot take any step of it', async () => {
				const before = await stored();
				for (const change of STEPS) {
					const { data, error } = await step(identities(w)[who], change);
					expect(error, JSON.stringify(change)).toMatchObject(expected);
					expect(JSON.stringify({ data, error })).not.toContain(w.secret);
				}
				expect(await stored()).toEqual(before);
			});

			test('cannot read or write the rehearsal directly', async () => {
				const claims = identities(w)[who];
				for (const sql of [
					`select * from app.rehearsal_reactions where round_id = $1`,
					`insert into app.rehearsal_reactions (round_id, slide_position, kind, interviewer_id)
					 select $1, 2, 'verrast', id from app.interviewers limit 1`,
					`update app.evenings set rehearsal_position = 1 where round_id = $1`
				]) {
					const { error } = await backend().asRole(claims, sql, [w.roundA.id]);
					expect(error?.code, sql).toBe('42501');
				}
			});
		});

		test('a presenter cannot write the rehearsal directly either', async () => {
			const { error } = await backend().asRole(
				w.presenter.claims,
				`update app.evenings set rehearsal_position = 1 where round_id = $1`,
				[w.roundA.id]
			);
			expect(error?.code).toBe('42501');
		});

		test('restart: back to the first slide, no reactions', async () => {
			const again = await step(w.presenter.claims, { op: 'restart' });
			expect(again.data).toMatchObject({ position: 0, mine: [] });
			expect(await stored()).toMatchObject({ rehearsal_position: null, taps: 0 });
			// Rehearse a little again, to see it cleared by opening.
			await step(w.presenter.claims, { op: 'move', position: 2 });
			await step(w.presenter.claims, { op: 'react', kind: 'meer_weten' });
			expect(await stored()).toMatchObject({ rehearsal_position: 2, taps: 1 });
		});
	});

	describe('once the evening opens', () => {
		test('nothing of the rehearsal counts, and there is no more rehearsal', async () => {
			const open = await backend().rpc(w.presenter.claims, 'evening_open', {
				p_round_id: w.roundA.id
			});
			expect(open.error).toBeNull();
			expect(await stored()).toMatchObject({
				rehearsal_position: null,
				rehearsal_revealed: [],
				taps: 0,
				reactions: 0,
				// Only 'opened': no rehearsal move in the public log.
				events: 1
			});
			// The wall starts on the first slide, not where the rehearsal stopped, with no reactions.
			const move = await backend().rpc(w.presenter.claims, 'evening_move', {
				p_round_id: w.roundA.id,
				p_position: 2
			});
			expect(move.error).toBeNull();
			expect(await publicBoard()).toMatchObject({
				state: 'live',
				position: 2,
				reactions_hidden: true
			});
			const tap = await backend().rpc(SERVICE, 'react', {
				p_evening_code: w.roundA.eveningCode,
				p_kind: 'meer_weten',
				p_client_key: 'rehearsal-test-phone'
			});
			expect(tap.error).toBeNull();
			const log = await backend().sql<{ kind: string; position: number }>(
				`select kind, position from app.evening_events
				 where round_id = $1 and kind <> 'story' order by seq`,
				[w.roundA.id]
			);
			expect(log).toEqual([
				{ kind: 'opened', position: 0 },
				{ kind: 'moved', position: 2 },
				{ kind: 'reacted', position: 2 }
			]);
			// A live evening is no rehearsal: refused for its presenters too.
			for (const who of [w.presenter.claims, second.claims]) {
				expect((await rehearsal(who)).error).toMatchObject({ message: 'wrong_state' });
				expect((await step(who, { op: 'move', position: 0 })).error).toMatchObject({
					message: 'wrong_state'
				});
			}
		});
	});
});
