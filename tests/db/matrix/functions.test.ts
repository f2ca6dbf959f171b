// The role matrix for functions: every function of schema `api` × every role, with meaningful
// arguments aimed at round A, in every phase of round A. Called in SQL as the role (JWT claims set
// as PostgREST would) and rolled back, so a cell that changes something leaves no trace for the
// next one. The HTTP path itself is covered by postgrest-route.test.ts and attacks.test.ts.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends, type Backend } from '../harness';
import { atPhase, PHASES, type FunctionCell } from './cells';
import { ANON_EXECUTABLE, FUNCTIONS, SERVICE_JOBS, SERVICE_ONLY } from './expectations';
import { FUNCTION_ARGUMENTS } from './function-arguments';
import { enterPhase } from './phases';
import { claimsFor, createMatrixWorld, ROLES, type MatrixWorld, type Role } from './roles';

type Signature = { name: string; args: Array<{ name: string; type: string }> };

/** Arguments travel as text with an explicit cast, the same way on pg and on PGlite. */
function asText(value: unknown, type: string): string | null {
	if (value === null || value === undefined) return null;
	if (type === 'jsonb') return JSON.stringify(value);
	if (Array.isArray(value)) return `{${value.join(',')}}`;
	return String(value);
}

describeBackends('role matrix: api functions', (backend) => {
	let w: MatrixWorld;
	let signatures: Map<string, Signature>;
	let overloads: string[];
	beforeAll(async () => {
		w = await createMatrixWorld(backend());
		const rows = await backend().sql<{ name: string; names: string[] | null; types: string }>(`
			select p.proname as name, p.proargnames as names,
				(select string_agg(format_type(t, null), ',' order by i)
					from unnest(p.proargtypes) with ordinality as a (t, i)) as types
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname = 'api'`);
		// One function per name: an overload would slip past a matrix keyed by name.
		overloads = rows.map((r) => r.name).filter((name, i, all) => all.indexOf(name) !== i);
		signatures = new Map(
			rows.map((r) => {
				const types = r.types ? r.types.split(',') : [];
				const args = types.map((type, i) => ({ name: (r.names ?? [])[i], type }));
				return [r.name, { name: r.name, args }];
			})
		);
	});

	async function cell(b: Backend, fn: string, role: Role): Promise<FunctionCell> {
		const given = FUNCTION_ARGUMENTS[fn](w, role);
		const { args } = signatures.get(fn)!;
		const used = args.filter((a) => a.name in given);
		const sql = `select api.${fn}(${used.map((a, i) => `${a.name} => $${i + 1}::${a.type}`).join(', ')})::text as result`;
		const params = used.map((a) => asText(given[a.name], a.type));
		const { rows, error } = await b.asRole<{ result: string | null }>(
			claimsFor(w, role),
			sql,
			params
		);
		if (error) {
			// A refusal must never carry sealed text, whatever the cell expects.
			if (JSON.stringify(error).includes(w.secret)) return 'LEAK in the error';
			if (error.code === '42501' && /permission denied/.test(error.message)) return 'denied';
			return error.message;
		}
		// A void function answers '' as text, a function returning null answers null.
		const result = rows[0]?.result || 'null';
		if (result.includes(w.secret)) return 'text';
		const answer = JSON.parse(result) as { sealed?: unknown; error?: unknown } | null;
		// Some functions answer a refusal instead of raising it (session_join counts a wrong try
		// that way, and a raise would roll the count back): name it, so the cell can tell.
		if (typeof answer?.error === 'string') return `answer ${answer.error}`;
		return answer?.sealed === true ? 'sealed' : 'ok';
	}

	test('every function of schema api has a row in the matrix, and no row is left over', async () => {
		const catalog = [...signatures.keys()].sort();
		expect(overloads).toEqual([]);
		expect(Object.keys(FUNCTIONS).sort()).toEqual(catalog);
		expect(Object.keys(FUNCTION_ARGUMENTS).sort()).toEqual(catalog);
		// Every argument the matrix passes exists (a renamed argument would silently go missing).
		const unknown = catalog.flatMap((fn) => {
			const known = signatures.get(fn)!.args.map((a) => a.name);
			const given = Object.keys(FUNCTION_ARGUMENTS[fn](w, 'coordinator'));
			return given.filter((name) => !known.includes(name)).map((name) => `${fn}(${name})`);
		});
		expect(unknown).toEqual([]);
	});

	test('the allow-lists the lint uses agree with the matrix', async () => {
		const cellsOf = (fn: string, role: Role) => PHASES.map((p) => atPhase(FUNCTIONS[fn], p)[role]);
		const publicFns = Object.keys(FUNCTIONS).filter((fn) =>
			cellsOf(fn, 'audience').some((c) => c !== 'denied')
		);
		expect(publicFns.sort()).toEqual([...ANON_EXECUTABLE].sort());
		const serverOnly = Object.keys(FUNCTIONS).filter((fn) =>
			ROLES.every((r) => (r === 'service_role') !== cellsOf(fn, r).every((c) => c === 'denied'))
		);
		expect(serverOnly.sort()).toEqual([...SERVICE_ONLY, ...SERVICE_JOBS].sort());
	});

	for (const phase of PHASES) {
		describe(`phase ${phase}`, () => {
			beforeAll(() => enterPhase(backend(), w, phase));

			test.each(Object.keys(FUNCTIONS))('api.%s', async (fn) => {
				const actual: Record<string, FunctionCell> = {};
				for (const role of ROLES) actual[role] = await cell(backend(), fn, role);
				expect(actual).toEqual(atPhase(FUNCTIONS[fn], phase));
			});
		});
	}
});
