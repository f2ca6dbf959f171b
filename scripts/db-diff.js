#!/usr/bin/env node
// `npm run db:diff -- <name>`: write the next migration, supabase/migrations/<version>_<name>.sql,
// that takes a database built from supabase/migrations to the schema in supabase/schemas. The
// Supabase CLI's `db diff` needs Docker; this does the same against Postgres 15 here
// (KLANKBORD_PG_URL, as for the tests):
//
//   A = a temporary database with the migrations applied, B = one with the schema files applied;
//   1. structure (tables, columns, constraints, indexes, policies, functions, triggers): @pgkit/migra
//      from A to B, applied to A;
//   2. grants, default privileges and function settings, which migra misses or gets wrong
//      (scripts/lib/db-privileges.js): written from what the catalogs of A and B still differ in,
//      applied to A;
//   3. the drift comparison (scripts/lib/db-catalog.js) of A and B must then find nothing, and the
//      migrations including the new one must build the schema on PGlite too.
//
// Review the file before you commit it (drops in particular). When step 3 still finds a
// difference, the file is written anyway with the differences listed, and the exit code is 1:
// finish it by hand; the drift check in `npm test` holds you to it. See supabase/README.md.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	applySchemas,
	migrate,
	parseMigrationName,
	schemaSourcesFromDisk,
	sourcesFromDisk
} from '../src/lib/server/embedded/migrate.js';
import { compareCatalogs, describeDifferences, readCatalog } from './lib/db-catalog.js';
import { privilegeStatements, readPrivileges } from './lib/db-privileges.js';
import {
	canConnect,
	connect,
	createDatabase,
	dropDatabase,
	pgExecutor,
	pgUrl,
	withDatabase
} from './lib/postgres.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2] ?? '';

if (!/^[a-z][a-z0-9_]{2,80}$/.test(name)) {
	console.error('Usage: npm run db:diff -- <name>   (snake_case, e.g. add_round_notes)');
	process.exit(2);
}

/** Postgres' own words for a failed statement, with the statement's first line. */
async function run(
	/** @type {import('pg').Client} */ client,
	/** @type {string} */ sql,
	/** @type {string} */ label
) {
	try {
		await client.query(`begin;\n${sql}\ncommit;`);
	} catch (error) {
		await client.query('rollback').catch(() => {});
		throw new Error(`${label} does not apply: ${error instanceof Error ? error.message : error}`, {
			cause: error
		});
	}
}

/** The next version: now (UTC), and always after the newest migration there is. */
function nextVersion(/** @type {string[]} */ versions) {
	const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	const last = versions.at(-1) ?? '0';
	return BigInt(now) > BigInt(last) ? now : String(BigInt(last) + 1n);
}

/** migra's text, made fit to commit: its `set check_function_bodies` does not outlive the file. */
function tidy(/** @type {string} */ sql) {
	let out = sql.replace(/\n{3,}/g, '\n\n').trim();
	if (/^set check_function_bodies = off;/m.test(out)) out += '\n\nreset check_function_bodies;';
	return out;
}

const adminUrl = pgUrl();
const reachable = await canConnect(adminUrl);
if (!reachable.ok) {
	console.error(
		`Klankbord: db:diff needs Postgres 15 (${reachable.reason}). Set KLANKBORD_PG_URL.`
	);
	process.exit(1);
}

const migrations = { ...sourcesFromDisk(root), seed: null };
const schemas = schemaSourcesFromDisk(root);
const tag = `klankbord_diff_${process.pid}`;
const [dbA, dbB] = [`${tag}_a`, `${tag}_b`];
await createDatabase(adminUrl, dbA, { replace: true });
await createDatabase(adminUrl, dbB, { replace: true });
const a = await connect(withDatabase(adminUrl, dbA));
const b = await connect(withDatabase(adminUrl, dbB));
let exitCode = 0;
try {
	await migrate(pgExecutor(a), migrations);
	await applySchemas(pgExecutor(b), schemas);

	// 1. Structure, from migra (privileges off: step 2 writes those).
	const { run: migra } = require('@pgkit/migra');
	const diff = await migra(withDatabase(adminUrl, dbA), withDatabase(adminUrl, dbB), {
		unsafe: true,
		withPrivileges: false,
		excludeSchema: 'supabase_migrations'
	});
	const structure = tidy(diff.sql);
	if (structure) await run(a, structure, 'The structure migra wrote');

	// 2. Grants, default privileges and settings, from the catalogs as they now stand.
	const privileges = privilegeStatements(
		await readPrivileges(pgExecutor(a)),
		await readPrivileges(pgExecutor(b))
	).join('\n');
	if (privileges) await run(a, privileges, 'The grants and settings');

	if (!structure && !privileges) {
		console.log(
			'Klankbord: supabase/schemas and supabase/migrations agree: no migration to write.'
		);
		process.exit(0);
	}

	// 3. Check: on Postgres 15 here, then the whole history on PGlite.
	const remaining = compareCatalogs(
		await readCatalog(pgExecutor(a)),
		await readCatalog(pgExecutor(b))
	);
	const version = nextVersion(migrations.migrations.map((m) => m.version));
	const file = `supabase/migrations/${version}_${name}.sql`;
	parseMigrationName(file);
	// What loses data when dropped (a dropped policy or function is made again from the schema).
	const drops = (structure.match(/\bdrop (table|column|schema)\b/gi) ?? []).length;
	const header = [
		`-- ${name}`,
		`-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,`,
		`-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.`
	];
	const body = [
		structure,
		privileges && `-- Grants, default privileges, function settings.\n${privileges}`
	]
		.filter(Boolean)
		.join('\n\n');
	const note = remaining.length
		? `\n\n-- TO DO by hand (db:diff could not write these; npm test's drift check fails until done):\n${describeDifferences(remaining).replace(/^/gm, '-- ')}`
		: '';
	writeFileSync(join(root, file), `${header.join('\n')}\n\n${body}\n${note}\n`);
	console.log(`Klankbord: wrote ${file}.`);
	if (drops)
		console.log(`  It drops ${drops} table(s), column(s) or schema(s): their data is lost.`);

	if (remaining.length) {
		console.error(
			`  Postgres 15: ${remaining.length} difference(s) remain after it:\n${describeDifferences(remaining)}`
		);
		exitCode = 1;
	} else {
		console.log('  Postgres 15: the migrations now build exactly supabase/schemas.');
		const onPglite = await checkOnPglite();
		if (onPglite.length) {
			console.error(
				`  PGlite: ${onPglite.length} difference(s):\n${describeDifferences(onPglite)}`
			);
			exitCode = 1;
		} else {
			console.log('  PGlite: the migrations (with the new one) build exactly supabase/schemas.');
		}
	}
} finally {
	await a.end();
	await b.end();
	await dropDatabase(adminUrl, dbA).catch(() => {});
	await dropDatabase(adminUrl, dbB).catch(() => {});
}
process.exit(exitCode);

async function checkOnPglite() {
	const open = async () => {
		const db = await PGlite.create({ extensions: { pgcrypto } });
		const executor = {
			exec: (/** @type {string} */ sql) => db.exec(sql),
			query: async (/** @type {string} */ sql, /** @type {unknown[]} */ params) =>
				(await db.query(sql, params)).rows
		};
		return { db, executor };
	};
	const fromMigrations = await open();
	const fromSchemas = await open();
	try {
		await migrate(fromMigrations.executor, { ...sourcesFromDisk(root), seed: null });
		await applySchemas(fromSchemas.executor, schemas);
		return compareCatalogs(
			await readCatalog(/** @type {any} */ (fromMigrations.executor)),
			await readCatalog(/** @type {any} */ (fromSchemas.executor))
		);
	} finally {
		await fromMigrations.db.close();
		await fromSchemas.db.close();
	}
}
