// Correcting an interview (issue 9, item 6), as findings can be corrected: only its author, only
// until the evening opens, never once consent is withdrawn; checked as at submit; the chain gets
// an interview_corrected entry when the content changed (none when it did not); a late resend of
// the original from the outbox changes nothing. Every identity tries, before and after opening.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends, type Backend } from './harness';
import {
	ANON,
	SERVICE,
	createInterview,
	createWorld,
	identities,
	openEvening,
	type World
} from './fixtures';

type Stored = {
	age_band: string;
	answers: Array<{ question_id: string; text?: string; scale?: number; choices?: string[] }>;
};

function correction(w: World, text: string, age = '18_23') {
	return {
		p_consent_form: 'schriftelijk',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: age,
		p_municipality_id: w.roundA.municipalityIds[0],
		p_answers: [
			{ question_id: w.roundA.questions.open, text },
			{ question_id: w.roundA.questions.scale, scale: 5 }
		]
	};
}

const chainKinds = async (b: Backend, id: string) =>
	(
		await b.sql<{ kind: string }>(
			`select kind from app.chain_entries where subject_id = $1 order by seq`,
			[id]
		)
	).map((row) => row.kind);

const stored = async (b: Backend, w: World, id: string) =>
	(await b.rpc(w.author.claims, 'my_interview', { p_id: id })).data as Stored;

describeBackends('interviews corrected by their author until the evening opens', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	test('the author corrects: answers and profile replaced, one chain entry', async () => {
		const { error } = await backend().rpc(w.author.claims, 'interview_update', {
			p_id: w.interviewId,
			...correction(w, 'Verbeterd: het duurde drie weken.')
		});
		expect(error).toBeNull();
		const after = await stored(backend(), w, w.interviewId);
		expect(after.age_band).toBe('18_23');
		expect(after.answers).toHaveLength(2);
		expect(after.answers).toContainEqual({
			question_id: w.roundA.questions.open,
			text: 'Verbeterd: het duurde drie weken.'
		});
		expect(await chainKinds(backend(), w.interviewId)).toEqual([
			'interview_submitted',
			'interview_corrected'
		]);
	});

	test('the same correction again adds nothing to the chain', async () => {
		const { error } = await backend().rpc(w.author.claims, 'interview_update', {
			p_id: w.interviewId,
			...correction(w, 'Verbeterd: het duurde drie weken.')
		});
		expect(error).toBeNull();
		expect(await chainKinds(backend(), w.interviewId)).toEqual([
			'interview_submitted',
			'interview_corrected'
		]);
	});

	test('bad input is refused at its field, and nothing changes', async () => {
		const tooYoung = await backend().rpc(w.author.claims, 'interview_update', {
			p_id: w.interviewId,
			...correction(w, 'Zonder ouder', '12_15')
		});
		expect(tooYoung.error).toMatchObject({ message: 'guardian_consent_required' });
		const foreign = await backend().rpc(w.author.claims, 'interview_update', {
			p_id: w.interviewId,
			...correction(w, 'x'),
			p_answers: [{ question_id: w.roundB.questions.open, text: 'Vraag van een andere ronde' }]
		});
		expect(foreign.error).toMatchObject({ message: 'invalid_input', hint: 'answers' });
		expect((await stored(backend(), w, w.interviewId)).age_band).toBe('18_23');
	});

	test('a late resend of the original (same id, first content) changes nothing', async () => {
		const id = randomUUID();
		const original = {
			p_id: id,
			p_consent_form: 'mondeling',
			p_guardian_consent: false,
			p_interviewee_group: 'ouder',
			p_age_band: '24_plus',
			p_municipality_id: w.roundA.municipalityIds[0],
			p_answers: [{ question_id: w.roundA.questions.open, text: 'Eerste versie' }]
		};
		expect((await backend().rpc(w.author.claims, 'interview_submit', original)).error).toBeNull();
		const { p_id: _id, ...rest } = original;
		void _id;
		expect(
			(
				await backend().rpc(w.author.claims, 'interview_update', {
					p_id: id,
					...rest,
					p_answers: [{ question_id: w.roundA.questions.open, text: 'Tweede versie' }]
				})
			).error
		).toBeNull();
		const resend = await backend().rpc(w.author.claims, 'interview_submit', original);
		expect(resend.data).toEqual({ id, created: false });
		expect((await stored(backend(), w, id)).answers[0].text).toBe('Tweede versie');
	});

	describe('nobody else corrects it, before or after the evening opens', () => {
		const others = (w: World) => {
			const all = identities(w);
			delete all.author;
			return { ...all, anon: ANON, service: SERVICE };
		};
		for (const moment of ['before opening', 'after opening'] as const) {
			test(`${moment}: every other identity is refused and the interview stays as it was`, async () => {
				if (moment === 'after opening') await openEvening(backend(), w);
				const before = await stored(backend(), w, w.interviewId);
				for (const [who, claims] of Object.entries(others(w))) {
					const { error } = await backend().rpc(claims, 'interview_update', {
						p_id: w.interviewId,
						...correction(w, `Overschreven door ${who}`)
					});
					expect(error, who).not.toBeNull();
					const { error: read } = await backend().rpc(claims, 'my_interview', {
						p_id: w.interviewId
					});
					expect(read, `${who} reads it`).not.toBeNull();
				}
				expect(await stored(backend(), w, w.interviewId)).toEqual(before);
			});
		}

		test('after opening, the author is refused too (frozen), with a reason', async () => {
			const { error } = await backend().rpc(w.author.claims, 'interview_update', {
				p_id: w.interviewId,
				...correction(w, 'Na de opening')
			});
			expect(error).toMatchObject({ message: 'interviews_frozen' });
		});
	});
});

describeBackends('a withdrawn interview cannot be corrected', (backend) => {
	test('refused with "withdrawn"', async () => {
		const w = await createWorld(backend());
		const id = await createInterview(backend(), w.roundA, w.author, 'ingetrokken');
		expect(
			(await backend().rpc(w.author.claims, 'interview_withdraw', { p_interview_id: id })).error
		).toBeNull();
		const { error } = await backend().rpc(w.author.claims, 'interview_update', {
			p_id: id,
			...correction(w, 'Toch weer terug')
		});
		expect(error).toMatchObject({ message: 'withdrawn' });
		expect(await chainKinds(backend(), id)).toEqual(['interview_submitted', 'interview_withdrawn']);
	});
});

describeBackends(
	'an interview is corrected on the questions of its own guide version',
	(backend) => {
		test('after a guide change, my_interview gives the old questions and only those are taken', async () => {
			const b = backend();
			const w = await createWorld(b);
			const id = await createInterview(b, w.roundA, w.author, 'versie een');
			// Version 2: the same questions with the open one reworded, as a guide edit makes it.
			const v2 = await b.sql<{ id: string; kind: string }>(
				`insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
				scale_min_label, scale_max_label, options, key)
			 select round_id, 2, position, kind,
				case when kind = 'open' then 'Nieuwe vraag in versie 2' else prompt end,
				theme, scale_min_label, scale_max_label, options, key
			 from app.questions where round_id = $1 and guide_version = 1
			 returning id, kind`,
				[w.roundA.id]
			);
			await b.sql(`update app.rounds set guide_version = 2 where id = $1`, [w.roundA.id]);

			const { data } = await b.rpc(w.author.claims, 'my_interview', { p_id: id });
			const own = data as { guide_version: number; questions: { id: string; prompt: string }[] };
			expect(own.guide_version).toBe(1);
			expect(own.questions.map((q) => q.id).sort()).toEqual(
				Object.values(w.roundA.questions).sort()
			);
			expect(own.questions.map((q) => q.prompt)).not.toContain('Nieuwe vraag in versie 2');

			const newOpen = v2.find((q) => q.kind === 'open')!.id;
			const onNew = await b.rpc(w.author.claims, 'interview_update', {
				p_id: id,
				...correction(w, 'Op de nieuwe vraag'),
				p_answers: [{ question_id: newOpen, text: 'Op de nieuwe vraag' }]
			});
			expect(onNew.error).toMatchObject({ message: 'invalid_input', hint: 'answers' });
			expect(
				(await b.rpc(w.author.claims, 'interview_update', { p_id: id, ...correction(w, 'Oud') }))
					.error
			).toBeNull();
		});

		test('interviewer_me says whether the round takes its interviewers’ own questions', async () => {
			const b = backend();
			const w = await createWorld(b);
			const flag = async () =>
				(
					(await b.rpc(w.author.claims, 'interviewer_me')).data as {
						round: { can_add_questions: boolean };
					}
				).round.can_add_questions;
			expect(await flag()).toBe(false);
			// A youth round that lets its interviewers add questions (the coordinator's setting).
			await b.sql(
				`update app.rounds set target_group = 'jongeren', interviewers_add_questions = true
			 where id = $1`,
				[w.roundA.id]
			);
			expect(await flag()).toBe(true);
			// As own_questions().allowed: only in fieldwork.
			await openEvening(b, w);
			expect(await flag()).toBe(false);
		});
	}
);
