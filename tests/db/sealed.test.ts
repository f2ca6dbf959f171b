// Promise 2, "sealed until the evening": before a presenter opens the evening, nobody but the
// author (and, for findings, the round's presenters) reads any text. Afterwards the audience reads
// every finding that was not withdrawn, but never the interview answers.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends, type Backend } from './harness';
import { ANON, createWorld, openEvening, type World } from './fixtures';

/** Every api call someone might use to peek, with the arguments a curious caller would pass. */
function peeks(w: World): Array<[string, Record<string, unknown>]> {
	return [
		['evening_board', { p_evening_code: w.roundA.eveningCode }],
		['evening_findings', { p_evening_code: w.roundA.eveningCode }],
		['evening_seq', { p_evening_code: w.roundA.eveningCode }],
		['rounds_list', {}],
		['round_get', { p_round_id: w.roundA.id }],
		['staff_me', {}],
		['municipalities_list', {}],
		['interviewer_me', {}],
		['my_interviews', {}],
		['my_findings', {}],
		['presenter_slides', { p_round_id: w.roundA.id }]
	];
}

/** Direct selects on the tables, as the role: RLS must return no text, or refuse outright. */
const SELECTS = [
	`select statement, quote from app.findings where statement is not null`,
	`select text_value from app.answers where text_value is not null`,
	`select id from app.interviews`,
	`select * from app.slides`
];

async function leaks(b: Backend, w: World, who: Claims) {
	const found: string[] = [];
	for (const [fn, args] of peeks(w)) {
		const { data } = await b.rpc(who, fn, args);
		if (JSON.stringify(data ?? null).includes(w.secret)) found.push(`api.${fn}`);
	}
	for (const query of SELECTS) {
		const { rows } = await b.asRole(who, query);
		if (JSON.stringify(rows).includes(w.secret)) found.push(query);
	}
	return found;
}

describeBackends('sealed until the evening', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	describe('before the evening is opened', () => {
		const sealedFor: Array<[string, (w: World) => Claims]> = [
			['anon', () => ANON],
			['coordinator', (w) => w.coordinator.claims],
			['councillor', (w) => w.councillor.claims],
			['coordinator of another organisation', (w) => w.otherCoordinator.claims],
			['other interviewer of the round', (w) => w.colleague.claims],
			['interviewer of round B', (w) => w.interviewerB.claims],
			['presenter of round B', (w) => w.presenterB.claims],
			["another organisation's interviewer", (w) => w.otherOrgInterviewer.claims]
		];

		test.each(sealedFor)('%s reads no finding text and no answers', async (_who, claims) => {
			expect(await leaks(backend(), w, claims(w))).toEqual([]);
		});

		test('the author reads their own finding and answers (so the check above can fail)', async () => {
			const found = await leaks(backend(), w, w.author.claims);
			expect(found).toContain('api.my_findings');
			expect(found).toContain(SELECTS[0]);
			expect(found).toContain(SELECTS[1]);
		});

		test('a presenter of the round reads findings but not answers', async () => {
			const { rows } = await backend().asRole(w.presenter.claims, SELECTS[0]);
			expect(JSON.stringify(rows)).toContain(w.secret);
			const answers = await backend().asRole(w.presenter.claims, SELECTS[1]);
			expect(JSON.stringify(answers.rows)).not.toContain(w.secret);
		});

		test('staff see counts of the round, and nothing else about its content', async () => {
			const { data, error } = await backend().rpc(w.coordinator.claims, 'round_get', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({
				// Author, colleague, presenter and the two who confirmed the presenter.
				counts: { interviewers: 5, interviews: 1, findings: 1 },
				evening: null
			});
		});

		test('the board shows counts and no slide; alle bevindingen is empty', async () => {
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(board.data).toMatchObject({
				state: 'waiting',
				slide: null,
				counts: { interviews: 1, findings: 1 }
			});
			const all = await backend().rpc(ANON, 'evening_findings', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(all).toMatchObject({ data: [], error: null });
		});

		test('an unknown evening code is not_found', async () => {
			const { error } = await backend().rpc(ANON, 'evening_board', { p_evening_code: 'ZZZZZZ' });
			expect(error).toMatchObject({ code: 'P0002', message: 'not_found' });
		});
	});

	describe('after the presenter opened the evening', () => {
		beforeAll(async () => {
			await openEvening(backend(), w);
		});

		test.each([
			['anon', () => ANON],
			['coordinator', (w: World) => w.coordinator.claims],
			['councillor', (w: World) => w.councillor.claims],
			['interviewer of round B', (w: World) => w.interviewerB.claims]
		])('%s reads the finding in alle bevindingen', async (_who, claims) => {
			const { data, error } = await backend().rpc(claims(w), 'evening_findings', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(error).toBeNull();
			expect(data).toEqual([
				{ theme: 'Wachttijd', statement: `Bevinding ${w.secret}`, quote: `Citaat ${w.secret}` }
			]);
		});

		test.each([
			['anon', () => ANON],
			['coordinator', (w: World) => w.coordinator.claims],
			['councillor', (w: World) => w.councillor.claims],
			['presenter of the round', (w: World) => w.presenter.claims],
			['other interviewer of the round', (w: World) => w.colleague.claims]
		])('%s still reads no interview answers', async (_who, claims) => {
			const { rows } = await backend().asRole(claims(w), SELECTS[1]);
			expect(JSON.stringify(rows)).not.toContain(w.secret);
			for (const [fn, args] of peeks(w)) {
				const { data } = await backend().rpc(claims(w), fn, args);
				expect(JSON.stringify(data ?? null)).not.toContain(`Antwoord ${w.secret}`);
			}
		});

		test('anon reads the findings table directly, but only the opened round', async () => {
			const { rows } = await backend().asRole<{ round_id: string }>(
				ANON,
				`select distinct round_id from app.findings where round_id in ($1, $2)`,
				[w.roundA.id, w.roundB.id]
			);
			expect(rows).toEqual([{ round_id: w.roundA.id }]);
		});

		test('a withdrawn finding disappears from alle bevindingen', async () => {
			const { error } = await backend().rpc(w.author.claims, 'finding_withdraw', {
				p_id: w.findingId
			});
			expect(error).toBeNull();
			const { data } = await backend().rpc(ANON, 'evening_findings', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(data).toEqual([]);
		});
	});
});
