// A phone in the field sends again whatever it is not sure arrived (the outbox). So: the same
// submission, however often and however concurrently, is stored once; the same id with other
// content is refused and overwrites nothing; a resend of something withdrawn is refused; a resend
// still works after the round moved on; and an interview begun on an older guide is stored with it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { chainOf } from './chain';
import { createWorld, tableCounts, type World } from './fixtures';

function interview(w: World, overrides: Record<string, unknown> = {}) {
	return {
		p_id: randomUUID(),
		p_consent_form: 'mondeling',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: '24_plus',
		p_municipality_id: w.roundA.municipalityIds[0],
		p_answers: [
			{ question_id: w.roundA.questions.open, text: 'Het ging best goed.' },
			{ question_id: w.roundA.questions.scale, scale: 4 }
		],
		...overrides
	};
}

function finding(overrides: Record<string, unknown> = {}) {
	return {
		p_id: randomUUID(),
		p_statement: 'Wachten duurt te lang',
		p_quote: 'Een half jaar!',
		p_theme: 'Wachttijd',
		p_interview_id: null,
		...overrides
	};
}

describeBackends('resubmission', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	const stored = async (id: string) => {
		const [row] = await backend().sql<{ n: number; answers: number; hash: string | null }>(
			`select count(*)::int as n, (select count(*)::int from app.answers where interview_id = $1)
				as answers, max(submission_hash) as hash from app.interviews where id = $1`,
			[id]
		);
		return row;
	};

	describe('interviews', () => {
		test('the same submission sent 5 times concurrently is stored once', async () => {
			const args = interview(w);
			const before = await tableCounts(backend());
			const chainBefore = (await chainOf(backend(), w.roundA.id)).length;
			const results = await Promise.all(
				Array.from({ length: 5 }, () => backend().rpc(w.author.claims, 'interview_submit', args))
			);
			for (const result of results) expect(result.error).toBeNull();
			expect(results.filter((r) => (r.data as { created: boolean }).created)).toHaveLength(1);
			const after = await tableCounts(backend());
			expect(after.interviews - before.interviews).toBe(1);
			expect(after.answers - before.answers).toBe(2);
			expect((await chainOf(backend(), w.roundA.id)).length).toBe(chainBefore + 1);
		});

		test('a resend with the answers in another order is the same submission', async () => {
			const args = interview(w);
			expect((await backend().rpc(w.author.claims, 'interview_submit', args)).error).toBeNull();
			const again = await backend().rpc(w.author.claims, 'interview_submit', {
				...args,
				p_answers: [...args.p_answers].reverse()
			});
			expect(again).toMatchObject({ data: { id: args.p_id, created: false }, error: null });
		});

		const CHANGES: Array<[string, (w: World) => Record<string, unknown>]> = [
			['other answers', () => ({ p_answers: [] })],
			[
				'another text',
				(w) => ({ p_answers: [{ question_id: w.roundA.questions.open, text: 'Anders verteld.' }] })
			],
			['another age band', () => ({ p_age_band: '18_23' })],
			['another consent form', () => ({ p_consent_form: 'schriftelijk' })],
			['a guide version it did not name before', () => ({ p_guide_version: 1 })]
		];
		test.each(CHANGES)('the same id with %s is refused, nothing overwritten', async (_, change) => {
			const args = interview(w);
			expect((await backend().rpc(w.author.claims, 'interview_submit', args)).error).toBeNull();
			const before = await stored(args.p_id);
			const { error } = await backend().rpc(w.author.claims, 'interview_submit', {
				...args,
				...change(w)
			});
			expect(error).toMatchObject({ code: 'P0001', message: 'submission_conflict' });
			expect(await stored(args.p_id)).toEqual(before);
			const [text] = await backend().sql(
				`select text_value from app.answers where interview_id = $1 and text_value is not null`,
				[args.p_id]
			);
			expect(text).toEqual({ text_value: 'Het ging best goed.' });
		});

		test('a resend of a withdrawn interview is refused', async () => {
			const args = interview(w);
			expect((await backend().rpc(w.author.claims, 'interview_submit', args)).error).toBeNull();
			const withdrawn = await backend().rpc(w.author.claims, 'interview_withdraw', {
				p_interview_id: args.p_id
			});
			expect(withdrawn.error).toBeNull();
			// Withdrawal erases the fingerprint with the profile (it would let the profile be tried).
			expect(await stored(args.p_id)).toEqual({ n: 1, answers: 0, hash: null });
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.author.claims, 'interview_submit', args);
			expect(error).toMatchObject({ code: 'P0001', message: 'withdrawn' });
			expect(await tableCounts(backend())).toEqual(before);
			expect(await stored(args.p_id)).toEqual({ n: 1, answers: 0, hash: null });
		});

		test("another interviewer's id is refused, also with the same content", async () => {
			const args = interview(w);
			expect((await backend().rpc(w.author.claims, 'interview_submit', args)).error).toBeNull();
			const before = await stored(args.p_id);
			const { error } = await backend().rpc(w.colleague.claims, 'interview_submit', args);
			expect(error).toMatchObject({ code: '42501', message: 'not_allowed' });
			expect(await stored(args.p_id)).toEqual(before);
		});

		test('an interview begun on an older guide is stored with that guide', async () => {
			// The guide changes while the phone is offline: version 2 gets a question of its own.
			await backend().sql(`update app.rounds set guide_version = 2 where id = $1`, [w.roundB.id]);
			const [q1] = await backend().sql<{ id: string }>(
				`insert into app.questions (round_id, guide_version, position, kind, prompt, theme)
				 values ($1, 1, 10, 'open', 'Oude vraag?', 'Oud') returning id`,
				[w.roundB.id]
			);
			const [q2] = await backend().sql<{ id: string }>(
				`insert into app.questions (round_id, guide_version, position, kind, prompt, theme)
				 values ($1, 2, 10, 'open', 'Nieuwe vraag?', 'Nieuw') returning id`,
				[w.roundB.id]
			);
			const base = {
				...interview(w),
				p_municipality_id: w.roundB.municipalityIds[0],
				p_answers: [{ question_id: q1.id, text: 'Op de oude vragenlijst.' }]
			};
			const old = await backend().rpc(w.interviewerB.claims, 'interview_submit', {
				...base,
				p_guide_version: 1
			});
			expect(old.error).toBeNull();
			const [row] = await backend().sql(`select guide_version from app.interviews where id = $1`, [
				base.p_id
			]);
			expect(row).toEqual({ guide_version: 1 });
			// Without the version the current guide counts, and the old question is not in it.
			const current = await backend().rpc(w.interviewerB.claims, 'interview_submit', {
				...base,
				p_id: randomUUID()
			});
			expect(current.error).toMatchObject({ message: 'invalid_input', hint: 'answers' });
			const newer = await backend().rpc(w.interviewerB.claims, 'interview_submit', {
				...base,
				p_id: randomUUID(),
				p_answers: [{ question_id: q2.id, text: 'Op de nieuwe.' }]
			});
			expect(newer.error).toBeNull();
			for (const version of [0, 3]) {
				const { error } = await backend().rpc(w.interviewerB.claims, 'interview_submit', {
					...base,
					p_id: randomUUID(),
					p_guide_version: version
				});
				expect(error).toMatchObject({ message: 'invalid_input', hint: 'guide_version' });
			}
		});

		test('a resend after the round moved on still gets its answer', async () => {
			const args = interview(w, { p_municipality_id: w.roundB.municipalityIds[0], p_answers: [] });
			expect(
				(await backend().rpc(w.interviewerB.claims, 'interview_submit', args)).error
			).toBeNull();
			await backend().sql(`update app.rounds set state = 'avond' where id = $1`, [w.roundB.id]);
			try {
				expect(await backend().rpc(w.interviewerB.claims, 'interview_submit', args)).toMatchObject({
					data: { id: args.p_id, created: false },
					error: null
				});
				const fresh = await backend().rpc(w.interviewerB.claims, 'interview_submit', {
					...args,
					p_id: randomUUID()
				});
				expect(fresh.error).toMatchObject({ message: 'wrong_state' });
			} finally {
				await backend().sql(`update app.rounds set state = 'veldwerk' where id = $1`, [
					w.roundB.id
				]);
			}
		});
	});

	describe('findings', () => {
		const statement = async (id: string) =>
			(await backend().sql(`select statement, quote from app.findings where id = $1`, [id]))[0];

		test('the same finding sent 5 times concurrently is stored once', async () => {
			const args = finding();
			const before = await tableCounts(backend());
			const results = await Promise.all(
				Array.from({ length: 5 }, () => backend().rpc(w.colleague.claims, 'finding_create', args))
			);
			for (const result of results) expect(result.error).toBeNull();
			expect(results.filter((r) => (r.data as { created: boolean }).created)).toHaveLength(1);
			expect((await tableCounts(backend())).findings - before.findings).toBe(1);
		});

		test('the same id with another statement is refused and nothing is overwritten', async () => {
			const args = finding();
			expect((await backend().rpc(w.colleague.claims, 'finding_create', args)).error).toBeNull();
			for (const change of [{ p_statement: 'Iets anders nu' }, { p_quote: null }]) {
				const { error } = await backend().rpc(w.colleague.claims, 'finding_create', {
					...args,
					...change
				});
				expect(error).toMatchObject({ code: 'P0001', message: 'submission_conflict' });
			}
			expect(await statement(args.p_id)).toEqual({
				statement: 'Wachten duurt te lang',
				quote: 'Een half jaar!'
			});
		});

		test('a resend of the original after a correction changes nothing', async () => {
			const args = finding();
			expect((await backend().rpc(w.colleague.claims, 'finding_create', args)).error).toBeNull();
			const corrected = await backend().rpc(w.colleague.claims, 'finding_update', {
				p_id: args.p_id,
				p_statement: 'Wachten duurt veel te lang',
				p_quote: null,
				p_theme: null
			});
			expect(corrected.error).toBeNull();
			expect(await backend().rpc(w.colleague.claims, 'finding_create', args)).toMatchObject({
				data: { id: args.p_id, created: false },
				error: null
			});
			expect(await statement(args.p_id)).toEqual({
				statement: 'Wachten duurt veel te lang',
				quote: null
			});
		});

		test('a resend of a withdrawn finding is refused and its fingerprint is gone', async () => {
			const args = finding();
			expect((await backend().rpc(w.colleague.claims, 'finding_create', args)).error).toBeNull();
			expect(
				(await backend().rpc(w.colleague.claims, 'finding_withdraw', { p_id: args.p_id })).error
			).toBeNull();
			const { error } = await backend().rpc(w.colleague.claims, 'finding_create', args);
			expect(error).toMatchObject({ code: 'P0001', message: 'withdrawn' });
			const [row] = await backend().sql(
				`select statement, submission_hash from app.findings where id = $1`,
				[args.p_id]
			);
			expect(row).toEqual({ statement: null, submission_hash: null });
		});
	});
});
