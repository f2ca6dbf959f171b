// The presenters' story (api.story, api.story_edit): only a presenter of the round reads or
// changes it, before the evening and while it is live; nobody else learns a finding from it
// before opening; two presenters never overwrite each other (story version); the wall, the moves
// and the evening's record follow the story's order without its hidden slides.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import {
	ANON,
	SERVICE,
	createInterview,
	createInterviewer,
	createWorld,
	identities,
	type World
} from './fixtures';

type Slide = { position: number; kind: string; hidden: boolean; notes?: string | null };
type Story = { version: number; state: string; reactions_live: boolean; slides: Slide[] };

/** Everyone except the round's own presenters, with the reason they are refused. */
const REFUSED: Array<[string, { code: string; message?: string }]> = [
	['anon', { code: '42501' }],
	['coordinator', { code: '42501', message: 'not_allowed' }],
	['councillor', { code: '42501', message: 'not_allowed' }],
	['coordinator of another organisation', { code: '42501', message: 'not_allowed' }],
	['author', { code: 'P0001', message: 'not_presenter' }],
	['other interviewer of the round', { code: 'P0001', message: 'not_presenter' }],
	['presenter of round B', { code: 'P0001', message: 'not_presenter' }],
	["another organisation's interviewer", { code: 'P0001', message: 'not_presenter' }]
];

/** Every kind of edit, aimed at round A's slides (0 title, 1 theme, 2 finding). */
const EDITS = [
	{ op: 'move', position: 2, to: 0 },
	{ op: 'hide', position: 2, hidden: true },
	{ op: 'add_title', title: 'Overgenomen' },
	{ op: 'retitle', position: 0, title: 'Overgenomen' },
	{ op: 'add_quote', position: 2 },
	{ op: 'notes', position: 2, notes: 'Overgenomen' },
	{ op: 'reactions', live: false },
	{ op: 'reveal', position: 2 }
];

describeBackends("the presenters' story", (backend) => {
	let w: World;
	let second: { claims: Claims };
	beforeAll(async () => {
		w = await createWorld(backend());
		second = await createInterviewer(backend(), w.roundA.id, true);
	});

	const call = async <T>(who: Claims, fn: string, args: Record<string, unknown>) => {
		const { data, error } = await backend().rpc(who, fn, { p_round_id: w.roundA.id, ...args });
		return { data: data as T, error };
	};
	const storyOf = async (who: Claims = w.presenter.claims) => {
		const { data, error } = await call<Story>(who, 'story', {});
		expect(error).toBeNull();
		return data;
	};
	const edit = (who: Claims, version: number, change: Record<string, unknown>) =>
		call<Story>(who, 'story_edit', { p_version: version, p_edit: change });
	/** The slides as stored: what a refused call must leave alone. */
	const stored = () =>
		backend().sql(
			`select s.position, s.ord, s.kind, s.hidden, s.title, s.revealed,
				(select n.notes from app.slide_notes n where n.round_id = s.round_id and n.position = s.position)
			 from app.slides s where s.round_id = $1 order by s.position`,
			[w.roundA.id]
		);
	const evening = async () =>
		(
			await backend().sql<{ opened: boolean; version: number; live: boolean; events: number }>(
				`select e.opened_at is not null as opened, e.story_version as version,
					e.reactions_live as live,
					(select count(*)::int from app.evening_events v where v.round_id = e.round_id) as events
				 from app.evenings e where e.round_id = $1`,
				[w.roundA.id]
			)
		)[0];

	describe('before the evening opens', () => {
		test('a presenter reads the story built from the findings: title, theme, finding', async () => {
			const story = await storyOf();
			expect(story).toMatchObject({ version: 0, state: 'waiting', reactions_live: true });
			expect(story.slides.map((s) => s.kind)).toEqual(['title', 'theme', 'finding']);
			expect(JSON.stringify(story)).toContain(w.secret);
			// The evening row exists now, and is not opened: the seal holds.
			expect(await evening()).toMatchObject({ opened: false, version: 0, events: 0 });
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(board.data).toMatchObject({ state: 'waiting', slide_count: 0, slide: null });
			expect(JSON.stringify(board.data)).not.toContain(w.secret);
		});

		describe.each(REFUSED)('%s', (who, expected) => {
			test('cannot read the story, nor learn a finding from the refusal', async () => {
				const { data, error } = await call(identities(w)[who], 'story', {});
				expect(error).toMatchObject(expected);
				expect(JSON.stringify({ data, error })).not.toContain(w.secret);
			});

			test('cannot change it by any edit', async () => {
				const before = await stored();
				const { version } = await evening();
				for (const change of EDITS) {
					const { data, error } = await edit(identities(w)[who], version, change);
					expect(error, JSON.stringify(change)).toMatchObject(expected);
					expect(JSON.stringify({ data, error })).not.toContain(w.secret);
				}
				expect(await stored()).toEqual(before);
				expect((await evening()).version).toBe(version);
			});

			test('cannot write slides, notes or the story version directly', async () => {
				const claims = identities(w)[who];
				for (const sql of [
					`update app.slides set hidden = true where round_id = $1`,
					`insert into app.slides (round_id, position, kind) values ($1, 99, 'title')`,
					`insert into app.slide_notes (round_id, position, notes) values ($1, 0, 'x')`,
					`update app.evenings set story_version = 99 where round_id = $1`
				]) {
					const { error } = await backend().asRole(claims, sql, [w.roundA.id]);
					expect(error?.code, sql).toBe('42501');
				}
			});
		});

		test('two presenters: an edit on an older version is refused, nothing is overwritten', async () => {
			const { version } = await evening();
			const first = await edit(w.presenter.claims, version, { op: 'move', position: 2, to: 1 });
			expect(first.error).toBeNull();
			expect(first.data.slides.map((s) => s.position)).toEqual([0, 2, 1]);
			expect(first.data.version).toBe(version + 1);
			// The second presenter still has the old version: refused, the move stays.
			const late = await edit(second.claims, version, { op: 'hide', position: 2, hidden: true });
			expect(late.error).toMatchObject({ code: 'P0001', message: 'story_changed' });
			const fresh = await storyOf(second.claims);
			expect(fresh.slides.map((s) => [s.position, s.hidden])).toEqual([
				[0, false],
				[2, false],
				[1, false]
			]);
			// On the fresh version it works; every edit is a 'story' event for the screens.
			const again = await edit(second.claims, fresh.version, {
				op: 'notes',
				position: 2,
				notes: 'Vraag wie dit herkent.'
			});
			expect(again.error).toBeNull();
			expect(again.data.slides.find((s) => s.position === 2)?.notes).toBe('Vraag wie dit herkent.');
			expect(await evening()).toMatchObject({ version: version + 2, events: 2 });
			// Still sealed: the log of an unopened evening is not public, the board shows no slide.
			const log = await backend().asRole(
				ANON,
				`select * from app.evening_events where round_id = $1`,
				[w.roundA.id]
			);
			expect(log).toEqual({ rows: [], error: null });
		});

		test('bad edits are refused with the field to fix', async () => {
			const { version } = await evening();
			for (const [change, hint] of [
				[{ op: 'move', position: 77, to: 0 }, 'position'],
				[{ op: 'add_title', title: ' ' }, 'title'],
				[{ op: 'add_quote', position: 1 }, 'position'],
				[{ op: 'remove', position: 2 }, 'position'],
				[{ op: 'remove', position: 0 }, 'position'],
				[{ op: 'notes', position: 2, notes: 'x'.repeat(2001) }, 'notes'],
				[{ op: 'fly' }, 'position'],
				[{ op: 'hide', position: 2 }, 'edit']
			] as const) {
				const { error } = await edit(w.presenter.claims, version, change);
				expect(error, JSON.stringify(change)).toMatchObject({
					code: 'P0001',
					message: 'invalid_input',
					hint
				});
			}
		});
	});

	describe('the evening follows the story', () => {
		test('the wall skips hidden slides, counts them out, and the record keeps the order', async () => {
			let story = await storyOf();
			const step = async (change: Record<string, unknown>) => {
				const { data, error } = await edit(w.presenter.claims, story.version, change);
				expect(error, JSON.stringify(change)).toBeNull();
				story = data;
			};
			// Story now: title, finding (2), theme (1). Add a title in own words after the finding,
			// a quote slide (lands after the finding), hide the theme.
			await step({ op: 'add_title', title: 'Wat we hoorden' });
			await step({ op: 'move', position: 3, to: 1 });
			await step({ op: 'add_quote', position: 2 });
			await step({ op: 'hide', position: 1, hidden: true });
			await step({ op: 'reactions', live: false });
			expect(story.slides.map((s) => [s.position, s.kind, s.hidden])).toEqual([
				[0, 'title', false],
				[3, 'title', false],
				[2, 'finding', false],
				[4, 'quote', false],
				[1, 'theme', true]
			]);

			const open = await call(w.presenter.claims, 'evening_open', {});
			expect(open.error).toBeNull();
			const board = async () =>
				(await backend().rpc(ANON, 'evening_board', { p_evening_code: w.roundA.eveningCode }))
					.data as Record<string, unknown>;
			expect(await board()).toMatchObject({
				state: 'live',
				position: 0,
				number: 1,
				slide_count: 4
			});

			// The hidden slide never goes on the wall; the quote slide shows the quote alone.
			const hidden = await call(w.presenter.claims, 'evening_move', { p_position: 1 });
			expect(hidden.error).toMatchObject({ message: 'invalid_input', hint: 'position' });
			expect((await call(w.presenter.claims, 'evening_move', { p_position: 4 })).error).toBeNull();
			expect(await board()).toMatchObject({
				number: 4,
				slide: { kind: 'quote', statement: null, quote: `Citaat ${w.secret}` },
				// Reactions only once the presenters reveal them.
				reactions: null,
				reactions_hidden: true
			});
			const tap = await backend().rpc(SERVICE, 'react', {
				p_evening_code: w.roundA.eveningCode,
				p_kind: 'herkenbaar',
				p_client_key: 'story-test-phone'
			});
			expect(tap.data).toMatchObject({ counts: null, mine: ['herkenbaar'] });
			await step({ op: 'reveal', position: 4 });
			expect(await board()).toMatchObject({
				reactions: { herkenbaar: 1 },
				reactions_hidden: false
			});

			// Notes stay with the presenters: the audience may read slides now, never notes.
			const notesAs = (who: Claims) =>
				backend().asRole(who, `select notes from app.slide_notes where round_id = $1`, [
					w.roundA.id
				]);
			expect((await notesAs(ANON)).error?.code).toBe('42501');
			for (const who of [w.author.claims, w.coordinator.claims, w.presenterB.claims]) {
				expect(await notesAs(who)).toEqual({ rows: [], error: null });
			}
			// So the check above can fail: the presenters do read it.
			expect((await notesAs(w.presenter.claims)).rows).toEqual([
				{ notes: 'Vraag wie dit herkent.' }
			]);

			// Removing is for before the evening only (the hall may have reacted).
			const remove = await edit(w.presenter.claims, story.version, { op: 'remove', position: 3 });
			expect(remove.error).toMatchObject({ message: 'invalid_input' });

			expect((await call(w.presenter.claims, 'evening_close', {})).error).toBeNull();
			const after = await edit(w.presenter.claims, story.version, {
				op: 'move',
				position: 3,
				to: 0
			});
			expect(after.error).toMatchObject({ message: 'wrong_state' });

			const published = await call(w.coordinator.claims, 'round_publish', {});
			expect(published.error).toBeNull();
			const results = await call<{ slides: Array<Record<string, unknown>> }>(
				w.coordinator.claims,
				'round_results',
				{}
			);
			expect(results.error).toBeNull();
			expect(
				results.data.slides.map((s) => [s.position, s.kind, s.title ?? null, s.reactions])
			).toEqual([
				[0, 'title', null, { herkenbaar: 0, verrast: 0, meer_weten: 0 }],
				[3, 'title', 'Wat we hoorden', { herkenbaar: 0, verrast: 0, meer_weten: 0 }],
				[2, 'finding', null, { herkenbaar: 0, verrast: 0, meer_weten: 0 }],
				[4, 'quote', null, { herkenbaar: 1, verrast: 0, meer_weten: 0 }]
			]);
		});
	});

	describe('chart slides', () => {
		test('a scale or choice question of the round, its answers on the wall only once opened', async () => {
			const c = await createWorld(backend());
			const as = (fn: string, args: Record<string, unknown>) =>
				backend().rpc(c.presenter.claims, fn, { p_round_id: c.roundA.id, ...args });
			const chartOf = async (question: string, version: number) =>
				as('story_edit', {
					p_version: version,
					p_edit: { op: 'add_chart', question_id: question }
				});

			// Open text, multiple choice and another round's question are no chart.
			for (const question of [
				c.roundA.questions.open,
				c.roundA.questions.multi,
				c.roundB.questions.scale
			]) {
				const { error } = await chartOf(question, 0);
				expect(error).toMatchObject({ message: 'invalid_input', hint: 'question_id' });
			}
			// Nobody but a presenter adds one.
			for (const who of [c.author.claims, c.coordinator.claims, c.councillor.claims, ANON]) {
				const { error } = await backend().rpc(who, 'story_edit', {
					p_round_id: c.roundA.id,
					p_version: 0,
					p_edit: { op: 'add_chart', question_id: c.roundA.questions.scale }
				});
				expect(error).not.toBeNull();
			}
			const added = await chartOf(c.roundA.questions.scale, 0);
			expect(added.error).toBeNull();
			const story = added.data as Story & { slides: Array<Slide & { prompt?: string }> };
			const chart = story.slides.at(-1);
			expect(chart).toMatchObject({ kind: 'chart', prompt: 'Hoe lang was de wachttijd?' });
			// The story names the question only: no counts before the evening.
			expect(Object.keys(chart ?? {})).not.toContain('chart');

			// Four interviews (all answered 2), and a small-cell rule of 3.
			for (let i = 0; i < 3; i++) await createInterview(backend(), c.roundA, c.author, c.secret);
			await backend().sql(`update app.rounds set results_min_cell = 3 where id = $1`, [
				c.roundA.id
			]);
			const waiting = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: c.roundA.eveningCode
			});
			expect(JSON.stringify(waiting.data)).not.toContain('wachttijd');

			expect((await as('evening_open', {})).error).toBeNull();
			expect((await as('evening_move', { p_position: chart?.position })).error).toBeNull();
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: c.roundA.eveningCode
			});
			expect(board.data).toMatchObject({
				slide: {
					kind: 'chart',
					chart: {
						kind: 'scale',
						prompt: 'Hoe lang was de wachttijd?',
						values: ['1', '2', '3', '4', '5'],
						counts: [0, 4, 0, 0, 0],
						interviews: 4
					}
				}
			});
			expect(JSON.stringify(board.data)).not.toContain(c.secret);
		});
	});
});
