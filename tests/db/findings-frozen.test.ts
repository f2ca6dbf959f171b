// Findings freeze when the evening opens (issue 8, item 4): from then on no new finding and no
// edit, for every role including the server and the owner; an author can still withdraw (consent
// requires it), and the check data says exactly which lines came after the opening.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { ANON, createWorld, openEvening, type World } from './fixtures';

type Verification = {
	opened_seq: number | null;
	entries: Array<{ seq: number; kind: string; subject_id: string; at: string }>;
};

describeBackends('findings freeze at opening', (backend) => {
	let w: World;
	let second: string;
	let openedSeq: number;
	beforeAll(async () => {
		w = await createWorld(backend());
		second = randomUUID();
		const { error } = await backend().rpc(w.author.claims, 'finding_create', {
			p_id: second,
			p_statement: 'Een tweede bevinding, voor de opening',
			p_quote: null,
			p_theme: null,
			p_interview_id: null
		});
		expect(error).toBeNull();
		// An edit before opening is fine.
		const edit = await backend().rpc(w.author.claims, 'finding_update', {
			p_id: second,
			p_statement: 'Een tweede bevinding, nog voor de opening verbeterd',
			p_quote: null,
			p_theme: null
		});
		expect(edit.error).toBeNull();
		await openEvening(backend(), w);
	});

	const verification = async () =>
		(await backend().rpc(ANON, 'round_verification', { p_evening_code: w.roundA.eveningCode }))
			.data as Verification;

	test('the opening point is the chain length at opening', async () => {
		const data = await verification();
		expect(data.opened_seq).toBe(data.entries.at(-1)!.seq);
		openedSeq = data.opened_seq!;
	});

	test('no new finding after opening, whoever tries', async () => {
		const created = await backend().rpc(w.author.claims, 'finding_create', {
			p_id: randomUUID(),
			p_statement: 'Te laat: de avond is open',
			p_quote: null,
			p_theme: null,
			p_interview_id: null
		});
		expect(created.error).toMatchObject({ message: 'findings_frozen' });
		await expect(
			backend().sql(
				`insert into app.findings (id, round_id, interviewer_id, statement) values ($1, $2, $3, $4)`,
				[randomUUID(), w.roundA.id, w.author.id, 'Door de eigenaar, na de opening']
			)
		).rejects.toMatchObject({ message: 'findings_frozen' });
	});

	test('no edit after opening, not even by the author through the api', async () => {
		const { error } = await backend().rpc(w.author.claims, 'finding_update', {
			p_id: w.findingId,
			p_statement: 'Herschreven na de opening',
			p_quote: null,
			p_theme: null
		});
		expect(error).toMatchObject({ message: 'findings_frozen' });
		// Nor by the owner with the api's own permission switched on.
		await expect(
			backend().sql(
				`select set_config('klankbord.finding_write', 'on', true);
				 update app.findings set statement = 'Herschreven door de eigenaar' where id = '${w.findingId}'`
			)
		).rejects.toMatchObject({ message: 'findings_frozen' });
		const [row] = await backend().sql<{ statement: string }>(
			`select statement from app.findings where id = $1`,
			[w.findingId]
		);
		expect(row.statement).toContain(w.secret);
	});

	test('withdrawal still works, and the check data shows it as the only line after opening', async () => {
		const { error } = await backend().rpc(w.author.claims, 'finding_withdraw', { p_id: second });
		expect(error).toBeNull();
		const data = await verification();
		const after = data.entries.filter((e) => e.seq > openedSeq);
		expect(after.map((e) => [e.kind, e.subject_id])).toEqual([['finding_withdrawn', second]]);
	});
});
