// One migration runner for every local backend: PGlite (embedded, test clones) and Postgres 15
// (scripts/postgrest.js, the test harness). Plain JavaScript so `node scripts/*.js` can import it
// without a build step; the app imports it too. History is kept where the Supabase CLI keeps it.
// It applies supabase/migrations, what `supabase db push` deploys; supabase/schemas (the current
// truth, which the migrations are generated from) is applied only to compare (applySchemas).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * @typedef {{ version: string, name: string, sql: string }} Migration
 * @typedef {{ platform: string, migrations: Migration[], seed: string | null }} SqlSources
 * @typedef {{
 *   exec(sql: string): Promise<unknown>,
 *   query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
 * }} Executor  Must be one session: the runner issues BEGIN/COMMIT itself.
 * @typedef {{ applied: string[], total: number, seeded: boolean, fresh: boolean }} MigrateResult
 * @typedef {{ path: string, sql: string }} SchemaFile
 * @typedef {{ platform: string, schemas: SchemaFile[] }} SchemaSources
 */

/** `20261128170000_create_schemas.sql` → version `20261128170000`, name `create_schemas`. */
export function parseMigrationName(/** @type {string} */ file) {
	const base = file.split('/').pop() ?? file;
	const match = /^(\d+)_(.+)\.sql$/.exec(base);
	if (!match)
		throw new Error(`Klankbord: migration file name must be <version>_<name>.sql: ${file}`);
	return { version: match[1], name: match[2] };
}

/**
 * Turn a `{ path: sql }` map (from import.meta.glob or the disk) into sources, migrations in
 * version order. Paths are compared by their tail, so both '/supabase/…' and 'supabase/…' work.
 * @param {Record<string, string>} files
 * @returns {SqlSources}
 */
export function sourcesFromFiles(files) {
	/** @type {Migration[]} */
	const migrations = [];
	let platform = null;
	let seed = null;
	for (const [path, sql] of Object.entries(files)) {
		const normal = path.replace(/^\/+/, '');
		if (normal.endsWith('supabase/local/platform.sql')) platform = sql;
		else if (normal.endsWith('supabase/seed.sql')) seed = sql;
		else if (/supabase\/migrations\/[^/]+\.sql$/.test(normal)) {
			migrations.push({ ...parseMigrationName(normal), sql });
		}
	}
	if (platform === null) throw new Error('Klankbord: supabase/local/platform.sql is missing.');
	migrations.sort((a, b) => a.version.localeCompare(b.version));
	return { platform, migrations, seed };
}

/** Read the SQL from disk (scripts and the test harness; the app bundles it instead). */
export function sourcesFromDisk(root = process.cwd()) {
	/** @type {Record<string, string>} */
	const files = {};
	const read = (/** @type {string} */ rel) => {
		files[rel] = readFileSync(join(root, rel), 'utf8');
	};
	read('supabase/local/platform.sql');
	if (existsSync(join(root, 'supabase/seed.sql'))) read('supabase/seed.sql');
	const dir = join(root, 'supabase/migrations');
	if (existsSync(dir)) {
		for (const file of readdirSync(dir))
			if (file.endsWith('.sql')) read(`supabase/migrations/${file}`);
	}
	return sourcesFromFiles(files);
}

/**
 * The schema files in the order they are applied: `[db.migrations] schema_paths` of
 * supabase/config.toml, as repository paths ('supabase/schemas/…'). Explicit paths only, no globs,
 * so the order is the one written there.
 * @param {string} toml  the text of supabase/config.toml
 */
export function schemaPathsFromConfig(toml) {
	const section = /^\[db\.migrations\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(toml)?.[1] ?? '';
	const uncommented = section.replace(/#.*$/gm, '');
	const list = /schema_paths\s*=\s*\[([\s\S]*?)\]/.exec(uncommented)?.[1];
	if (list === undefined)
		throw new Error('Klankbord: supabase/config.toml has no [db.migrations] schema_paths.');
	return [...list.matchAll(/"([^"]+)"/g)].map((m) => join('supabase', m[1]).replace(/\\/g, '/'));
}

/** The platform shim and the schema files, in order, from disk. */
export function schemaSourcesFromDisk(root = process.cwd()) {
	const read = (/** @type {string} */ rel) => readFileSync(join(root, rel), 'utf8');
	const paths = schemaPathsFromConfig(read('supabase/config.toml'));
	return {
		platform: read('supabase/local/platform.sql'),
		schemas: paths.map((path) => ({ path, sql: read(path) }))
	};
}

/**
 * Build a database from the schema files instead of the migrations (no history, no seed): the
 * other side of the drift check. One transaction, so a failing file leaves nothing behind.
 * @param {Executor} db
 * @param {SchemaSources} sources
 */
export async function applySchemas(db, sources) {
	await db.exec('begin');
	let label = 'supabase/local/platform.sql';
	try {
		await db.exec(sources.platform);
		for (const file of sources.schemas) {
			label = file.path;
			await db.exec(file.sql);
		}
		await db.exec('commit');
	} catch (error) {
		await db.exec('rollback');
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(`Klankbord: ${label} failed: ${message}`, { cause: error });
	}
}

const HISTORY = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
	version text primary key,
	statements text[],
	name text
);
create table if not exists supabase_migrations.seed_files (
	path text primary key,
	hash text not null
);`;

/**
 * @param {Executor} db
 * @param {string} sql
 * @param {string} label  which file, for the error message
 */
async function inTransaction(db, sql, label, /** @type {() => Promise<unknown>} */ after) {
	await db.exec('begin');
	try {
		await db.exec(sql);
		await after();
		await db.exec('commit');
	} catch (error) {
		await db.exec('rollback');
		const message = error instanceof Error ? error.message : String(error);
		throw new Error(`Klankbord: ${label} failed: ${message}`, { cause: error });
	}
}

/**
 * A database that recorded migrations we do not have was built from another history: applying
 * ours on top would fail halfway (or worse, half succeed). The Supabase CLI refuses such a database
 * too. The known case: the 16 migrations of November 2026 were squashed into one baseline before
 * any production database existed, so a data directory from before that must be made anew.
 * @param {string[]} recorded
 * @param {SqlSources} sources
 */
function refuseUnknownHistory(recorded, sources) {
	const known = new Set(sources.migrations.map((m) => m.version));
	const unknown = recorded.filter((version) => !known.has(version)).sort();
	if (unknown.length === 0) return;
	const named = unknown.length > 3 ? `${unknown[0]} … ${unknown.at(-1)}` : unknown.join(', ');
	throw new Error(
		`Klankbord: this database has ${unknown.length} migration(s) that supabase/migrations does not ` +
			`have (${named}). It was built from an older history: the migrations were squashed ` +
			`into one baseline (no production database existed). Make it anew: for the embedded ` +
			`database stop the server and delete its data directory (KLANKBORD_DATA_DIR, default .data/); ` +
			`for Postgres drop the database (e.g. dropdb klankbord) and run npm run postgrest again.`
	);
}

/**
 * Apply the platform shim, then each migration not yet recorded (each in its own transaction,
 * recorded with it), then the seed. A database we create gets a 'pending' seed marker in the
 * same transaction as its history tables, so the seed goes into new databases only, and a seed
 * that failed (or did not exist yet) is tried again on the next start.
 * @param {Executor} db
 * @param {SqlSources} sources
 * @returns {Promise<MigrateResult>}
 */
export async function migrate(db, sources) {
	const before = await db.query(
		`select to_regclass('supabase_migrations.seed_files') is not null as has_history`
	);
	const fresh = !before[0]?.has_history;
	const marker = fresh
		? `insert into supabase_migrations.seed_files (path, hash) values ('supabase/seed.sql', 'pending');`
		: '';
	await inTransaction(
		db,
		`${sources.platform}\n${HISTORY}\n${marker}`,
		'supabase/local/platform.sql',
		async () => {}
	);

	const done = new Set(
		(await db.query('select version from supabase_migrations.schema_migrations')).map((row) =>
			String(row.version)
		)
	);
	refuseUnknownHistory([...done], sources);
	/** @type {string[]} */
	const applied = [];
	for (const migration of sources.migrations) {
		if (done.has(migration.version)) continue;
		await inTransaction(db, migration.sql, `migration ${migration.version}_${migration.name}`, () =>
			db.query(
				'insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)',
				[migration.version, migration.name]
			)
		);
		applied.push(migration.version);
	}

	let seeded = false;
	const pending = await db.query(
		`select 1 from supabase_migrations.seed_files where path = 'supabase/seed.sql' and hash = 'pending'`
	);
	if (sources.seed !== null && pending.length > 0) {
		const hash = createHash('sha256').update(sources.seed).digest('hex');
		await inTransaction(db, sources.seed, 'supabase/seed.sql', () =>
			db.query(
				`update supabase_migrations.seed_files set hash = $1 where path = 'supabase/seed.sql'`,
				[hash]
			)
		);
		seeded = true;
	}
	return { applied, total: sources.migrations.length, seeded, fresh };
}
