// Withdrawal of consent (GDPR art. 7(3)): the interviewer who recorded the interview withdraws it;
// the answers and the profile are erased, the linked findings withdrawn, the withdrawal counted,
// and the chain records each step.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createFinding, createWorld, identities, type World } from './fixtures';
import { chainOf, chainProblems, fingerprintOf, type Entry } from './chain';

/** Everyone but the author, and how they are refused. */
const REFUSED: Array<[string, { code: string; message?: string }]> = [
	['anon', { code: '42501' }],
	['coordinator', { code: '42501', message: 'not_allowed' }],
	['councillor', { code: '42501', message: 'not_allowed' }],
	['other interviewer of the round', { code: '42501', message: 'not_allowed' }],
	['presenter of the round', { code: '42501', message: 'not_allowed' }],
	['interviewer of round B', { code: '42501', message: 'not_allowed' }],
	["another organisation's interviewer", { code: '42501', message: 'not_allowed' }]
];

describeBackends('withdrawing consent', (backend) => {
	let w: World;
	let secondFinding: string;
	let unrelatedFinding: string;
	let chainBefore: Entry[];

	beforeAll(async () => {
		w = await createWorld(backend());
		secondFinding = await createFinding(backend(), w.roundA, w.author, w.secret, w.interviewId);
		unrelatedFinding = await createFinding(backend(), w.roundA, w.author, `${w.secret}-los`);
		chainBefore = await chainOf(backend(), w.roundA.id);
	});

	const interview = async () => {
		const [row] = await backend().sql<Record<string, unknown>>(
			`select v.consent_withdrawn_at is not null as withdrawn, v.interviewee_group, v.age_band,
				v.municipality_id, v.consent_form,
				(select count(*)::int from app.answers a where a.interview_id = v.id) as answers
			 from app.interviews v where v.id = $1`,
			[w.interviewId]
		);
		return row;
	};
	const withdraw = (who: string, id = w.interviewId) =>
		backend().rpc(identities(w)[who], 'interview_withdraw', { p_interview_id: id });

	test.each(REFUSED)('%s is refused and nothing changes', async (who, expected) => {
		const before = await interview();
		expect((await withdraw(who)).error).toMatchObject(expected);
		expect(await interview()).toEqual(before);
		expect(before).toMatchObject({ withdrawn: false, answers: 3 });
		expect(await chainOf(backend(), w.roundA.id)).toEqual(chainBefore);
	});

	test('an unknown interview is not_found', async () => {
		expect((await withdraw('author', randomUUID())).error).toMatchObject({
			code: 'P0002',
			message: 'not_found'
		});
	});

	test('a direct update or delete by the author is refused', async () => {
		for (const sql of [
			`update app.interviews set consent_withdrawn_at = now() where id = $1 returning id`,
			`delete from app.answers where interview_id = $1 returning interview_id`
		]) {
			const { rows, error } = await backend().asRole(w.author.claims, sql, [w.interviewId]);
			expect(error !== null || rows.length === 0).toBe(true);
		}
		expect(await interview()).toMatchObject({ withdrawn: false, answers: 3 });
	});

	describe('by the author', () => {
		let countsBefore: Record<string, number>;
		beforeAll(async () => {
			const { data } = await backend().rpc(w.coordinator.claims, 'round_get', {
				p_round_id: w.roundA.id
			});
			countsBefore = (data as { counts: Record<string, number> }).counts;
			const { data: result, error } = await withdraw('author');
			expect(error).toBeNull();
			expect(result).toEqual({ id: w.interviewId, findings_withdrawn: 2 });
		});

		test('answers and profile are erased; what proves consent stays', async () => {
			expect(await interview()).toEqual({
				withdrawn: true,
				interviewee_group: null,
				age_band: null,
				municipality_id: null,
				consent_form: 'mondeling',
				answers: 0
			});
		});

		test('every finding linked to it is withdrawn; others are not', async () => {
			const rows = await backend().sql<{ id: string; withdrawn: boolean; statement: string }>(
				`select id, withdrawn_at is not null as withdrawn, statement from app.findings
				 where round_id = $1 order by id`,
				[w.roundA.id]
			);
			const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
			expect(byId[w.findingId]).toMatchObject({ withdrawn: true, statement: null });
			expect(byId[secondFinding]).toMatchObject({ withdrawn: true, statement: null });
			expect(byId[unrelatedFinding]).toMatchObject({ withdrawn: false });
		});

		test('round_get counts it as consent_withdrawn, no longer as an interview', async () => {
			const { data } = await backend().rpc(w.coordinator.claims, 'round_get', {
				p_round_id: w.roundA.id
			});
			expect((data as { counts: Record<string, number> }).counts).toEqual({
				...countsBefore,
				interviews: countsBefore.interviews - 1,
				findings: countsBefore.findings - 2,
				consent_withdrawn: countsBefore.consent_withdrawn + 1
			});
		});

		test('the chain gets a withdrawal for each finding and for the interview', async () => {
			const chain = await chainOf(backend(), w.roundA.id);
			expect(chain.slice(0, chainBefore.length)).toEqual(chainBefore);
			const added = chain.slice(chainBefore.length);
			expect(added.map((e) => [e.kind, e.subject_id]).sort()).toEqual(
				[
					['finding_withdrawn', w.findingId],
					['finding_withdrawn', secondFinding],
					['interview_withdrawn', w.interviewId]
				].sort()
			);
			// A withdrawal carries the hash of what was withdrawn: the last entry about it.
			for (const e of added) {
				const previous = chainBefore.findLast((p) => p.subject_id === e.subject_id);
				expect(e.content_hash).toBe(previous!.content_hash);
			}
			expect(chainProblems(w.roundA.id, chain, fingerprintOf(chain.at(-1)!.entry_hash))).toEqual(
				[]
			);
		});

		test('the author sees it as withdrawn in their list', async () => {
			const { data } = await backend().rpc(w.author.claims, 'my_interviews');
			expect(data).toEqual([
				expect.objectContaining({
					id: w.interviewId,
					age_band: null,
					municipality_name: null,
					answer_count: 0,
					finding_count: 0,
					withdrawn_at: expect.any(String)
				})
			]);
		});

		test('no new finding can be linked to it', async () => {
			const { error } = await backend().rpc(w.author.claims, 'finding_create', {
				p_id: randomUUID(),
				p_statement: 'Nog iets over dit gesprek',
				p_quote: null,
				p_theme: null,
				p_interview_id: w.interviewId
			});
			expect(error).toMatchObject({ message: 'invalid_input', hint: 'interview_id' });
			// Nor with a direct insert past the function: the policy refuses it too.
			const direct = await backend().asRole(
				w.author.claims,
				`insert into app.findings (id, round_id, interviewer_id, interview_id, statement)
				 values (gen_random_uuid(), $1, $2, $3, 'Nog iets over dit gesprek')`,
				[w.roundA.id, w.author.id, w.interviewId]
			);
			expect(direct.error?.code).toBe('42501');
		});

		test('withdrawing again changes nothing', async () => {
			const chain = await chainOf(backend(), w.roundA.id);
			const { data, error } = await withdraw('author');
			expect(error).toBeNull();
			expect(data).toEqual({ id: w.interviewId, findings_withdrawn: 0 });
			expect(await chainOf(backend(), w.roundA.id)).toEqual(chain);
		});

		test('the secret is gone from every table', async () => {
			const [row] = await backend().sql<{ hits: number }>(
				`select (select count(*) from app.answers a where a.text_value like '%' || $1 || '%')
					+ (select count(*) from app.findings f where f.id <> $2
						and (f.statement like '%' || $1 || '%' or f.quote like '%' || $1 || '%')) as hits`,
				[w.secret, unrelatedFinding]
			);
			expect(Number(row.hits)).toBe(0);
		});
	});

	describe('by phase', () => {
		test.each(['veldwerk', 'avond', 'gepubliceerd'])(
			'allowed while the round is %s',
			async (state) => {
				const world = await createWorld(backend());
				await backend().sql(`update app.rounds set state = $2 where id = $1`, [
					world.roundA.id,
					state
				]);
				const { error } = await backend().rpc(world.author.claims, 'interview_withdraw', {
					p_interview_id: world.interviewId
				});
				expect(error).toBeNull();
			}
		);

		test('refused once the round is archived (its text is already erased)', async () => {
			const world = await createWorld(backend());
			await backend().sql(`update app.rounds set state = 'gearchiveerd' where id = $1`, [
				world.roundA.id
			]);
			const { error } = await backend().rpc(world.author.claims, 'interview_withdraw', {
				p_interview_id: world.interviewId
			});
			expect(error).toMatchObject({ code: 'P0001', message: 'wrong_state' });
		});
	});
});
