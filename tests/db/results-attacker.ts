// The attacker of small-cell protection: given what a results page shows (visible counts, hidden
// ones as null) and the sums that hold between them, can a hidden count be worked out exactly?
// A hidden count x is determined by a system of linear equations exactly when the unit vector of
// x lies in the row space of the equations (after the visible values are moved to the right-hand
// side): rank(A) = rank(A + e_x). Small systems, exact arithmetic on integers via fractions-free
// elimination with bigint, so no rounding can hide a leak.

/** An entry of the published tables: a number, or null (hidden), named for the messages. */
export type Entry = { name: string; value: number | null };
/** `sum(parts) = total`, all of them entries. */
export type Equation = { total: Entry; parts: Entry[] };

function rank(rows: bigint[][]): number {
	const m = rows.map((r) => [...r]);
	let rk = 0;
	const cols = m[0]?.length ?? 0;
	for (let c = 0; c < cols && rk < m.length; c++) {
		const pivot = m.findIndex((row, i) => i >= rk && row[c] !== 0n);
		if (pivot < 0) continue;
		[m[rk], m[pivot]] = [m[pivot], m[rk]];
		for (let i = 0; i < m.length; i++) {
			if (i === rk || m[i][c] === 0n) continue;
			const a = m[rk][c];
			const b = m[i][c];
			m[i] = m[i].map((v, j) => v * a - m[rk][j] * b);
		}
		rk++;
	}
	return rk;
}

/** The names of the hidden entries that the equations give away. */
export function revealedCells(equations: Equation[]): string[] {
	const unknowns = [
		...new Set(
			equations.flatMap((e) => [e.total, ...e.parts]).filter((x) => x.value === null)
		).values()
	];
	const names = [...new Set(unknowns.map((u) => u.name))];
	const index = new Map(names.map((n, i) => [n, i]));
	const rows = equations
		.map((e) => {
			const row = names.map(() => 0n);
			for (const p of e.parts) if (p.value === null) row[index.get(p.name)!] += 1n;
			if (e.total.value === null) row[index.get(e.total.name)!] -= 1n;
			return row;
		})
		.filter((r) => r.some((v) => v !== 0n));
	if (rows.length === 0) return [];
	const base = rank(rows);
	return names.filter((_, i) => {
		const unit = names.map((__, j) => (j === i ? 1n : 0n));
		return rank([...rows, unit]) === base;
	});
}

/** Visible counts from 1 to k - 1: what primary suppression must never let through. */
export function smallVisible(entries: Entry[], k: number): string[] {
	return entries.filter((e) => e.value !== null && e.value > 0 && e.value < k).map((e) => e.name);
}

/** The published document of api.round_results / api.results_public, as far as the sums go. */
export type ResultsDocument = {
	counts: { interviews: number };
	bases: Array<{ dimension: string; rows: Array<{ key: string; n: number | null }> }>;
	items: Array<{
		question_id: string;
		option: string | null;
		values: string[];
		overall: Array<number | null>;
		breakdowns: Array<{
			dimension: string;
			rows: Array<{ key: string; counts: Array<number | null> }>;
		}>;
	}>;
};

/**
 * Every sum that holds between the numbers of one results document: each breakdown's interviews
 * add up to the total, each question overall adds up to the total, and in every breakdown of
 * every question each row adds up to the row's interviews and each column to the question
 * overall. The tables are linked through those shared totals, which is how two breakdowns of the
 * same round could be played off against each other.
 */
export function documentEquations(doc: ResultsDocument): {
	equations: Equation[];
	entries: Entry[];
} {
	const total: Entry = { name: 'N', value: doc.counts.interviews };
	const entries: Entry[] = [total];
	const equations: Equation[] = [];
	const base = new Map<string, Entry>();
	for (const b of doc.bases) {
		const parts = b.rows.map((r) => {
			const e = { name: `n:${b.dimension}:${r.key}`, value: r.n };
			base.set(`${b.dimension}:${r.key}`, e);
			return e;
		});
		entries.push(...parts);
		equations.push({ total, parts });
	}
	for (const item of doc.items) {
		const id = `${item.question_id}:${item.option ?? ''}`;
		const overall = item.values.map((v, i) => ({ name: `${id}:all:${v}`, value: item.overall[i] }));
		entries.push(...overall);
		equations.push({ total, parts: overall });
		for (const b of item.breakdowns) {
			const cells = b.rows.map((r) =>
				item.values.map((v, i) => ({
					name: `${id}:${b.dimension}:${r.key}:${v}`,
					value: r.counts[i]
				}))
			);
			entries.push(...cells.flat());
			b.rows.forEach((r, ri) =>
				equations.push({ total: base.get(`${b.dimension}:${r.key}`)!, parts: cells[ri] })
			);
			overall.forEach((c, ci) => equations.push({ total: c, parts: cells.map((row) => row[ci]) }));
		}
	}
	return { equations, entries };
}
