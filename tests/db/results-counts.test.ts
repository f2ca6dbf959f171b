// The counts of a published round's results against a reference worked out here from the very
// interviews inserted: overall and per municipality, for a scale, a single-choice and a
// multiple-choice question, with unanswered questions among them (counted as "no answer", or for
// an option as "not chosen"). With k = 3 and large enough groups, almost nothing is hidden, so a
// wrong count cannot hide behind the protection.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createInterviewer, createOrganisation, createRound, createStaff } from './fixtures';
import type { ResultsDocument } from './results-attacker';

type Profile = { m: 0 | 1; scale: number | null; single: string | null; multi: string[] | null };

const profiles: Profile[] = Array.from({ length: 30 }, (_, i) => ({
	m: (i % 2) as 0 | 1,
	scale: i % 7 === 0 ? null : 1 + (i % 5),
	single: i % 5 === 4 ? null : ['Ja', 'Soms', 'Nee'][i % 3],
	multi: i % 4 === 0 ? null : i % 3 === 0 ? ['School', 'Buren'] : ['School']
}));

/** What a person counting by hand finds for one item's values, among the chosen interviews. */
function reference(values: string[], option: string | null, kind: string, among: Profile[]) {
	return values.map(
		(value) =>
			among.filter((p) => {
				if (kind === 'scale') return (p.scale === null ? '' : String(p.scale)) === value;
				if (kind === 'single') return (p.single ?? '') === value;
				const chosen = (p.multi ?? []).includes(option!);
				return value === (chosen ? 'chosen' : 'not_chosen');
			}).length
	);
}

describeBackends('the counts of a published round', (backend) => {
	let doc: ResultsDocument & { items: Array<ResultsDocument['items'][number] & { kind: string }> };
	let municipalityIds: string[];

	beforeAll(async () => {
		const b = backend();
		const org = await createOrganisation(b);
		const coordinator = await createStaff(b, org.id, 'coordinator');
		const round = await createRound(b, org, 'gepubliceerd');
		await b.sql(`update app.rounds set results_min_cell = 3 where id = $1`, [round.id]);
		const interviewer = await createInterviewer(b, round.id);
		municipalityIds = round.municipalityIds;
		for (const p of profiles) {
			const id = randomUUID();
			await b.sql(
				`insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
					interviewee_group, age_band, municipality_id)
				 values ($1, $2, $3, 1, 'mondeling', 'ouder', '24_plus', $4)`,
				[id, round.id, interviewer.id, round.municipalityIds[p.m]]
			);
			if (p.scale !== null)
				await b.sql(
					`insert into app.answers (interview_id, question_id, scale_value) values ($1, $2, $3)`,
					[id, round.questions.scale, p.scale]
				);
			if (p.single !== null)
				await b.sql(
					`insert into app.answers (interview_id, question_id, choices) values ($1, $2, $3)`,
					[id, round.questions.single, [p.single]]
				);
			if (p.multi !== null)
				await b.sql(
					`insert into app.answers (interview_id, question_id, choices) values ($1, $2, $3)`,
					[id, round.questions.multi, p.multi]
				);
		}
		const { data, error } = await b.rpc(coordinator.claims, 'round_results', {
			p_round_id: round.id
		});
		expect(error).toBeNull();
		doc = data as typeof doc;
	});

	test('overall: every item counts every interview once, unanswered included', () => {
		// scale + single + one item per option of the multiple-choice question (3).
		expect(doc.items.length).toBe(5);
		for (const item of doc.items) {
			const expected = reference(item.values, item.option, item.kind, profiles);
			expect({ item: item.option ?? item.kind, counts: item.overall }).toEqual({
				item: item.option ?? item.kind,
				counts: expected.map((n) => (n > 0 && n < 3 ? null : n))
			});
			expect(expected.reduce((a, n) => a + n, 0)).toBe(profiles.length);
		}
	});

	test('per municipality: each shown cell is the hand count, and many cells are shown', () => {
		let shown = 0;
		for (const item of doc.items) {
			const rows = item.breakdowns.find((d) => d.dimension === 'municipality')!.rows;
			expect(rows.map((r) => r.key).sort()).toEqual([...municipalityIds].sort());
			rows.forEach((row) => {
				const m = municipalityIds.indexOf(row.key);
				const expected = reference(
					item.values,
					item.option,
					item.kind,
					profiles.filter((p) => p.m === m)
				);
				row.counts.forEach((count, i) => {
					if (count === null) return;
					shown++;
					expect({ item: item.option ?? item.kind, m, value: item.values[i], count }).toEqual({
						item: item.option ?? item.kind,
						m,
						value: item.values[i],
						count: expected[i]
					});
				});
			});
		}
		// Half of the 32 cells are shown; the rest are small (k = 3) or protect a small one.
		expect(shown).toBeGreaterThanOrEqual(12);
	});
});
