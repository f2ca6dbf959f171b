// The embedded database: PGlite in this process, data in <dataDir>/pglite, migrated at start.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../jwt';
import { migrate, type MigrateResult, type SqlSources } from './migrate.js';
import { bundledSources } from './sources';

/** PGlite as the migration runner needs it: one session, BEGIN/COMMIT issued by the runner. */
export function executorFor(db: PGlite) {
	return {
		exec: (sql: string) => db.exec(sql),
		query: async (sql: string, params?: unknown[]) =>
			(await db.query<Record<string, unknown>>(sql, params)).rows
	};
}

/** Open (or create) a PGlite database and bring it up to date. */
export async function openEmbedded(
	dir: string | undefined,
	sources: SqlSources = bundledSources()
): Promise<{ db: PGlite; result: MigrateResult }> {
	const db = await PGlite.create(dir, { extensions: { pgcrypto } });
	try {
		const result = await migrate(executorFor(db), sources);
		return { db, result };
	} catch (error) {
		await db.close();
		throw error;
	}
}

let instance: Promise<PGlite> | undefined;

/** One PGlite per process, started on first use (a second would corrupt the data directory). */
export function embeddedDb(): Promise<PGlite> {
	instance ??= (async () => {
		const dir = join(dataDir(), 'pglite');
		const existed = existsSync(join(dir, 'PG_VERSION'));
		const { db, result } = await openEmbedded(dir);
		console.log(
			`Klankbord: embedded database in ${dir} (${existed ? 'opened' : 'created'}; migrations: ${result.total}, new: ${result.applied.length}, seeded: ${result.seeded ? 'yes' : 'no'})`
		);
		return db;
	})();
	// A failed start must not poison the process forever: the next request tries again.
	instance.catch(() => (instance = undefined));
	return instance;
}

/** Close cleanly (checkpoint), so the next start needs no recovery. */
export async function closeEmbeddedDb(): Promise<void> {
	const current = instance;
	instance = undefined;
	const db = await current?.catch(() => undefined);
	if (db && !db.closed) await db.close();
}

// adapter-node emits this after SIGINT/SIGTERM once requests have drained.
process.once('sveltekit:shutdown' as 'exit', () => void closeEmbeddedDb());
