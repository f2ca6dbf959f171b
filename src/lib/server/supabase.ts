// The database clients. One code path for all three ways to run (ARCHITECTURE.md §3): only the
// URL and the fetch under supabase-js change; JWTs, calls and errors are the same.
//
// One supabase-js client per backend and role, reused by every call: a new client per call made a
// call cost about twice as much or more (bench/client-reuse.js). The JWT stays per request and per person:
// supabase-js asks `accessToken` before every request, and the answer comes from the async context
// of the call that made the request (AsyncLocalStorage), never from shared state, so interleaved
// calls of different people on one client each carry their own token.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { mintJwt, type JwtInput } from './jwt';
import { embeddedDb } from './embedded/database';
import { createRpcFetch } from './embedded/route';

/** Who a database call speaks for; the JWT carries exactly this (one definition: jwt.ts). */
export type Claims = JwtInput;

/** Where the database is and how supabase-js reaches it. */
export type ApiTarget = {
	mode: 'supabase' | 'postgrest' | 'embedded';
	url: string;
	key: string;
	fetch?: typeof fetch;
};

/**
 * supabase-js always calls `<url>/rest/v1/rpc/<fn>`; a bare PostgREST serves `/rpc/<fn>`.
 * Strip the prefix Supabase's gateway would have removed.
 */
export function stripRestPrefix(base: typeof fetch = fetch): typeof fetch {
	const strip = (href: string) => {
		const url = new URL(href);
		url.pathname = url.pathname.replace(/^\/rest\/v1(?=\/)/, '');
		return url.href;
	};
	return (input, init) => {
		// supabase-js passes a string; a Request is rebuilt around its own body and headers.
		if (input instanceof Request) return base(new Request(strip(input.url), input), init);
		return base(strip(input instanceof URL ? input.href : input), init);
	};
}

/** The same client configuration everywhere: the app, the tests and the benchmarks use this. */
export function createApiClient(
	target: ApiTarget,
	accessToken: () => Promise<string | null>
): SupabaseClient {
	return createClient(target.url, target.key, {
		accessToken,
		auth: { persistSession: false, autoRefreshToken: false },
		db: { schema: 'api' },
		// Node 20 has no global WebSocket; realtime-js refuses to construct without one. We do not
		// use Supabase Realtime (the live board is our own SSE), but the client is always built.
		realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
		global: target.fetch ? { fetch: target.fetch } : {}
	}) as unknown as SupabaseClient;
}

let embedded: ApiTarget | undefined;

/** Chosen by the environment, once per call (cheap), so tests can switch modes by setting env. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): ApiTarget {
	if (env.PUBLIC_SUPABASE_URL) {
		const key = env.SUPABASE_PUBLISHABLE_KEY;
		if (!key)
			throw new Error('Klankbord: PUBLIC_SUPABASE_URL is set, SUPABASE_PUBLISHABLE_KEY is not.');
		return { mode: 'supabase', url: env.PUBLIC_SUPABASE_URL, key };
	}
	if (env.KLANKBORD_POSTGREST_URL) {
		// PostgREST ignores the apikey header; supabase-js insists on sending one.
		return {
			mode: 'postgrest',
			url: env.KLANKBORD_POSTGREST_URL,
			key: 'postgrest',
			fetch: stripRestPrefix()
		};
	}
	embedded ??= {
		mode: 'embedded',
		// Never resolved: the fetch below answers in-process. `.invalid` cannot exist in DNS.
		url: 'http://embedded.klankbord.invalid',
		key: 'embedded',
		fetch: createRpcFetch(embeddedDb)
	};
	return embedded;
}

/** The claims of the database call in progress, per async context (see the top of this file). */
const calling = new AsyncLocalStorage<Claims>();

const clients = new Map<string, SupabaseClient>();

/** The one client for this backend and role, built on first use. */
function clientFor(target: ApiTarget, role: Claims['role']): SupabaseClient {
	const key = JSON.stringify([target.mode, target.url, target.key, role]);
	let client = clients.get(key);
	if (client) return client;
	const base = target.fetch;
	// A request outside `callAs` would speak for nobody in particular: refuse it outright.
	const guarded: typeof fetch = (input, init) =>
		calling.getStore()
			? (base ?? globalThis.fetch)(input, init)
			: Promise.reject(new Error('Klankbord: a database request outside callAs()'));
	client = createApiClient({ ...target, fetch: guarded }, async () => {
		const claims = calling.getStore();
		// supabase-js also asks once while it builds the client (for Realtime, which we do not use):
		// no call is in progress then, and no request follows.
		if (!claims) return null;
		if (claims.role !== role)
			throw new Error(`Klankbord: ${claims.role} claims on the ${role} client`);
		return mintJwt(claims);
	});
	clients.set(key, client);
	return client;
}

/**
 * Run one database call as exactly these claims, on the shared client of the backend the
 * environment names (read per call, so tests can switch modes by setting env). Every request the
 * call makes carries a fresh ~60 s JWT minted for these claims and no others.
 */
export function callAs<T>(
	claims: Claims,
	call: (client: SupabaseClient) => PromiseLike<T>,
	target: ApiTarget = targetFromEnv()
): Promise<T> {
	const client = clientFor(target, claims.role);
	return calling.run(claims, async () => await call(client));
}
