// Bad input is refused with the reason code of API.md and leaves every table as it was; good
// input submitted twice (a device retrying) changes the database once.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createWorld, tableCounts, type World } from './fixtures';

type Case = [
	string,
	(w: World & { interviewIdB: string }) => Record<string, unknown>,
	{ message: string; hint: string }
];

function submission(w: World, overrides: Record<string, unknown> = {}) {
	return {
		p_id: randomUUID(),
		p_consent_form: 'mondeling',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: '24_plus',
		p_municipality_id: w.roundA.municipalityIds[0],
		p_answers: [
			{ question_id: w.roundA.questions.open, text: 'Het ging best goed.' },
			{ question_id: w.roundA.questions.scale, scale: 4 },
			{ question_id: w.roundA.questions.multi, choices: ['School', 'Buren'] }
		],
		...overrides
	};
}

const INTERVIEW_CASES: Case[] = [
	[
		'missing consent',
		(w) => submission(w, { p_consent_form: null }),
		{ message: 'consent_required', hint: 'consent_form' }
	],
	[
		'unknown consent form',
		(w) => submission(w, { p_consent_form: 'knikje' }),
		{ message: 'invalid_input', hint: 'consent_form' }
	],
	[
		'under 16 without guardian consent',
		(w) => submission(w, { p_age_band: '12_15', p_guardian_consent: false }),
		{ message: 'guardian_consent_required', hint: 'guardian_consent' }
	],
	[
		'under 12 with guardian consent unknown',
		(w) => submission(w, { p_age_band: 'onder_12', p_guardian_consent: null }),
		{ message: 'guardian_consent_required', hint: 'guardian_consent' }
	],
	[
		'unknown age band',
		(w) => submission(w, { p_age_band: '99' }),
		{ message: 'invalid_input', hint: 'age_band' }
	],
	[
		'unknown group',
		(w) => submission(w, { p_interviewee_group: 'opa' }),
		{ message: 'invalid_input', hint: 'interviewee_group' }
	],
	[
		'municipality of the organisation but not of the round',
		(w) => submission(w, { p_municipality_id: w.org.municipalityIds[2] }),
		{ message: 'invalid_input', hint: 'municipality_id' }
	],
	[
		'municipality of another organisation',
		(w) => submission(w, { p_municipality_id: w.otherOrg.municipalityIds[0] }),
		{ message: 'invalid_input', hint: 'municipality_id' }
	],
	[
		'scale value 9',
		(w) => submission(w, { p_answers: [{ question_id: w.roundA.questions.scale, scale: 9 }] }),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'scale value as text',
		(w) => submission(w, { p_answers: [{ question_id: w.roundA.questions.scale, scale: '3' }] }),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'empty open answer',
		(w) => submission(w, { p_answers: [{ question_id: w.roundA.questions.open, text: '   ' }] }),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'overlong open answer',
		(w) =>
			submission(w, {
				p_answers: [{ question_id: w.roundA.questions.open, text: 'a'.repeat(4001) }]
			}),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'choice that is not an option',
		(w) =>
			submission(w, {
				p_answers: [{ question_id: w.roundA.questions.single, choices: ['Misschien'] }]
			}),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'two choices on a single-choice question',
		(w) =>
			submission(w, {
				p_answers: [{ question_id: w.roundA.questions.single, choices: ['Ja', 'Nee'] }]
			}),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'a question of round B (forged question id)',
		(w) => submission(w, { p_answers: [{ question_id: w.roundB.questions.open, text: 'Hallo' }] }),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'the same question twice',
		(w) =>
			submission(w, {
				p_answers: [
					{ question_id: w.roundA.questions.scale, scale: 2 },
					{ question_id: w.roundA.questions.scale, scale: 3 }
				]
			}),
		{ message: 'invalid_input', hint: 'answers' }
	],
	[
		'answers not a list',
		(w) => submission(w, { p_answers: { a: 1 } }),
		{ message: 'invalid_input', hint: 'answers' }
	],
	['no id', (w) => submission(w, { p_id: null }), { message: 'invalid_input', hint: 'id' }]
];

const FINDING_CASES: Case[] = [
	[
		'empty statement',
		() => ({ p_statement: '  ' }),
		{ message: 'invalid_input', hint: 'statement' }
	],
	[
		'two-letter statement',
		() => ({ p_statement: 'ok' }),
		{ message: 'invalid_input', hint: 'statement' }
	],
	[
		'overlong statement',
		() => ({ p_statement: 'a'.repeat(601) }),
		{ message: 'invalid_input', hint: 'statement' }
	],
	[
		'overlong quote',
		() => ({ p_quote: 'a'.repeat(401) }),
		{ message: 'invalid_input', hint: 'quote' }
	],
	[
		'theme not in the guide',
		() => ({ p_theme: 'Iets anders' }),
		{ message: 'invalid_input', hint: 'theme' }
	],
	[
		'an interview of round B (forged interview id)',
		(w) => ({ p_interview_id: w.interviewIdB }),
		{ message: 'invalid_input', hint: 'interview_id' }
	],
	[
		'an interview of a colleague in the same round',
		(w) => ({ p_interview_id: w.interviewId }),
		{ message: 'invalid_input', hint: 'interview_id' }
	]
];

describeBackends('bad input is refused and changes nothing', (backend) => {
	let w: World & { interviewIdB: string };
	beforeAll(async () => {
		const world = await createWorld(backend());
		const [b] = await backend().sql<{ id: string }>(
			`insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
				interviewee_group, age_band, municipality_id)
			 values (gen_random_uuid(), $1, $2, 1, 'mondeling', 'ouder', '24_plus', $3) returning id`,
			[world.roundB.id, world.interviewerB.id, world.roundB.municipalityIds[0]]
		);
		w = { ...world, interviewIdB: b.id };
	});

	describe('interview_submit (as the author of round A)', () => {
		test.each(INTERVIEW_CASES)('%s', async (_name, args, expected) => {
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.author.claims, 'interview_submit', args(w));
			expect(error).toMatchObject({ code: 'P0001', ...expected });
			expect(await tableCounts(backend())).toEqual(before);
		});
	});

	describe('finding_create (as a colleague of the author)', () => {
		test.each(FINDING_CASES)('%s', async (_name, args, expected) => {
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.colleague.claims, 'finding_create', {
				p_id: randomUUID(),
				p_statement: 'Een goede bevinding',
				p_quote: null,
				p_theme: null,
				p_interview_id: null,
				...args(w)
			});
			expect(error).toMatchObject({ code: 'P0001', ...expected });
			expect(await tableCounts(backend())).toEqual(before);
		});
	});

	describe('round_create (as the coordinator)', () => {
		const good = (w: World) => ({
			p_title: 'Ouders aan het woord 2028',
			p_target_group: 'ouders',
			p_municipality_ids: [w.org.municipalityIds[0]],
			p_questions: [
				{ kind: 'open', prompt: 'Hoe ging het?', theme: 'Eerste contact' },
				{
					kind: 'scale',
					prompt: 'Hoe tevreden bent u?',
					theme: 'Tevredenheid',
					scale_min_label: 'Niet',
					scale_max_label: 'Heel'
				}
			]
		});
		const CASES: Array<[string, (w: World) => Record<string, unknown>, string]> = [
			['empty title', () => ({ p_title: ' ' }), 'title'],
			['overlong title', () => ({ p_title: 'a'.repeat(121) }), 'title'],
			['unknown group', () => ({ p_target_group: 'opa' }), 'target_group'],
			['no municipalities', () => ({ p_municipality_ids: [] }), 'municipality_ids'],
			[
				'municipality of another organisation',
				(w) => ({ p_municipality_ids: [w.otherOrg.municipalityIds[0]] }),
				'municipality_ids'
			],
			['no questions', () => ({ p_questions: [] }), 'questions'],
			[
				'41 questions',
				() => ({
					p_questions: Array.from({ length: 41 }, () => ({
						kind: 'open',
						prompt: 'Vraag?',
						theme: 'T'
					}))
				}),
				'questions'
			],
			[
				'unknown question kind',
				() => ({ p_questions: [{ kind: 'essay', prompt: 'Vraag?', theme: 'T' }] }),
				'questions'
			],
			[
				'choice question with one option',
				() => ({
					p_questions: [{ kind: 'single', prompt: 'Vraag?', theme: 'T', options: ['Ja'] }]
				}),
				'questions'
			],
			[
				'empty prompt',
				() => ({ p_questions: [{ kind: 'open', prompt: '', theme: 'T' }] }),
				'questions'
			]
		];
		test.each(CASES)('%s', async (_name, args, hint) => {
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.coordinator.claims, 'round_create', {
				...good(w),
				...args(w)
			});
			expect(error).toMatchObject({ code: 'P0001', message: 'invalid_input', hint });
			expect(await tableCounts(backend())).toEqual(before);
		});

		test('good input creates a concept round with a readable join code', async () => {
			const { data, error } = await backend().rpc(w.coordinator.claims, 'round_create', good(w));
			expect(error).toBeNull();
			expect(data).toMatchObject({
				join_code: expect.stringMatching(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/)
			});
			const got = await backend().rpc(w.coordinator.claims, 'round_get', {
				p_round_id: (data as { id: string }).id
			});
			expect(got.data).toMatchObject({
				state: 'concept',
				guide_version: 1,
				questions: [
					{ position: 0, kind: 'open', theme: 'Eerste contact' },
					{ position: 1, kind: 'scale', scale_min_label: 'Niet', scale_max_label: 'Heel' }
				],
				counts: { interviewers: 0, interviews: 0, findings: 0, consent_withdrawn: 0 }
			});
		});

		test('a councillor cannot create a round', async () => {
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.councillor.claims, 'round_create', good(w));
			expect(error).toMatchObject({ code: '42501', message: 'not_allowed' });
			expect(await tableCounts(backend())).toEqual(before);
		});
	});

	describe('idempotent submission', () => {
		test('interview_submit twice with one id stores one interview', async () => {
			const args = submission(w);
			const before = await tableCounts(backend());
			const first = await backend().rpc(w.author.claims, 'interview_submit', args);
			expect(first).toMatchObject({ data: { id: args.p_id, created: true }, error: null });
			const second = await backend().rpc(w.author.claims, 'interview_submit', args);
			expect(second).toMatchObject({ data: { id: args.p_id, created: false }, error: null });
			const after = await tableCounts(backend());
			expect(after.interviews - before.interviews).toBe(1);
			expect(after.answers - before.answers).toBe(3);
		});

		test("someone else's interview id is refused, not overwritten", async () => {
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.colleague.claims, 'interview_submit', {
				...submission(w),
				p_id: w.interviewId
			});
			expect(error?.code).toBe('42501');
			expect(await tableCounts(backend())).toEqual(before);
		});

		test('finding_create twice with one id stores one finding', async () => {
			const id = randomUUID();
			const args = {
				p_id: id,
				p_statement: 'Wachten duurt te lang',
				p_quote: null,
				p_theme: 'Wachttijd',
				p_interview_id: null
			};
			const before = await tableCounts(backend());
			expect(await backend().rpc(w.colleague.claims, 'finding_create', args)).toMatchObject({
				data: { id, created: true },
				error: null
			});
			expect(await backend().rpc(w.colleague.claims, 'finding_create', args)).toMatchObject({
				data: { id, created: false },
				error: null
			});
			expect((await tableCounts(backend())).findings - before.findings).toBe(1);
			const [row] = await backend().sql(`select statement from app.findings where id = $1`, [id]);
			expect(row).toEqual({ statement: 'Wachten duurt te lang' });
		});

		test("someone else's finding id is refused, not overwritten", async () => {
			const { error } = await backend().rpc(w.colleague.claims, 'finding_create', {
				p_id: w.findingId,
				p_statement: 'Overname poging',
				p_quote: null,
				p_theme: null,
				p_interview_id: null
			});
			expect(error?.code).toBe('42501');
			const [row] = await backend().sql(`select statement from app.findings where id = $1`, [
				w.findingId
			]);
			expect(row).toEqual({ statement: `Bevinding ${w.secret}` });
		});
	});

	describe('state', () => {
		test('no interviews are accepted outside fieldwork', async () => {
			await backend().sql(`update app.rounds set state = 'concept' where id = $1`, [w.roundB.id]);
			const before = await tableCounts(backend());
			const { error } = await backend().rpc(w.interviewerB.claims, 'interview_submit', {
				...submission(w),
				p_municipality_id: w.roundB.municipalityIds[0],
				p_answers: []
			});
			expect(error).toMatchObject({ code: 'P0001', message: 'wrong_state' });
			expect(await tableCounts(backend())).toEqual(before);
			await backend().sql(`update app.rounds set state = 'veldwerk' where id = $1`, [w.roundB.id]);
		});
	});
});
