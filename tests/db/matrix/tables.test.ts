// The role matrix for tables: every table of schema `app` × every role × select / insert /
// update / delete at the SQL level (role and JWT claims set as PostgREST would), in every phase of
// round A. All writes are rolled back, so each cell starts from the same database.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends, type Backend } from '../harness';
import { atPhase, PHASES, type TableCell } from './cells';
import { TABLES } from './expectations';
import { enterPhase } from './phases';
import {
	claimsFor,
	createMatrixWorld,
	ROLES,
	rowNames,
	type MatrixWorld,
	type Role
} from './roles';
import { TABLE_OPERATIONS } from './table-operations';

const OPERATIONS = ['select', 'insert', 'update', 'delete'] as const;
type Operation = (typeof OPERATIONS)[number];

/** 42501 comes in two kinds: no privilege at all, or a policy that refused the row. */
function refusal(error: { code: string; message: string }): TableCell {
	if (error.code === '42501' && /permission denied/.test(error.message)) return 'no grant';
	if (error.code === '42501' && /row-level security/.test(error.message)) return 'rls';
	return `error ${error.code}`;
}

function statement(table: string, op: Operation): string {
	const { key, touch } = TABLE_OPERATIONS[table];
	const world = `(${key})::text = any($1::text[])`;
	switch (op) {
		case 'select':
			return `select distinct (${key})::text as k from app.${table} t where ${world}`;
		case 'update':
			return `update app.${table} t set ${touch} = t.${touch} where ${world} returning (${key})::text as k`;
		case 'delete':
			return `delete from app.${table} t where ${world} returning (${key})::text as k`;
		case 'insert':
			throw new Error('inserts come from table-operations.ts');
	}
}

describeBackends('role matrix: tables', (backend) => {
	let w: MatrixWorld;
	let names: Record<string, string>;
	beforeAll(async () => {
		w = await createMatrixWorld(backend());
		names = rowNames(w);
	});

	const named = (keys: string[]) =>
		[...new Set(keys.map((k) => names[k] ?? `unnamed ${k}`))].sort();

	async function cell(b: Backend, table: string, op: Operation, role: Role): Promise<TableCell> {
		const claims = claimsFor(w, role);
		if (op === 'insert') {
			const { sql, params } = TABLE_OPERATIONS[table].insert(w, role);
			const { error } = await b.asRole(claims, sql, params);
			return error ? refusal(error) : 'ok';
		}
		const { rows, error } = await b.asRole<{ k: string }>(claims, statement(table, op), [
			Object.keys(names)
		]);
		return error ? refusal(error) : named(rows.map((r) => r.k));
	}

	/** `'all'` = every world row of the table, as the superuser (no RLS) sees it right now. */
	async function resolve(table: string, expected: TableCell): Promise<TableCell> {
		if (expected !== 'all') return Array.isArray(expected) ? [...expected].sort() : expected;
		const rows = await backend().sql<{ k: string }>(statement(table, 'select'), [
			Object.keys(names)
		]);
		return named(rows.map((r) => r.k));
	}

	test('every table of schema app has a row in the matrix, and no row is left over', async () => {
		const rows = await backend().sql<{ name: string }>(`
			select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'app' and c.relkind in ('r', 'p') order by 1`);
		const catalog = rows.map((r) => r.name);
		expect(Object.keys(TABLES).sort()).toEqual(catalog);
		expect(Object.keys(TABLE_OPERATIONS).sort()).toEqual(catalog);
	});

	for (const phase of PHASES) {
		describe(`phase ${phase}`, () => {
			beforeAll(() => enterPhase(backend(), w, phase));

			for (const table of Object.keys(TABLES)) {
				test.each(OPERATIONS)(`%s on app.${table}`, async (op) => {
					const expected: Record<string, TableCell> = {};
					const actual: Record<string, TableCell> = {};
					for (const role of ROLES) {
						expected[role] = await resolve(table, atPhase(TABLES[table][op], phase)[role]);
						actual[role] = await cell(backend(), table, op, role);
					}
					expect(actual).toEqual(expected);
				});
			}
		});
	}
});
