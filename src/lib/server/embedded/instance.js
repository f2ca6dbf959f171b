// One PGlite per process, in <dataDir>/pglite, migrated when it opens. Plain JavaScript (JSDoc
// types) so `node scripts/retention.js` opens the data directory exactly as the server does. The
// SQL is an argument: the server passes what its build bundled (database.ts), a script reads it
// from the supabase/ folder beside it (sourcesFromDisk).
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../jwt-key.js';
import { migrate } from './migrate.js';

/**
 * @typedef {import('./migrate.js').SqlSources} SqlSources
 * @typedef {import('./migrate.js').MigrateResult} MigrateResult
 */

/**
 * PGlite as the migration runner needs it: one session, BEGIN/COMMIT issued by the runner.
 * @param {PGlite} db
 * @returns {import('./migrate.js').Executor}
 */
export function executorFor(db) {
	return {
		exec: (sql) => db.exec(sql),
		query: async (sql, params) =>
			/** @type {Record<string, unknown>[]} */ ((await db.query(sql, params)).rows)
	};
}

/**
 * Open (or create) a PGlite database and bring it up to date.
 * @param {string | undefined} dir
 * @param {SqlSources} sources
 * @returns {Promise<{ db: PGlite, result: MigrateResult }>}
 */
export async function openEmbedded(dir, sources) {
	const db = await PGlite.create(dir, { extensions: { pgcrypto } });
	try {
		const result = await migrate(executorFor(db), sources);
		return { db, result };
	} catch (error) {
		await db.close();
		throw error;
	}
}

/**
 * The process's embedded database, started on first use: a second PGlite on the same directory
 * would corrupt it. `close()` checkpoints, so the next start needs no recovery.
 * @param {() => SqlSources} sources
 */
export function embeddedInstance(sources) {
	/** @type {Promise<PGlite> | undefined} */
	let instance;

	/** @returns {Promise<PGlite>} */
	function db() {
		instance ??= (async () => {
			const dir = join(dataDir(), 'pglite');
			const existed = existsSync(join(dir, 'PG_VERSION'));
			const { db, result } = await openEmbedded(dir, sources());
			console.log(
				`Klankbord: embedded database in ${dir} (${existed ? 'opened' : 'created'}; migrations: ${result.total}, new: ${result.applied.length}, seeded: ${result.seeded ? 'yes' : 'no'})`
			);
			return db;
		})();
		// A failed start must not poison the process forever: the next request tries again.
		instance.catch(() => (instance = undefined));
		return instance;
	}

	/** @returns {Promise<void>} */
	async function close() {
		const current = instance;
		instance = undefined;
		const db = await current?.catch(() => undefined);
		if (db && !db.closed) await db.close();
	}

	return { db, close };
}
