// The database clients. How each of the three ways to run is reached lives in api-client.js (plain
// JavaScript, shared with scripts/retention.js); this adds who is asking.
//
// One supabase-js client per backend and role, reused by every call: a new client per call made a
// call cost about twice as much or more (bench/client-reuse.js). The JWT stays per person:
// supabase-js asks `accessToken` before every request, and the answer comes from the async context
// of the call that made the request (AsyncLocalStorage), never from shared state, so interleaved
// calls of different people on one client each carry their own token.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createApiClient, targetFromEnv as targetFor, type ApiTarget } from './api-client.js';
import { reusableJwt, type JwtInput } from './jwt';
import { embeddedDb } from './embedded/database';

export { createApiClient, stripRestPrefix, type ApiTarget } from './api-client.js';

/** Who a database call speaks for; the JWT carries exactly this (one definition: jwt.ts). */
export type Claims = JwtInput;

/** Chosen by the environment, once per call (cheap), so tests can switch modes by setting env. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): ApiTarget {
	return targetFor(env, embeddedDb);
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
		return reusableJwt(claims);
	});
	clients.set(key, client);
	return client;
}

/**
 * Run one database call as exactly these claims, on the shared client of the backend the
 * environment names (read per call, so tests can switch modes by setting env). Every request the
 * call makes carries a JWT of at most 60 s for these claims and no others (reusableJwt).
 */
export function callAs<T>(
	claims: Claims,
	call: (client: SupabaseClient) => PromiseLike<T>,
	target: ApiTarget = targetFromEnv()
): Promise<T> {
	const client = clientFor(target, claims.role);
	return calling.run(claims, async () => await call(client));
}
