// The demo a new user meets at first start: the seeded rounds work through the real API.
import { expect, test } from 'vitest';
import { describeBackends } from './harness';
import { ANON, SERVICE, createStaff, uid } from './fixtures';

describeBackends('the seeded demo', (backend) => {
	test('five municipalities of CJG Noord-Veluwe, no staff account', async () => {
		const rows = await backend().sql<{ name: string }>(
			`select m.name from app.municipalities m join app.organisations o on o.id = m.organisation_id
			 where o.name = 'CJG Noord-Veluwe' order by 1`
		);
		expect(rows.map((r) => r.name)).toEqual([
			'Ermelo',
			'Harderwijk',
			'Nunspeet',
			'Oldebroek',
			'Putten'
		]);
		expect(await backend().sql(`select id from app.staff`)).toEqual([]);
	});

	test('DEMO-OUDR joins the parents round; its board waits with counts only', async () => {
		const { data, error } = await backend().rpc(SERVICE, 'session_join', {
			p_code: 'demo-oudr',
			p_display_name: 'Nieuwe ouder',
			p_client_key: `seed-${uid()}`
		});
		expect(error).toBeNull();
		expect(data).toMatchObject({ round_id: '0c000000-0000-4000-8000-000000000001' });
		const board = await backend().rpc(ANON, 'evening_board', { p_evening_code: 'OUDR27' });
		expect(board.data).toMatchObject({
			state: 'waiting',
			slide: null,
			counts: { interviews: 7, findings: 8 }
		});
	});

	test('JONG27 is live: title slide, every finding readable, a reaction taken back by a second tap', async () => {
		const board = await backend().rpc(ANON, 'evening_board', { p_evening_code: 'jong27' });
		expect(board.data).toMatchObject({
			round: { title: 'Jongeren aan het woord 2027' },
			state: 'live',
			opened_by_name: '#1',
			position: 0,
			slide: { kind: 'title' }
		});
		const all = await backend().rpc(ANON, 'evening_findings', { p_evening_code: 'JONG27' });
		expect(all.data).toHaveLength(8);
		// Every chain entry of the demo came before the opening: nothing to name after it.
		const check = await backend().rpc(ANON, 'round_verification', { p_evening_code: 'JONG27' });
		const { entries, opened_seq } = check.data as { entries: unknown[]; opened_seq: number };
		expect(entries.length).toBeGreaterThan(0);
		expect(opened_seq).toBe(entries.length);

		const key = `seed-${uid()}`;
		const react = () =>
			backend().rpc(SERVICE, 'react', {
				p_evening_code: 'JONG27',
				p_kind: 'herkenbaar',
				p_client_key: key
			});
		type Answer = { counts: { herkenbaar: number }; mine: string[] };
		const first = (await react()).data as Answer;
		const second = (await react()).data as Answer;
		expect(first.counts.herkenbaar).toBeGreaterThanOrEqual(1);
		expect(first.mine).toEqual(['herkenbaar']);
		expect(second.counts.herkenbaar).toBe(first.counts.herkenbaar - 1);
		expect(second.mine).toEqual([]);
		const bad = await backend().rpc(SERVICE, 'react', {
			p_evening_code: 'JONG27',
			p_kind: 'boos',
			p_client_key: key
		});
		expect(bad.error).toMatchObject({ message: 'invalid_input', hint: 'kind' });
	});

	test('OUDR26 is closed: a coordinator publishes it and sees protected results', async () => {
		const coordinator = await createStaff(
			backend(),
			'0a000000-0000-4000-8000-000000000001',
			'coordinator'
		);
		const round = { p_round_id: '0c000000-0000-4000-8000-000000000003' };
		expect((await backend().rpc(coordinator.claims, 'round_publish', round)).error).toBeNull();
		const { data, error } = await backend().rpc(coordinator.claims, 'round_results', round);
		expect(error).toBeNull();
		const results = data as {
			counts: { interviews: number };
			bases: Array<{ dimension: string; rows: Array<{ label: string; n: number | null }> }>;
			findings: unknown[];
		};
		expect(results.counts.interviews).toBe(40);
		expect(results.findings).toHaveLength(3);
		// Oldebroek (3) is hidden, and so is Putten (5), the smallest other: 40 minus the rest
		// would give Oldebroek away.
		const municipalities = results.bases.find((b) => b.dimension === 'municipality')!.rows;
		expect(municipalities.map((r) => [r.label, r.n])).toEqual([
			['Ermelo', 12],
			['Harderwijk', 14],
			['Nunspeet', 6],
			['Oldebroek', null],
			['Putten', null]
		]);
	});
});
