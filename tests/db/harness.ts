// One integration suite, two backends: the embedded route over PGlite, and real PostgREST 12 over
// Postgres 15. Each test file gets its own copy of the migrated + seeded database (global-setup.ts).
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import {
	createApiClient,
	stripRestPrefix,
	type ApiTarget,
	type Claims
} from '$lib/server/supabase';
import { mintJwt, publicJwk } from '$lib/server/jwt';
import { createRpcFetch, reloadSchema } from '$lib/server/embedded/route';
import {
	connect,
	createDatabase,
	dropDatabase,
	pgTypes,
	startPostgrest,
	withDatabase
} from '../../scripts/lib/postgres.js';

type ApiErrorShape = { code: string; message: string; hint: string | null; details: string | null };
type RpcResult = { data: unknown; error: ApiErrorShape | null; status: number };

export interface Backend {
	name: 'embedded' | 'postgrest';
	rpc(claims: Claims, fn: string, args?: Record<string, unknown>): Promise<RpcResult>;
	/** Superuser, bypasses RLS. */
	sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
	/** `set local role` + request.jwt.claims, always rolled back; errors are returned, not thrown. */
	asRole<T = Record<string, unknown>>(
		claims: Claims,
		query: string,
		params?: unknown[]
	): Promise<{ rows: T[]; error: { code: string; message: string } | null }>;
	/** Like rpc, with a raw Authorization token (the route tests forge bad ones). */
	rpcWithToken(token: string, fn: string, args?: Record<string, unknown>): Promise<RpcResult>;
	/** After DDL through sql(): make PostgREST (or the embedded route's function cache) see new functions. */
	reloadSchema(): Promise<void>;
	/**
	 * A new, empty database of the same kind (PGlite in memory; a new database on the same Postgres
	 * server), as one session, for tests that build a database themselves (the drift check).
	 */
	scratch(): Promise<Scratch>;
}

/** One session on an empty database: exec() may send several statements; close() drops it. */
export type Scratch = {
	exec(sql: string): Promise<unknown>;
	query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
	close(): Promise<void>;
};

type Opened = Backend & { close(): Promise<void> };

const env = inject('klankbord');
// Before anything mints a token: every worker signs with the key global-setup made.
process.env.KLANKBORD_DATA_DIR = env.dataDir;

const strict = process.env.KLANKBORD_STRICT === '1';

function claimsJson(claims: Claims): string {
	// What PostgREST puts in request.jwt.claims is the token's payload.
	const payload = mintJwt(claims).split('.')[1];
	return Buffer.from(payload, 'base64url').toString('utf8');
}

function rpcVia(target: ApiTarget) {
	return async (
		token: () => Promise<string>,
		fn: string,
		args: Record<string, unknown> = {}
	): Promise<RpcResult> => {
		// The app's own client factory and call shape (src/lib/server/api/rpc.ts).
		const client = createApiClient(target, token);
		const { data, error, status } = await client.schema('api').rpc(fn, args);
		return {
			data,
			error: error
				? {
						code: error.code,
						message: error.message,
						hint: error.hint ?? null,
						details: error.details ?? null
					}
				: null,
			status
		};
	};
}

function toError(error: unknown) {
	const e = error as { code?: unknown; message?: unknown };
	if (typeof e?.code !== 'string') throw error;
	return { code: e.code, message: String(e.message ?? '') };
}

async function openEmbedded(): Promise<Opened> {
	if (!env.embedded.dump) throw new Error('embedded leg has no dump');
	const db = await PGlite.create({
		loadDataDir: new Blob([readFileSync(env.embedded.dump)]),
		extensions: { pgcrypto }
	});
	const call = rpcVia({
		mode: 'embedded',
		url: 'http://embedded.klankbord.invalid',
		key: 'embedded',
		fetch: createRpcFetch(async () => db)
	});
	return {
		name: 'embedded',
		rpc: (claims, fn, args) => call(async () => mintJwt(claims), fn, args),
		rpcWithToken: (token, fn, args) => call(async () => token, fn, args),
		async sql<T>(query: string, params?: unknown[]) {
			// Without parameters, several statements may be sent at once (as pg's simple protocol allows).
			if (!params?.length) return ((await db.exec(query)).at(-1)?.rows ?? []) as T[];
			return (await db.query<T>(query, params)).rows;
		},
		async asRole<T>(claims: Claims, query: string, params?: unknown[]) {
			try {
				let rows: T[] = [];
				await db.transaction(async (tx) => {
					await tx.exec(`set local role ${claims.role}`);
					await tx.query(`select set_config('request.jwt.claims', $1, true)`, [claimsJson(claims)]);
					rows = (await tx.query<T>(query, params)).rows;
					await tx.rollback();
				});
				return { rows, error: null };
			} catch (error) {
				return { rows: [], error: toError(error) };
			}
		},
		reloadSchema: async () => reloadSchema(db),
		async scratch() {
			const empty = await PGlite.create({ extensions: { pgcrypto } });
			return {
				exec: (sql) => empty.exec(sql),
				query: async (sql, params) =>
					(await empty.query<Record<string, unknown>>(sql, params)).rows,
				close: () => empty.close()
			};
		},
		close: () => db.close()
	};
}

async function createFromTemplate(adminUrl: string, name: string, template: string) {
	// Two CREATE DATABASE … TEMPLATE at once can trip "being accessed by other users": retry.
	for (let attempt = 1; ; attempt++) {
		try {
			await createDatabase(adminUrl, name, { template });
			return;
		} catch (error) {
			if (attempt >= 5 || !/being accessed/.test(String(error))) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
		}
	}
}

async function openPostgrest(): Promise<Opened> {
	const { adminUrl, template } = env.postgrest;
	if (!adminUrl || !template) throw new Error('postgrest leg has no template');
	const database = `klankbord_t_${process.pid}_${randomBytes(4).toString('hex')}`;
	await createFromTemplate(adminUrl, database, template);
	const server = await startPostgrest({
		adminUrl,
		database,
		jwk: publicJwk(),
		quiet: true,
		pool: 10
	});
	// Same type parsing as PGlite (bigint as a number), so a test reads the same values on both.
	const pool = new pg.Pool({
		connectionString: withDatabase(adminUrl, database),
		max: 4,
		types: pgTypes
	});
	pool.on('error', () => {}); // a dropped idle connection at teardown is not a test failure
	const query = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]) => {
		// Several statements without parameters come back as one result each: keep the last.
		const result = (await client.query(sql, params)) as pg.QueryResult | pg.QueryResult[];
		return (Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows) as T[];
	};
	const call = rpcVia({
		mode: 'postgrest',
		url: server.url,
		key: 'postgrest',
		fetch: stripRestPrefix()
	});
	return {
		name: 'postgrest',
		rpc: (claims, fn, args) => call(async () => mintJwt(claims), fn, args),
		rpcWithToken: (token, fn, args) => call(async () => token, fn, args),
		sql: (sql, params) => query(pool, sql, params),
		async asRole<T>(claims: Claims, sql: string, params?: unknown[]) {
			const client = await pool.connect();
			try {
				await client.query('begin');
				await client.query(`set local role ${claims.role}`);
				await client.query(`select set_config('request.jwt.claims', $1, true)`, [
					claimsJson(claims)
				]);
				return { rows: await query<T>(client, sql, params), error: null };
			} catch (error) {
				return { rows: [], error: toError(error) };
			} finally {
				await client.query('rollback').catch(() => {});
				client.release();
			}
		},
		async reloadSchema() {
			// PostgREST reloads its schema cache on this notification; wait until it has.
			const before = await (await fetch(`${server.url}/`)).text();
			await pool.query(`notify pgrst, 'reload schema'`);
			const deadline = Date.now() + 5000;
			while (Date.now() < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 50));
				if ((await (await fetch(`${server.url}/`)).text()) !== before) return;
			}
		},
		async scratch() {
			const name = `klankbord_t_${process.pid}_${randomBytes(4).toString('hex')}`;
			await createDatabase(adminUrl, name);
			const client = await connect(withDatabase(adminUrl, name));
			return {
				exec: (sql) => client.query(sql),
				query: async (sql, params = []) => (await client.query(sql, params)).rows,
				async close() {
					await client.end();
					await dropDatabase(adminUrl, name);
				}
			};
		},
		async close() {
			await server.stop();
			await pool.end();
			await dropDatabase(adminUrl, database);
		}
	};
}

const openers = { embedded: openEmbedded, postgrest: openPostgrest } as const;
type LegName = keyof typeof openers;

// One database per backend per test file, shared by the file's describeBackends blocks.
const opened = new Map<LegName, Promise<Opened>>();
let closeRegistered = false;

function acquire(name: LegName): Promise<Opened> {
	let backend = opened.get(name);
	if (!backend) {
		backend = openers[name]();
		opened.set(name, backend);
	}
	return backend;
}

async function closeAll() {
	const all = [...opened.values()];
	opened.clear();
	await Promise.all(all.map(async (backend) => (await backend.catch(() => null))?.close()));
}

export function describeBackends(title: string, body: (backend: () => Backend) => void): void {
	if (!closeRegistered) {
		closeRegistered = true;
		afterAll(closeAll, 60_000);
	}
	for (const name of Object.keys(openers) as LegName[]) {
		const leg = env[name];
		const label = `${title} [${name}]`;
		if (!leg.available) {
			const why = `${name} backend unavailable: ${leg.reason}`;
			if (strict) {
				describe(label, () => {
					it('has its backend (KLANKBORD_STRICT=1 turns a skip into a failure)', () => {
						throw new Error(why);
					});
				});
			} else {
				console.warn(`⚠️  SKIPPED "${label}": ${why}`);
				describe.skip(label, () =>
					body(() => {
						throw new Error(why);
					})
				);
			}
			continue;
		}
		describe(label, () => {
			let current: Backend | undefined;
			beforeAll(async () => {
				if (leg.error) throw new Error(leg.error);
				current = await acquire(name);
			}, 180_000);
			body(() => {
				if (!current) throw new Error(`${name} backend is not open (see beforeAll)`);
				return current;
			});
		});
	}
}
