// The two scripts production needs, `npm run retention` (cron) and `npm run verify`, run from a
// production install: a copy of the project without TypeScript or Svelte sources, installed
// with `npm ci --omit=dev`, so neither Vite nor TypeScript nor svelte-kit is there. Retention
// runs in each of the three modes: embedded PGlite in KLANKBORD_DATA_DIR, PostgREST, and Supabase
// (a stand-in for its gateway in front of PostgREST, checking what Supabase's gateway checks).
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { keyFromJwk } from '$lib/server/jwt-key.js';
import { sourcesFromDisk } from '$lib/server/embedded/migrate.js';
import {
	canConnect,
	connect,
	dropDatabase,
	pgUrl,
	postgrestBinary,
	prepareDatabase,
	startPostgrest,
	withDatabase
} from '../../scripts/lib/postgres.js';
import { honestRound } from './verify-chain-fixture';

const root = fileURLToPath(new URL('../..', import.meta.url));
const strict = process.env.KLANKBORD_STRICT === '1';
// What a deploy does not ship (or builds elsewhere): installed and generated folders, and every
// TypeScript and Svelte source, so a script that reached one would fail on any Node version.
const LEFT_OUT = new Set(['node_modules', '.git', '.data', 'build', '.svelte-kit', 'test-results']);
const SOURCE = /\.(ts|svelte)$/;
// The settings that choose a backend or a key: each test sets its own.
const SETTINGS = [
	'KLANKBORD_DATA_DIR',
	'KLANKBORD_POSTGREST_URL',
	'PUBLIC_SUPABASE_URL',
	'SUPABASE_PUBLISHABLE_KEY',
	'KLANKBORD_JWT_PRIVATE_KEY',
	'KLANKBORD_JWT_KID',
	'NODE_OPTIONS'
];
// Headers a proxy does not pass on.
const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);
// Long past the seeded rounds' retention period.
const LATER = '2100-01-01T00:00Z';

// Each run starts Node, and the embedded one creates a database (~6 s on this machine).
const SLOW = { timeout: 120_000 };

let copy: string;

type Run = { code: number; out: string; err: string };

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
	const base = { ...process.env };
	for (const name of SETTINGS) delete base[name];
	return new Promise((resolve) => {
		execFile(
			command,
			args,
			{
				cwd: copy,
				// No "new npm version" notice on stderr: the tests read it.
				env: { ...base, npm_config_update_notifier: 'false', ...env },
				maxBuffer: 16 * 1024 * 1024
			},
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout, err: stderr })
		);
	});
}

const npmRun = (script: string, args: string[], env?: Record<string, string>) =>
	run('npm', ['run', '--silent', script, '--', ...args], env);

beforeAll(async () => {
	copy = mkdtempSync(join(tmpdir(), 'klankbord-production-'));
	cpSync(root, copy, {
		recursive: true,
		filter: (path) => {
			const rel = relative(root, path);
			return !LEFT_OUT.has(rel.split('/')[0]) && !SOURCE.test(rel);
		}
	});
	const install = await run('npm', [
		'ci',
		'--omit=dev',
		'--no-audit',
		'--no-fund',
		'--prefer-offline'
	]);
	if (install.code !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.err}`);
}, 240_000);

afterAll(() => rmSync(copy, { recursive: true, force: true }));

test('the copy is a production install: runtime dependencies only, no TypeScript sources', () => {
	for (const runtime of ['@electric-sql/pglite', '@supabase/supabase-js', 'zod']) {
		expect(existsSync(join(copy, 'node_modules', runtime)), runtime).toBe(true);
	}
	for (const dev of ['vite', 'typescript', '@sveltejs/kit', 'svelte', 'vitest', 'pg']) {
		expect(existsSync(join(copy, 'node_modules', dev)), dev).toBe(false);
	}
	expect(existsSync(join(copy, 'src/lib/server/api/retention.ts'))).toBe(false);
	expect(existsSync(join(copy, 'scripts/retention.js'))).toBe(true);
});

describe('npm run verify', () => {
	let server: Server;
	let url = '';
	beforeAll(async () => {
		server = createServer((request, response) => {
			if (request.url !== '/verifieer/GOED27/gegevens') return void response.writeHead(404).end();
			response
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ sealed: false, ...honestRound() }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	test('checks a round and says klopt', SLOW, async () => {
		const { code, out } = await npmRun('verify', ['GOED27', '--url', url]);
		expect(out).toContain('Uitkomst: klopt.');
		expect(out).toContain(`Vingerafdruk: ${honestRound().fingerprint}`);
		expect(code).toBe(0);
	});
});

/**
 * What Supabase's gateway does for a data API call: refuse a request without the publishable
 * key, strip /rest/v1, and pass the rest (the JWT in Authorization included) to PostgREST.
 * `seen` records each request as `<method> <path> apikey=<key>`.
 */
function supabaseGateway(postgrestUrl: string, publishableKey: string, seen: string[]): Server {
	const forward = async (request: IncomingMessage, response: ServerResponse) => {
		seen.push(`${request.method} ${request.url} apikey=${request.headers.apikey}`);
		if (request.headers.apikey !== publishableKey) return void response.writeHead(401).end();
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const headers = new Headers();
		for (const [name, value] of Object.entries(request.headers)) {
			if (!HOP_BY_HOP.has(name) && typeof value === 'string') headers.set(name, value);
		}
		const upstream = await fetch(postgrestUrl + request.url!.replace(/^\/rest\/v1/, ''), {
			method: request.method,
			headers,
			body: chunks.length ? Buffer.concat(chunks) : undefined
		});
		response.writeHead(upstream.status, {
			'content-type': upstream.headers.get('content-type') ?? 'application/json'
		});
		response.end(Buffer.from(await upstream.arrayBuffer()));
	};
	return createServer((request, response) => void forward(request, response));
}

/** Published two years ago: past any retention period (at most 120 months) by LATER. */
const PUBLISH_JONG27 = `update app.rounds set state = 'gepubliceerd', published_at = now() - interval '2 years'
	where evening_code = 'JONG27'`;
const STATE_OF_JONG27 = `select state from app.rounds where evening_code = 'JONG27'`;

describe('npm run retention', () => {
	test(
		'embedded: creates the data directory, then archives an expired round in it',
		SLOW,
		async () => {
			const dataDir = join(copy, '.data-retention');
			const env = { KLANKBORD_DATA_DIR: dataDir };
			// A new data directory is created, migrated and seeded; the seed has nothing published.
			const first = await npmRun('retention', [LATER], env);
			expect(first.err).toBe('');
			expect(first.out).toContain('(created; migrations:');
			expect(first.out).toContain('retention (2100-01-01T00:00:00.000Z): 0 round(s) archived');
			expect(first.code).toBe(0);

			// The script closed the directory cleanly: it opens here, and a round is published.
			const db = await PGlite.create(join(dataDir, 'pglite'), { extensions: { pgcrypto } });
			try {
				await db.exec(PUBLISH_JONG27);
			} finally {
				await db.close();
			}

			const second = await npmRun('retention', [LATER], env);
			expect(second.out).toContain('(opened; migrations:');
			expect(second.out).toMatch(/1 round\(s\) archived, [1-9]\d* finding text\(s\)/);
			expect(second.code).toBe(0);
			const after = await PGlite.create(join(dataDir, 'pglite'), { extensions: { pgcrypto } });
			try {
				expect((await after.query(STATE_OF_JONG27)).rows).toEqual([{ state: 'gearchiveerd' }]);
			} finally {
				await after.close();
			}
		}
	);

	test('a moment that is not a date is refused with exit code 2', SLOW, async () => {
		const { code, err } = await npmRun('retention', ['gisteren']);
		expect(err).toContain('"gisteren" is not a date and time');
		expect(code).toBe(2);
	});

	describe('on Postgres 15', () => {
		let reachable = { ok: false, reason: '' };
		beforeAll(async () => {
			reachable = await canConnect(pgUrl());
			if (reachable.ok && !postgrestBinary()) {
				reachable = { ok: false, reason: 'no PostgREST binary for this platform' };
			}
		});

		/** Without Postgres 15 and PostgREST: a loud skip, or a failure with KLANKBORD_STRICT=1. */
		function requirePostgres(skip: () => void) {
			if (reachable.ok) return;
			const why = `Postgres 15 + PostgREST unavailable: ${reachable.reason}`;
			if (strict) throw new Error(`${why} (KLANKBORD_STRICT=1 turns a skip into a failure)`);
			console.warn(`⚠️  SKIPPED a Postgres leg of the production scripts test: ${why}`);
			skip();
		}

		/**
		 * A migrated, seeded database with JONG27 published long ago, and PostgREST in front of it
		 * trusting a key from the copy's `node scripts/jwt-keygen.js` (the production way: the
		 * key comes from the environment); `body` runs the script against it.
		 */
		async function withPostgrest(
			body: (postgrestUrl: string, keyEnv: Record<string, string>) => Promise<void>
		) {
			const keygen = await run(process.execPath, ['scripts/jwt-keygen.js']);
			expect(keygen.code).toBe(0);
			const jwk = JSON.parse(keygen.out);
			const keyEnv = { KLANKBORD_JWT_PRIVATE_KEY: keygen.out.trim(), KLANKBORD_JWT_KID: jwk.kid };
			const adminUrl = pgUrl();
			const database = `klankbord_t_${process.pid}_${randomBytes(4).toString('hex')}`;
			await prepareDatabase(adminUrl, database, sourcesFromDisk(root));
			const server = await startPostgrest({
				adminUrl,
				database,
				jwk: keyFromJwk(jwk, jwk.kid).publicJwk,
				quiet: true,
				pool: 2
			});
			const client = await connect(withDatabase(adminUrl, database));
			try {
				await client.query(PUBLISH_JONG27);
				await body(server.url, keyEnv);
				expect((await client.query(STATE_OF_JONG27)).rows).toEqual([{ state: 'gearchiveerd' }]);
			} finally {
				await client.end();
				await server.stop();
				await dropDatabase(adminUrl, database);
			}
		}

		test('PostgREST: archives the expired round', SLOW, async ({ skip }) => {
			requirePostgres(skip);
			await withPostgrest(async (postgrestUrl, keyEnv) => {
				const { code, out, err } = await npmRun('retention', [LATER], {
					...keyEnv,
					KLANKBORD_POSTGREST_URL: postgrestUrl
				});
				expect(err).toBe('');
				expect(out).toMatch(/1 round\(s\) archived/);
				expect(code).toBe(0);
			});
		});

		test(
			'Supabase: through a gateway that wants the publishable key and /rest/v1',
			SLOW,
			async ({ skip }) => {
				requirePostgres(skip);
				await withPostgrest(async (postgrestUrl, keyEnv) => {
					const seen: string[] = [];
					const gateway = supabaseGateway(postgrestUrl, 'sb_publishable_test', seen);
					await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
					try {
						const { port } = gateway.address() as AddressInfo;
						const { code, out } = await npmRun('retention', [LATER], {
							...keyEnv,
							PUBLIC_SUPABASE_URL: `http://127.0.0.1:${port}`,
							SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_test'
						});
						expect(out).toMatch(/1 round\(s\) archived/);
						expect(code).toBe(0);
						expect(seen).toEqual(['POST /rest/v1/rpc/retention_run apikey=sb_publishable_test']);
					} finally {
						await new Promise<void>((resolve) => gateway.close(() => resolve()));
					}
				});
			}
		);
	});
});
