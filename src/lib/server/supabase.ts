// The per-request database client. How each of the three ways to run is reached lives in
// api-client.js (plain JavaScript, shared with scripts/retention.js); this adds who is asking.
import type { SupabaseClient } from '@supabase/supabase-js';
import { createApiClient, targetFromEnv as targetFor, type ApiTarget } from './api-client.js';
import { mintJwt } from './jwt';
import { embeddedDb } from './embedded/database';

export { createApiClient, stripRestPrefix, type ApiTarget } from './api-client.js';

export type Claims =
	| { role: 'anon' }
	| { role: 'service_role' }
	| { role: 'authenticated'; sub: string; session_id: string };

/** Chosen by the environment, once per call (cheap), so tests can switch modes by setting env. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): ApiTarget {
	return targetFor(env, embeddedDb);
}

/** A client whose every request carries a fresh ~60 s JWT for exactly these claims. */
export function clientFor(claims: Claims): SupabaseClient {
	return createApiClient(targetFromEnv(), async () => mintJwt(claims));
}
