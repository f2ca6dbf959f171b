// A stand-in for PostgREST that the app's own api layer talks to, without a database: the unit
// tests point KLANKBORD_POSTGREST_URL at it (the mode switch the app has anyway) and stub the global
// fetch under supabase-js. Each request is answered by a handler per function, which sees the
// arguments and the claims of the JWT that came with the request, exactly as sent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

export type SentClaims = { role: string; sub?: string; session_id?: string };
export type Sent = { fn: string; args: Record<string, unknown>; claims: SentClaims };

/** What a handler answers: a result, or a refusal the way PostgREST words a `raise`. */
export type Answer = { data: unknown } | { refuse: string; hint?: string; status?: number };
type Handler = (sent: Sent) => Answer | Promise<Answer>;

export const ok = (data: unknown = null): Answer => ({ data });
export const refuse = (reason: string, hint?: string, status = 400): Answer => ({
	refuse: reason,
	hint,
	status
});

function claimsOf(authorization: string | null): SentClaims {
	const token = authorization?.replace(/^Bearer /, '') ?? '';
	return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

let instances = 0;

/**
 * A fake PostgREST on its own URL (so the app builds fresh clients for it) with these handlers;
 * `use()` makes it the backend the environment names. A function without a handler is a 404, as
 * PostgREST answers for an unknown function.
 */
export function fakePostgrest(handlers: Record<string, Handler>) {
	const url = `http://fake-postgrest-${++instances}.invalid`;
	const sent: Sent[] = [];
	const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
		const href = String(input instanceof Request ? input.url : input);
		const fn = new URL(href).pathname.replace(/^\/rpc\//, '');
		const headers = new Headers(init?.headers);
		const call: Sent = {
			fn,
			args: JSON.parse(String(init?.body ?? '{}')),
			claims: claimsOf(headers.get('authorization'))
		};
		sent.push(call);
		const handler = handlers[fn];
		const answer: Answer = handler ? await handler(call) : { refuse: 'PGRST202', status: 404 };
		const json = (status: number, body: unknown) =>
			new Response(JSON.stringify(body), {
				status,
				headers: { 'content-type': 'application/json' }
			});
		if ('data' in answer) return json(200, answer.data);
		const code = answer.status === 404 ? 'PGRST202' : answer.status === 500 ? 'XX000' : 'P0001';
		return json(answer.status ?? 400, {
			code,
			message: answer.refuse,
			hint: answer.hint ?? null,
			details: null
		});
	}) as typeof globalThis.fetch;
	return {
		url,
		sent,
		/** Calls of one function, in the order they arrived. */
		calls: (fn: string) => sent.filter((call) => call.fn === fn),
		use() {
			process.env.KLANKBORD_POSTGREST_URL = url;
			vi.stubGlobal('fetch', fetch);
		}
	};
}

/**
 * Tokens are minted with a key made in a fresh directory, never the developer's `.data/`.
 * Returns the clean-up (for afterAll).
 */
export function useTemporaryKeys(): () => void {
	const dir = mkdtempSync(join(tmpdir(), 'klankbord-unit-'));
	process.env.KLANKBORD_DATA_DIR = dir;
	delete process.env.KLANKBORD_JWT_PRIVATE_KEY;
	delete process.env.PUBLIC_SUPABASE_URL;
	return () => rmSync(dir, { recursive: true, force: true });
}
