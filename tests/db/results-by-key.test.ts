// Results across rounds (issue 12, item 2): a question that keeps its key from one year's guide to
// the next is compared round by round, each round with its own protection; a municipal user sees
// only the rounds that cover one of their municipalities, and nobody sees another organisation's.
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

type ByKey = Array<{
	key: string;
	prompt: string;
	rounds: Array<{
		round: { id: string; title: string; interviews: number };
		items: Array<{ values: string[]; overall: Array<number | null> }>;
	}>;
}>;

/** `n` interviews in the round's first or second municipality, scale answers 1..5 in turn. */
async function interviews(b: Backend, round: Round, n: number, municipality = 0) {
	const interviewer = await createInterviewer(b, round.id);
	for (let i = 0; i < n; i++) {
		const id = randomUUID();
		await b.sql(
			`insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
				interviewee_group, age_band, municipality_id)
			 values ($1, $2, $3, 1, 'mondeling', 'ouder', '24_plus', $4)`,
			[id, round.id, interviewer.id, round.municipalityIds[municipality]]
		);
		await b.sql(
			`insert into app.answers (interview_id, question_id, scale_value) values ($1, $2, $3)`,
			[id, round.questions.scale, 1 + (i % 5)]
		);
	}
}

describeBackends('results across rounds', (backend) => {
	let coordinator: Staff;
	let municipalOfThird: Staff;
	let municipalOfFirst: Staff;
	let otherCoordinator: Staff;
	let r2026: Round;
	let r2027: Round;
	let foreignId: string;

	beforeAll(async () => {
		const b = backend();
		const org = await createOrganisation(b);
		const other = await createOrganisation(b);
		coordinator = await createStaff(b, org.id, 'coordinator');
		municipalOfFirst = await createStaff(b, org.id, 'municipal', [org.municipalityIds[0]]);
		// Rounds cover the first two municipalities only (fixtures.createRound).
		municipalOfThird = await createStaff(b, org.id, 'municipal', [org.municipalityIds[2]]);
		otherCoordinator = await createStaff(b, other.id, 'coordinator');
		r2026 = await createRound(b, org, 'gepubliceerd');
		r2027 = await createRound(b, org, 'gepubliceerd');
		const unpublished = await createRound(b, org, 'avond');
		const foreign = await createRound(b, other, 'gepubliceerd');
		foreignId = foreign.id;
		for (const [r, days] of [
			[r2026, 400],
			[r2027, 30],
			[unpublished, 1],
			[foreign, 10]
		] as const) {
			await b.sql(
				`update app.rounds set published_at = now() - ($2 || ' days')::interval where id = $1`,
				[r.id, days]
			);
			// The scale question keeps its key across the years (and the other organisation, by
			// chance, uses the same word).
			await b.sql(`update app.questions set key = 'wachttijd' where id = $1`, [r.questions.scale]);
		}
		await interviews(b, r2026, 10);
		await interviews(b, r2027, 12);
		await interviews(b, unpublished, 8);
		await interviews(b, foreign, 9);
	});

	const byKey = async (who: Staff) => {
		const { data, error } = await backend().rpc(who.claims, 'results_by_key', {});
		expect(error).toBeNull();
		return data as ByKey;
	};

	test('the coordinator sees the shared question per published round, oldest first', async () => {
		const keys = await byKey(coordinator);
		expect(keys.map((k) => k.key)).toEqual(['wachttijd']);
		const [wachttijd] = keys;
		expect(wachttijd.rounds.map((r) => r.round.id)).toEqual([r2026.id, r2027.id]);
		expect(wachttijd.rounds.map((r) => r.round.interviews)).toEqual([10, 12]);
		// Each round's own numbers, with its own protection: 2 per value in 2026 (hidden),
		// 3/3/2/2/2 in 2027 (hidden too, k = 5), the same as each round's own results page.
		for (const r of wachttijd.rounds) {
			const own = await backend().rpc(coordinator.claims, 'round_results', {
				p_round_id: r.round.id
			});
			const item = (own.data as { items: Array<{ question_id: string }> }).items.find(
				(i) => i.question_id === (r.round.id === r2026.id ? r2026 : r2027).questions.scale
			);
			expect(r.items).toEqual([item]);
		}
	});

	test('a municipal user sees the rounds that cover their municipality, and only those', async () => {
		expect((await byKey(municipalOfFirst)).map((k) => k.rounds.length)).toEqual([2]);
		expect(await byKey(municipalOfThird)).toEqual([]);
		const refused = await backend().rpc(municipalOfThird.claims, 'round_results', {
			p_round_id: r2026.id
		});
		expect(refused.error).toMatchObject({ message: 'not_found' });
		const allowed = await backend().rpc(municipalOfFirst.claims, 'round_results', {
			p_round_id: r2026.id
		});
		expect(allowed.error).toBeNull();
	});

	test("another organisation's coordinator sees only their own single round: nothing to compare", async () => {
		expect(await byKey(otherCoordinator)).toEqual([]);
		const theirs = JSON.stringify(await byKey(coordinator));
		expect(theirs).not.toContain(foreignId);
	});
});
