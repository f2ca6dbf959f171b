// Results count across guide versions (issue 12): an edit of the guide during fieldwork makes a new
// version, and an interview keeps the version it was held on. The answers given on the older
// version must still count for the same question (the same key) on the results page.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { describeBackends, type Backend } from './harness';
import {
	createInterviewer,
	createOrganisation,
	createRound,
	createStaff,
	type Round,
	type Staff
} from './fixtures';

type Item = {
	question_id: string;
	option: string | null;
	values: string[];
	overall: Array<number | null>;
};

async function interviewsOn(
	b: Backend,
	round: Round,
	version: number,
	answers: { scale: string; multi: string },
	n: number
) {
	const interviewer = await createInterviewer(b, round.id);
	for (let i = 0; i < n; i++) {
		const id = randomUUID();
		await b.sql(
			`insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
				interviewee_group, age_band, municipality_id)
			 values ($1, $2, $3, $4, 'mondeling', 'ouder', '24_plus', $5)`,
			[id, round.id, interviewer.id, version, round.municipalityIds[0]]
		);
		await b.sql(
			`insert into app.answers (interview_id, question_id, scale_value) values ($1, $2, 4)`,
			[id, answers.scale]
		);
		await b.sql(
			`insert into app.answers (interview_id, question_id, choices) values ($1, $2, array['School'])`,
			[id, answers.multi]
		);
	}
}

describeBackends('results across guide versions', (backend) => {
	let coordinator: Staff;
	let round: Round;
	let v2: { scale: string; multi: string };

	beforeAll(async () => {
		const b = backend();
		const org = await createOrganisation(b);
		coordinator = await createStaff(b, org.id, 'coordinator');
		round = await createRound(b, org, 'gepubliceerd');
		// Version 2 of the guide: the same questions (same keys), the scale question reworded.
		const rows = await b.sql<{ id: string; kind: string }>(
			`insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
				scale_min_label, scale_max_label, options, key)
			 select round_id, 2, position, kind,
				case when kind = 'scale' then 'Hoe lang moest u wachten?' else prompt end,
				theme, scale_min_label, scale_max_label, options, key
			 from app.questions where round_id = $1 and guide_version = 1
			 returning id, kind`,
			[round.id]
		);
		await b.sql(`update app.rounds set guide_version = 2 where id = $1`, [round.id]);
		v2 = {
			scale: rows.find((r) => r.kind === 'scale')!.id,
			multi: rows.find((r) => r.kind === 'multi')!.id
		};
		await interviewsOn(b, round, 1, round.questions, 6);
		await interviewsOn(b, round, 2, v2, 7);
	});

	test('the answers of the older version count for the same key', async () => {
		const { data, error } = await backend().rpc(coordinator.claims, 'round_results', {
			p_round_id: round.id
		});
		expect(error).toBeNull();
		const items = (data as { items: Item[] }).items;
		const scale = items.find((i) => i.question_id === v2.scale)!;
		// Shown with the current version's wording, counted over both versions: 6 + 7 = 13 fours.
		expect(scale.overall[scale.values.indexOf('4')]).toBe(13);
		const school = items.find((i) => i.question_id === v2.multi && i.option === 'School')!;
		expect(school.overall[school.values.indexOf('chosen')]).toBe(13);
		// Only the current version's questions are items: no double rows for the old version.
		expect(items.some((i) => i.question_id === round.questions.scale)).toBe(false);
	});
});
