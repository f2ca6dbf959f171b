// One supabase-js client per backend and role, one JWT per request and per person
// (src/lib/server/supabase.ts), seen from the outside: what reaches PostgREST.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import * as supabase from '@supabase/supabase-js';
import { rpc, type Caller } from '$lib/server/api/rpc';
import type { Person } from '$lib/server/session';
import { fakePostgrest, ok, useTemporaryKeys } from './fake-postgrest';

// Counts the clients the app builds; they are the real ones.
vi.mock('@supabase/supabase-js', async (original) => {
	const actual = await original<typeof supabase>();
	return { ...actual, createClient: vi.fn(actual.createClient) };
});

let cleanUp: () => void;
beforeAll(() => (cleanUp = useTemporaryKeys()));
afterAll(() => {
	cleanUp();
	vi.unstubAllGlobals();
	delete process.env.KLANKBORD_POSTGREST_URL;
});

const person = (n: number): Person => ({
	kind: 'interviewer',
	id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	sessionId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
	displayName: `Persoon ${n}`,
	roundId: crypto.randomUUID()
});

const echo = (caller: Caller, n: number) =>
	rpc(
		caller,
		'echo',
		{ args: z.object({ p_n: z.number() }), result: z.record(z.string(), z.unknown()) },
		{ p_n: n }
	);

/** What the token of each request must say, for this caller. */
const expected = (caller: Caller) =>
	caller === 'service'
		? { role: 'service_role' }
		: caller === null
			? { role: 'anon' }
			: { role: 'authenticated', sub: caller.id, session_id: caller.sessionId };

describe('the shared database client', () => {
	test('interleaved calls of different people each carry their own JWT, on one client per role', async () => {
		// Answers arrive in a scrambled order, so calls overlap while tokens are minted and sent.
		const backend = fakePostgrest({
			echo: async ({ args, claims }) => {
				await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
				return ok({ n: args.p_n, claims });
			}
		});
		backend.use();
		vi.mocked(supabase.createClient).mockClear();

		const callers: Caller[] = [...Array.from({ length: 10 }, (_, i) => person(i)), null, 'service'];
		const calls = Array.from({ length: 300 }, (_, n) => ({
			n,
			caller: callers[n % callers.length]
		}));
		const results = await Promise.all(calls.map(({ caller, n }) => echo(caller, n)));

		expect(backend.sent).toHaveLength(calls.length);
		for (const [i, { caller, n }] of calls.entries()) {
			expect(results[i].n).toBe(n);
			expect(results[i].claims).toMatchObject(expected(caller));
			if (caller !== null && caller !== 'service') {
				expect(results[i].claims).toMatchObject({ sub: caller.id });
			} else {
				expect(results[i].claims).not.toHaveProperty('sub');
			}
		}
		// Three roles (authenticated, anon, service_role) on this backend: three clients, no more.
		expect(supabase.createClient).toHaveBeenCalledTimes(3);

		// And they stay: more calls build nothing new.
		await Promise.all(callers.map((caller, n) => echo(caller, n)));
		expect(supabase.createClient).toHaveBeenCalledTimes(3);
	});

	test('each request gets a token of its own, minted when it is sent', async () => {
		const backend = fakePostgrest({ echo: ({ claims }) => ok(claims) });
		backend.use();
		const someone = person(42);
		const first = await echo(someone, 1);
		const second = await echo(someone, 2);
		expect(first).toMatchObject({ role: 'authenticated', sub: someone.id });
		expect(second).toMatchObject({ role: 'authenticated', sub: someone.id });
		// Minted per request, valid for about a minute from when it was sent.
		const now = Math.floor(Date.now() / 1000);
		expect(Number(second.exp)).toBeGreaterThan(now);
		expect(Number(second.exp)).toBeLessThanOrEqual(now + 61);
	});

	test('the backend follows the environment, call by call', async () => {
		const a = fakePostgrest({ echo: () => ok({ from: 'a' }) });
		const b = fakePostgrest({ echo: () => ok({ from: 'b' }) });
		a.use();
		expect(await echo(null, 1)).toEqual({ from: 'a' });
		b.use();
		expect(await echo(null, 2)).toEqual({ from: 'b' });
		a.use();
		expect(await echo(null, 3)).toEqual({ from: 'a' });
		expect(a.sent.map((call) => call.args.p_n)).toEqual([1, 3]);
		expect(b.sent.map((call) => call.args.p_n)).toEqual([2]);
	});
});
