// How supabase-js reaches the data API. One code path for all three ways to run (ARCHITECTURE.md
// §3): only the URL and the fetch under supabase-js change; JWTs, calls and errors are the same.
// Plain JavaScript (JSDoc types) so `node scripts/retention.js` builds its client with this very
// code from a production install; the server's supabase.ts builds on it.
import { createClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { createRpcFetch } from './embedded/route.js';

/**
 * Where the database is and how supabase-js reaches it.
 * @typedef {{
 *   mode: 'supabase' | 'postgrest' | 'embedded',
 *   url: string,
 *   key: string,
 *   fetch?: typeof fetch
 * }} ApiTarget
 */

/**
 * supabase-js always calls `<url>/rest/v1/rpc/<fn>`; a bare PostgREST serves `/rpc/<fn>`.
 * Strip the prefix Supabase's gateway would have removed.
 * @param {typeof fetch} [base]
 * @returns {typeof fetch}
 */
export function stripRestPrefix(base = fetch) {
	const strip = (/** @type {string} */ href) => {
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

/**
 * The same client configuration everywhere: the app, the scripts, the tests and the benchmarks.
 * @param {ApiTarget} target
 * @param {() => Promise<string | null>} accessToken
 * @returns {import('@supabase/supabase-js').SupabaseClient}
 */
export function createApiClient(target, accessToken) {
	return /** @type {import('@supabase/supabase-js').SupabaseClient} */ (
		/** @type {unknown} */ (
			createClient(target.url, target.key, {
				accessToken,
				auth: { persistSession: false, autoRefreshToken: false },
				db: { schema: 'api' },
				// Node 20 has no global WebSocket; realtime-js refuses to construct without one. We do
				// not use Supabase Realtime (the live board is our own SSE), but the client is always
				// built.
				realtime: {
					transport: /** @type {typeof globalThis.WebSocket} */ (/** @type {unknown} */ (WebSocket))
				},
				global: target.fetch ? { fetch: target.fetch } : {}
			})
		)
	);
}

/** @type {WeakMap<() => Promise<import('@electric-sql/pglite').PGlite>, ApiTarget>} */
const embeddedTargets = new WeakMap();

/**
 * Chosen by the environment, once per call (cheap), so tests can switch modes by setting env.
 * Without settings: the embedded database `embeddedDb` opens on first use, answered in-process.
 * @param {NodeJS.ProcessEnv} env
 * @param {() => Promise<import('@electric-sql/pglite').PGlite>} embeddedDb
 * @returns {ApiTarget}
 */
export function targetFromEnv(env, embeddedDb) {
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
	let embedded = embeddedTargets.get(embeddedDb);
	if (!embedded) {
		embedded = {
			mode: 'embedded',
			// Never resolved: the fetch below answers in-process. `.invalid` cannot exist in DNS.
			url: 'http://embedded.klankbord.invalid',
			key: 'embedded',
			fetch: createRpcFetch(embeddedDb)
		};
		embeddedTargets.set(embeddedDb, embedded);
	}
	return embedded;
}
