// The per-request database client. One code path for all three ways to run (ARCHITECTURE.md §3):
// only the URL and the fetch under supabase-js change; JWTs, calls and errors are the same.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { mintJwt } from './jwt';
import { embeddedDb } from './embedded/database';
import { createRpcFetch } from './embedded/route';

export type Claims =
	| { role: 'anon' }
	| { role: 'service_role' }
	| { role: 'authenticated'; sub: string; session_id: string };

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
	accessToken: () => Promise<string>
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

/** A client whose every request carries a fresh ~60 s JWT for exactly these claims. */
export function clientFor(claims: Claims): SupabaseClient {
	return createApiClient(targetFromEnv(), async () => mintJwt(claims));
}
