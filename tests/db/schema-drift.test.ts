// The drift check: supabase/migrations (what `supabase db push` deploys, and what every other test
// here runs on) must build exactly the database that supabase/schemas (the current truth) describes.
// Compared fact by fact from the catalog (scripts/lib/db-catalog.js): tables, columns, types,
// defaults, constraints, indexes, RLS flags, policies, functions with their full definitions and
// settings, grants, triggers (and whether they fire ALWAYS), default privileges.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
	applySchemas,
	migrate,
	schemaSourcesFromDisk,
	sourcesFromDisk,
	type SchemaSources
} from '../../src/lib/server/embedded/migrate.js';
import { compareCatalogs, describeDifferences, readCatalog } from '../../scripts/lib/db-catalog.js';
import { describeBackends, type Scratch } from './harness';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A copy of the schema sources with one file edited; the edit must apply, or the test is moot. */
function edited(sources: SchemaSources, path: string, from: string, to: string): SchemaSources {
	return {
		...sources,
		schemas: sources.schemas.map((file) => {
			if (file.path !== path) return file;
			if (!file.sql.includes(from)) {
				throw new Error(
					`${path} no longer contains ${JSON.stringify(from)}: update this test's edit`
				);
			}
			return { ...file, sql: file.sql.replace(from, to) };
		})
	};
}

test('every file in supabase/schemas is applied, once, in the order config.toml names', () => {
	const listed = schemaSourcesFromDisk(root).schemas.map((file) => file.path);
	const onDisk = (readdirSync(join(root, 'supabase/schemas'), { recursive: true }) as string[])
		.filter((file) => file.endsWith('.sql'))
		.map((file) => relative(root, join(root, 'supabase/schemas', file)).replace(/\\/g, '/'));
	expect(new Set(listed).size).toBe(listed.length);
	expect([...listed].sort()).toEqual([...onDisk].sort());
	expect(listed[0]).toBe('supabase/schemas/schemas.sql');
});

describeBackends('schema drift', (backend) => {
	const sources = schemaSourcesFromDisk(root);
	let scratch: Scratch | undefined;
	const fresh = async () => {
		await scratch?.close();
		scratch = await backend().scratch();
		return scratch;
	};
	afterAll(async () => scratch?.close());

	// This file's database was built by the migrations (and the seed, which adds rows only).
	let fromMigrations: Map<string, string>;
	beforeAll(async () => {
		fromMigrations = await readCatalog({ query: (sql) => backend().sql(sql) });
	});

	test('supabase/migrations builds exactly the schema of supabase/schemas', async () => {
		const db = await fresh();
		await applySchemas(db, sources);
		const differences = compareCatalogs(fromMigrations, await readCatalog(db));
		expect(describeDifferences(differences)).toBe('');
		// The comparison saw the whole schema, not an empty one.
		expect(fromMigrations.size).toBeGreaterThan(600);
	});

	test('a deliberately edited schema file is reported, difference by difference', async () => {
		let changed = sources;
		changed = edited(
			changed,
			'supabase/schemas/tables/interviewers.sql',
			'"interviewers read their own row" on app.interviewers\n\tfor select to authenticated using (id = (select app.current_interviewer_id()))',
			'"interviewers read their own row" on app.interviewers\n\tfor select to authenticated using (id = (select app.current_staff_id()))'
		);
		changed = edited(
			changed,
			'supabase/schemas/api/board.sql',
			"return jsonb_build_object('seq', app.board_seq(v_round_id));",
			"return jsonb_build_object('seq', 0);"
		);
		changed = edited(
			changed,
			'supabase/schemas/api/staff.sql',
			"create function api.staff_me() returns jsonb\nlanguage plpgsql stable security invoker set search_path = ''\n",
			"create function api.staff_me() returns jsonb\nlanguage plpgsql stable security invoker set search_path = ''\n\tset statement_timeout = '5s'\n"
		);
		changed = edited(
			changed,
			'supabase/schemas/api/verification.sql',
			'to anon, authenticated;',
			'to anon, authenticated;\nrevoke execute on function api.round_audit(text) from anon;'
		);
		changed = edited(
			changed,
			'supabase/schemas/tables/chain_entries.sql',
			'alter table app.chain_entries enable always trigger chain_entries_refuse_truncate;',
			''
		);
		changed = edited(
			changed,
			'supabase/schemas/tables/rounds.sql',
			'retention_months integer not null default 12',
			'retention_months integer not null default 6'
		);
		changed = edited(
			changed,
			'supabase/schemas/tables/sessions.sql',
			'create index on app.sessions (staff_id);',
			''
		);
		const db = await fresh();
		await applySchemas(db, changed);
		const differences = compareCatalogs(fromMigrations, await readCatalog(db));

		expect(differences.map((d) => d.key)).toEqual([
			'column app.rounds.retention_months',
			'function api.evening_seq(p_evening_code text)',
			'function api.round_audit(p_evening_code text) acl',
			'function api.staff_me()',
			'function api.staff_me() settings',
			'index app.sessions_staff_id_idx',
			'policy app.interviewers "interviewers read their own row"',
			'trigger app.chain_entries chain_entries_refuse_truncate'
		]);
		const byKey = new Map(differences.map((d) => [d.key, d]));
		const policy = byKey.get('policy app.interviewers "interviewers read their own row"');
		expect(policy?.migrations).toMatch(/current_interviewer_id\(\)/);
		expect(policy?.schemas).toMatch(/current_staff_id\(\)/);
		const body = byKey.get('function api.evening_seq(p_evening_code text)');
		expect(body?.migrations).toContain("jsonb_build_object('seq', app.board_seq(v_round_id))");
		expect(body?.schemas).toContain("jsonb_build_object('seq', 0)");
		expect(byKey.get('function api.staff_me() settings')).toMatchObject({
			migrations: 'search_path=""',
			schemas: 'search_path="", statement_timeout=5s'
		});
		const grants = byKey.get('function api.round_audit(p_evening_code text) acl');
		expect(grants?.migrations).toMatch(/\banon=EXECUTE\b/);
		expect(grants?.schemas).not.toMatch(/\banon=EXECUTE\b/);
		const trigger = byKey.get('trigger app.chain_entries chain_entries_refuse_truncate');
		expect(trigger?.migrations).toMatch(/; enabled A$/);
		expect(trigger?.schemas).toMatch(/; enabled O$/);
		expect(byKey.get('column app.rounds.retention_months')?.schemas).toMatch(/default 6$/);
		expect(byKey.get('index app.sessions_staff_id_idx')?.schemas).toBeNull();
	});

	test('the migrations apply for a database owner that is no superuser (Supabase’s postgres)', async () => {
		// `supabase db push` runs as postgres, which owns the database but is no superuser: what
		// only a superuser may do (e.g. store a custom parameter on a function) fails there only.
		const db = await fresh();
		const { platform, migrations } = sourcesFromDisk(root);
		const owner = `klankbord_owner_${process.pid}`;
		await db.exec(platform);
		await db.exec(`
			create role ${owner} nologin nosuperuser;
			do $$ begin execute format('grant create on database %I to ${owner}', current_database()); end $$;
			grant usage on schema auth, extensions to ${owner};`);
		try {
			await db.exec(`set role ${owner}`);
			for (const migration of migrations) {
				await expect(
					db.exec(`begin;\n${migration.sql}\ncommit;`).catch(async (error: Error) => {
						await db.exec('rollback');
						throw new Error(`${migration.version}_${migration.name}: ${error.message}`);
					})
				).resolves.not.toThrow();
			}
			await db.exec('reset role');
			const [{ owned }] = await db.query(
				`select count(*)::int as owned from pg_tables where schemaname = 'app' and tableowner = $1`,
				[owner]
			);
			expect(owned).toBeGreaterThan(15);
		} finally {
			await db.exec(`reset role; drop owned by ${owner}; drop role ${owner}`);
		}
	});

	test('a database that recorded migrations we do not have is refused, with what to do', async () => {
		// A data directory from before the squash: its history names the old migrations.
		const db = await fresh();
		await migrate(db, { ...sourcesFromDisk(root), migrations: [], seed: null });
		await db.query(
			`insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)`,
			['20261128170000', 'create_schemas']
		);
		await expect(migrate(db, sourcesFromDisk(root))).rejects.toThrow(
			/1 migration\(s\) that supabase\/migrations does not have \(20261128170000\).*delete its data directory/
		);
		// Nothing of ours was applied on top.
		const [{ tables }] = await db.query(
			`select count(*)::int as tables from pg_tables where schemaname = 'app'`
		);
		expect(tables).toBe(0);
	});
});
