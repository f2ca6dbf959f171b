// Small-cell protection (supabase/RESULTS.md) on hand-worked tables, then on whole published
// rounds: no count from 1 to k - 1 is shown, and no hidden count can be worked out from the row and
// column totals, the other cells, or the other breakdowns of the same round (results-attacker.ts).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends, type Backend } from './harness';
import { createOrganisation, createRound, createStaff, createInterviewer } from './fixtures';
import {
	documentEquations,
	revealedCells,
	smallVisible,
	type Entry,
	type Equation,
	type ResultsDocument
} from './results-attacker';

type Table = number[][];

async function suppressLine(b: Backend, counts: number[], k = 5): Promise<boolean[]> {
	const [row] = await b.sql<{ h: boolean[] }>(`select app.suppress_line($1::integer[], $2) as h`, [
		counts,
		k
	]);
	return row.h;
}

/** The table suppressed as results_json does it: its totals first, then the cells. */
async function suppress(b: Backend, table: Table, k = 5) {
	const rowTotals = table.map((r) => r.reduce((a, x) => a + x, 0));
	const colTotals = table[0].map((_, c) => table.reduce((a, r) => a + r[c], 0));
	const rowHidden = await suppressLine(b, rowTotals, k);
	const colHidden = await suppressLine(b, colTotals, k);
	const [row] = await b.sql<{ h: boolean[] }>(
		`select app.suppress_table($1::integer[], $2, $3, $4::boolean[], $5::boolean[], $6) as h`,
		[table.flat(), table.length, table[0].length, rowHidden, colHidden, k]
	);
	const cols = table[0].length;
	const hidden = table.map((r, ri) => r.map((_, ci) => row.h[ri * cols + ci]));
	return { hidden, rowHidden, colHidden, rowTotals, colTotals };
}

/** The table, its totals and grand total as an attacker sees them, and the sums between them. */
function published(table: Table, s: Awaited<ReturnType<typeof suppress>>) {
	const n = s.rowTotals.reduce((a, x) => a + x, 0);
	const total: Entry = { name: 'N', value: n };
	const rows = s.rowTotals.map((v, i) => ({
		name: `row ${i + 1}`,
		value: s.rowHidden[i] ? null : v
	}));
	const cols = s.colTotals.map((v, i) => ({
		name: `col ${i + 1}`,
		value: s.colHidden[i] ? null : v
	}));
	const cells = table.map((r, ri) =>
		r.map((v, ci) => ({ name: `cell ${ri + 1},${ci + 1}`, value: s.hidden[ri][ci] ? null : v }))
	);
	const equations: Equation[] = [
		{ total, parts: rows },
		{ total, parts: cols },
		...cells.map((r, ri) => ({ total: rows[ri], parts: r })),
		...cols.map((c, ci) => ({ total: c, parts: cells.map((r) => r[ci]) }))
	];
	return { equations, entries: [total, ...rows, ...cols, ...cells.flat()] };
}

function pattern(hidden: boolean[][]): string[] {
	return hidden.map((r) => r.map((h) => (h ? 'x' : '.')).join(''));
}

describeBackends('small-cell protection of one table', (backend) => {
	test('a row total minus the visible cells does not reveal the hidden cell', async () => {
		// Row 1 has one small cell (2). Hiding it alone, 24 - 10 - 12 would give it away; hiding
		// its smallest neighbour (10) then leaves column 1 with one hidden cell, and so on until
		// every row and column with a hidden cell has two: a cycle 1,1 → 3,1 → 3,3 → 2,3 → 2,2 → 1,2.
		const table = [
			[10, 2, 12],
			[8, 9, 7],
			[6, 11, 9]
		];
		const s = await suppress(backend(), table);
		expect(pattern(s.hidden)).toEqual(['xx.', '.xx', 'x.x']);
		const { equations, entries } = published(table, s);
		expect(revealedCells(equations)).toEqual([]);
		expect(smallVisible(entries, 5)).toEqual([]);
	});

	test('the attacker does find a cell hidden alone (the test can fail)', () => {
		const table = [
			[10, 2, 12],
			[8, 9, 7]
		];
		const alone = {
			hidden: [
				[false, true, false],
				[false, false, false]
			],
			rowHidden: [false, false],
			colHidden: [false, false, false],
			rowTotals: [24, 24],
			colTotals: [18, 11, 19]
		};
		expect(revealedCells(published(table, alone).equations)).toEqual(['cell 1,2']);
	});

	test('a round with only one municipality above k: that one is hidden too', async () => {
		// 20 + 3 = 23 interviews, which everyone knows: showing 20 would show the 3.
		expect(await suppressLine(backend(), [20, 3])).toEqual([true, true]);
		expect(await suppressLine(backend(), [20, 3, 0])).toEqual([true, true, false]);
		const table = [
			[8, 6, 6],
			[1, 2, 0]
		];
		const s = await suppress(backend(), table);
		// Both rows' totals are hidden, so both rows are: the breakdown says nothing.
		expect(s.rowHidden).toEqual([true, true]);
		expect(pattern(s.hidden)).toEqual(['xxx', 'xxx']);
		expect(revealedCells(published(table, s).equations)).toEqual([]);
	});

	test('a hidden cell that only joins two protected blocks hides the whole breakdown', async () => {
		// Every row and column has two hidden cells or none, yet cell 2,3 is the only link between
		// the block of rows 1–2 × columns 1–2 and rows 3–4 × columns 3–4: the sums of rows 1–2 give
		// it away. So nothing of this breakdown is shown.
		const table = [
			[2, 3, 9, 9],
			[1, 2, 4, 9],
			[9, 9, 3, 2],
			[9, 9, 1, 4]
		];
		const primary = table.map((r) => r.map((v) => v > 0 && v < 5));
		const noTotalsHidden = {
			rowHidden: [false, false, false, false],
			colHidden: [false, false, false, false],
			rowTotals: table.map((r) => r.reduce((a, x) => a + x, 0)),
			colTotals: table[0].map((_, c) => table.reduce((a, r) => a + r[c], 0))
		};
		expect(
			revealedCells(published(table, { hidden: primary, ...noTotalsHidden }).equations)
		).toEqual(['cell 2,3']);
		const s = await suppress(backend(), table);
		expect(pattern(s.hidden)).toEqual(['xxxx', 'xxxx', 'xxxx', 'xxxx']);
		expect(revealedCells(published(table, s).equations)).toEqual([]);
	});

	test('k is the round setting: with k = 3 a 4 is shown, with k = 11 a 10 is not', async () => {
		const table = [
			[4, 12, 20],
			[10, 15, 20]
		];
		expect(pattern((await suppress(backend(), table, 3)).hidden)).toEqual(['...', '...']);
		const s = await suppress(backend(), table, 11);
		expect(smallVisible(published(table, s).entries, 11)).toEqual([]);
		expect(revealedCells(published(table, s).equations)).toEqual([]);
	});

	test('random tables: nothing small shown, nothing hidden derivable', async () => {
		// A fixed seed, so a failure can be replayed.
		let seed = 12;
		const rand = (n: number) => {
			seed = (seed * 1103515245 + 12345) % 2 ** 31;
			return seed % n;
		};
		for (let t = 0; t < 40; t++) {
			const rows = 2 + rand(4);
			const cols = 2 + rand(5);
			const table = Array.from({ length: rows }, () =>
				Array.from({ length: cols }, () => (rand(3) === 0 ? rand(5) : rand(25)))
			);
			const k = 3 + rand(9);
			const s = await suppress(backend(), table, k);
			const { equations, entries } = published(table, s);
			expect({ table, k, revealed: revealedCells(equations) }).toEqual({ table, k, revealed: [] });
			expect({ table, k, small: smallVisible(entries, k) }).toEqual({ table, k, small: [] });
		}
	});
});

/** One interview of a hand-made round: where it came from and what it answered. */
type Profile = {
	m: number;
	group: 'ouder' | 'jongere';
	age: string;
	scale: number | null;
	single: string;
	multi: string[];
};

describeBackends('small-cell protection of a published round', (backend) => {
	let doc: ResultsDocument & Record<string, unknown>;
	let roundId: string;

	beforeAll(async () => {
		const b = backend();
		const org = await createOrganisation(b);
		const coordinator = await createStaff(b, org.id, 'coordinator');
		const round = await createRound(b, org, 'gepubliceerd');
		const interviewer = await createInterviewer(b, round.id);
		roundId = round.id;
		// Municipality 1: 14 interviews, municipality 2: 3. Twelve parents and five young people;
		// the age bands 16_17 (2) and 18_23 (3) are small, 24_plus (12) is not.
		const profiles: Profile[] = [];
		for (let i = 0; i < 17; i++) {
			profiles.push({
				m: i < 14 ? 0 : 1,
				group: i % 4 === 3 || i === 16 ? 'jongere' : 'ouder',
				age: i < 2 ? '16_17' : i < 5 ? '18_23' : '24_plus',
				scale: i === 6 ? null : 1 + (i % 5),
				single: ['Ja', 'Soms', 'Nee'][i % 3 === 2 && i > 9 ? 2 : i % 2],
				multi: i % 6 === 0 ? ['School', 'Buren'] : ['School']
			});
		}
		for (const p of profiles) {
			const id = randomUUID();
			const guardian = p.age === '12_15';
			await b.sql(
				`insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
					guardian_consent, interviewee_group, age_band, municipality_id)
				 values ($1, $2, $3, 1, 'mondeling', $4, $5, $6, $7)`,
				[id, round.id, interviewer.id, guardian, p.group, p.age, round.municipalityIds[p.m]]
			);
			if (p.scale !== null)
				await b.sql(
					`insert into app.answers (interview_id, question_id, scale_value) values ($1, $2, $3)`,
					[id, round.questions.scale, p.scale]
				);
			await b.sql(
				`insert into app.answers (interview_id, question_id, choices) values ($1, $2, $3), ($1, $4, $5)`,
				[id, round.questions.single, [p.single], round.questions.multi, p.multi]
			);
		}
		const { data, error } = await b.rpc(coordinator.claims, 'round_results', {
			p_round_id: round.id
		});
		expect(error).toBeNull();
		doc = data as typeof doc;
	});

	test('no count from 1 to k - 1 leaves the database, anywhere in the document', () => {
		const { entries } = documentEquations(doc);
		expect(entries.filter((e) => e.value === null).length).toBeGreaterThan(0);
		expect(smallVisible(entries, 5)).toEqual([]);
		// Also outside the tables the attacker model knows: every number in the document.
		const numbers: number[] = [];
		JSON.stringify(doc.bases, (_, v) => (typeof v === 'number' && numbers.push(v), v));
		JSON.stringify(doc.items, (_, v) => (typeof v === 'number' && numbers.push(v), v));
		expect(numbers.filter((v) => v > 0 && v < 5 && Number.isInteger(v))).toEqual(
			// Question positions are numbers too (1, 2, 3 in this guide), not counts.
			doc.items
				.map((i) => (i as unknown as { position: number }).position)
				.filter((v) => v > 0 && v < 5)
		);
	});

	test('the two municipalities are both hidden: 17 - 14 would be the 3 of the small one', () => {
		const municipality = doc.bases.find((b) => b.dimension === 'municipality')!;
		expect(municipality.rows.map((r) => r.n)).toEqual([null, null]);
		const scale = doc.items.find((i) => i.values.includes('5'))!;
		const rows = scale.breakdowns.find((b) => b.dimension === 'municipality')!.rows;
		expect(rows.flatMap((r) => r.counts).every((c) => c === null)).toBe(true);
	});

	test('comparing breakdowns (by municipality, group, age, overall) reveals no hidden count', () => {
		const { equations } = documentEquations(doc);
		expect(revealedCells(equations)).toEqual([]);
	});

	test('every count shown is the true count of the interviews', async () => {
		// Per option of the multiple-choice question, by interviewee group: chosen or not.
		const truth = await backend().sql<{ key: string; n: number }>(
			`select o.option || '|' || v.interviewee_group || '|' ||
					case when o.option = any(a.choices) then 'chosen' else 'not_chosen' end as key,
				count(*)::int as n
			 from app.interviews v
			 join app.questions q on q.round_id = v.round_id and q.kind = 'multi'
			 cross join unnest(q.options) as o(option)
			 left join app.answers a on a.interview_id = v.id and a.question_id = q.id
			 where v.round_id = $1 group by 1`,
			[roundId]
		);
		let shown = 0;
		for (const item of doc.items.filter((i) => i.option !== null)) {
			const group = item.breakdowns.find((b) => b.dimension === 'interviewee_group')!;
			for (const row of group.rows)
				row.counts.forEach((c, i) => {
					if (c === null) return;
					shown++;
					const key = `${item.option}|${row.key}|${item.values[i]}`;
					expect({ key, c }).toEqual({ key, c: truth.find((t) => t.key === key)?.n ?? 0 });
				});
		}
		// School: chosen by all 12 parents and all 5 young people, so those are shown.
		expect(shown).toBeGreaterThan(0);
		expect(doc.counts.interviews).toBe(17);
	});
});

describe('the attacker model', () => {
	test('finds a column total minus visible cells', () => {
		const total: Entry = { name: 'c', value: 10 };
		const eq: Equation = {
			total,
			parts: [
				{ name: 'a', value: 6 },
				{ name: 'b', value: null }
			]
		};
		expect(revealedCells([eq])).toEqual(['b']);
	});
});
