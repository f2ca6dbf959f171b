// Sessions are ours: join with a code (rate-limited in the database), log in with bcrypt,
// resolve, revoke, expire. Only the server (service_role) reaches these functions.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import {
	ANON,
	SERVICE,
	createOrganisation,
	createRound,
	createStaff,
	uid,
	type Round,
	type Staff
} from './fixtures';

type Joined = { token: string; session_id: string; interviewer_id: string; round_id: string };

describeBackends('sessions', (backend) => {
	let round: Round;
	let coordinator: Staff;
	beforeAll(async () => {
		const org = await createOrganisation(backend());
		round = await createRound(backend(), org, 'veldwerk');
		coordinator = await createStaff(backend(), org.id, 'coordinator');
	});

	// A fresh name per join: display names are unique within a round.
	const join = (code: string, clientKey: string, name = `Sanne ${uid()}`) =>
		backend().rpc(SERVICE, 'session_join', {
			p_code: code,
			p_display_name: name,
			p_client_key: clientKey
		});
	const resolve = (token: string) => backend().rpc(SERVICE, 'session_resolve', { p_token: token });
	const displayCode = () => `${round.joinCode.slice(0, 4)}-${round.joinCode.slice(4)}`;

	describe('joining a round', () => {
		test.each([
			['display form', () => displayCode()],
			[
				'lower case with spaces',
				() =>
					` ${round.joinCode.slice(0, 4).toLowerCase()} ${round.joinCode.slice(4).toLowerCase()} `
			]
		])('the code works in %s', async (_form, code) => {
			const { data, error } = await join(code(), `key-${uid()}`);
			expect(error).toBeNull();
			expect(data).toMatchObject({
				round_id: round.id,
				token: expect.stringMatching(/^[\w-]{43}$/)
			});
		});

		test('the token is stored only as its sha256', async () => {
			const { data } = await join(displayCode(), `key-${uid()}`);
			const { token, session_id } = data as Joined;
			const rows = await backend().sql<{ matches: boolean }>(
				`select token_hash = extensions.digest($2, 'sha256') as matches,
					position(convert_to($2, 'UTF8') in token_hash) = 0 as plain_absent
				 from app.sessions where id = $1`,
				[session_id, token]
			);
			expect(rows).toEqual([{ matches: true, plain_absent: true }]);
		});

		test.each([
			[
				'an unknown code',
				() => join('ZZZZ-ZZZZ', `key-${uid()}`),
				{ data: { error: 'join_code_unknown' } }
			],
			[
				'an empty name',
				() => join(displayCode(), `key-${uid()}`, '  '),
				{ error: { message: 'invalid_input', hint: 'display_name' } }
			],
			[
				'a 41-character name',
				() => join(displayCode(), `key-${uid()}`, 'a'.repeat(41)),
				{ error: { message: 'invalid_input', hint: 'display_name' } }
			]
		])('%s is refused', async (_what, call, expected) => {
			const before = await backend().sql(`select count(*)::int as n from app.interviewers`);
			expect(await call()).toMatchObject(expected);
			expect(await backend().sql(`select count(*)::int as n from app.interviewers`)).toEqual(
				before
			);
		});

		test('a round outside fieldwork cannot be joined', async () => {
			const org = await createOrganisation(backend());
			const concept = await createRound(backend(), org, 'concept');
			const { data, error } = await join(concept.joinCode, `key-${uid()}`);
			// Returned, not raised: it is counted as a wrong try (limits.test.ts).
			expect(error).toBeNull();
			expect(data).toEqual({ error: 'round_not_open' });
		});

		test('ten wrong codes block the client, also for the right code, until 15 min after the tenth', async () => {
			const key = `key-${uid()}`;
			for (let i = 0; i < 10; i++) {
				expect((await join('ABCD-EFGH', key)).data).toEqual({ error: 'join_code_unknown' });
			}
			expect((await join(displayCode(), key)).error).toMatchObject({ message: 'rate_limited' });
			expect((await join('ABCD-EFGH', key)).error).toMatchObject({ message: 'rate_limited' });
			// Another client is not affected.
			expect((await join(displayCode(), `key-${uid()}`)).error).toBeNull();
			// 14 minutes later: still blocked.
			const age = (minutes: number) =>
				backend().sql(
					`update app.auth_attempts set created_at = created_at - make_interval(mins => $2)
					 where client_key = $1`,
					[key, minutes]
				);
			await age(14);
			expect((await join(displayCode(), key)).error).toMatchObject({ message: 'rate_limited' });
			// Past 15 minutes after the tenth failure: the right code works again.
			await age(2);
			const { data, error } = await join(displayCode(), key);
			expect(error).toBeNull();
			expect(data).toMatchObject({ round_id: round.id });
		});

		test('nine wrong codes do not block', async () => {
			const key = `key-${uid()}`;
			for (let i = 0; i < 9; i++) await join('ABCD-EFGH', key);
			expect((await join(displayCode(), key)).error).toBeNull();
		});
	});

	describe('resolving and revoking', () => {
		test('resolve returns the interviewer; revoke ends the session at once', async () => {
			const { data } = await join(displayCode(), `key-${uid()}`, 'Yara');
			const joined = data as Joined;
			expect((await resolve(joined.token)).data).toEqual({
				session_id: joined.session_id,
				kind: 'interviewer',
				person_id: joined.interviewer_id,
				display_name: 'Yara',
				round_id: round.id,
				is_presenter: false
			});
			const claims: Claims = {
				role: 'authenticated',
				sub: joined.interviewer_id,
				session_id: joined.session_id
			};
			expect((await backend().rpc(claims, 'interviewer_me')).error).toBeNull();

			expect(
				(await backend().rpc(SERVICE, 'session_revoke', { p_token: joined.token })).error
			).toBeNull();
			expect((await resolve(joined.token)).data).toBeNull();
			// The JWT minted before the revocation no longer opens anything.
			expect((await backend().rpc(claims, 'interviewer_me')).error).toMatchObject({
				code: '42501'
			});
		});

		test('an unknown token resolves to null', async () => {
			expect(await resolve('niet-een-token')).toMatchObject({ data: null, error: null });
		});

		test('a JWT with a real sub but a session of someone else opens nothing', async () => {
			const a = (await join(displayCode(), `key-${uid()}`)).data as Joined;
			const b = (await join(displayCode(), `key-${uid()}`)).data as Joined;
			const forged: Claims = {
				role: 'authenticated',
				sub: a.interviewer_id,
				session_id: b.session_id
			};
			expect((await backend().rpc(forged, 'interviewer_me')).error).toMatchObject({
				code: '42501'
			});
		});

		test.each([
			[
				'staff idle for more than 8 hours',
				'staff',
				`last_seen_at = now() - interval '8 hours 1 minute'`
			],
			['staff past the absolute lifetime', 'staff', `expires_at = now() - interval '1 second'`],
			[
				'an interviewer idle for more than 60 days',
				'interviewer',
				`last_seen_at = now() - interval '61 days'`
			],
			[
				'an interviewer past the absolute lifetime',
				'interviewer',
				`expires_at = now() - interval '1 second'`
			]
		])('%s is expired and revoked', async (_what, kind, change) => {
			let token: string;
			let sessionId: string;
			if (kind === 'staff') {
				const org = await createOrganisation(backend());
				const staff = await createStaff(backend(), org.id, 'coordinator');
				token = staff.token;
				sessionId = staff.sessionId;
			} else {
				const joined = (await join(displayCode(), `key-${uid()}`)).data as Joined;
				token = joined.token;
				sessionId = joined.session_id;
			}
			expect((await resolve(token)).data).not.toBeNull();
			await backend().sql(`update app.sessions set ${change} where id = $1`, [sessionId]);
			expect((await resolve(token)).data).toBeNull();
			const [row] = await backend().sql(
				`select revoked_at is not null as revoked from app.sessions where id = $1`,
				[sessionId]
			);
			expect(row).toEqual({ revoked: true });
		});

		test('staff idle for 7 hours are still signed in, and resolving bumps last_seen_at', async () => {
			await backend().sql(
				`update app.sessions set last_seen_at = now() - interval '7 hours' where id = $1`,
				[coordinator.sessionId]
			);
			expect((await resolve(coordinator.token)).data).toMatchObject({
				kind: 'staff',
				role: 'coordinator'
			});
			const [row] = await backend().sql(
				`select last_seen_at > now() - interval '1 minute' as fresh from app.sessions where id = $1`,
				[coordinator.sessionId]
			);
			expect(row).toEqual({ fresh: true });
		});

		test('a coordinator revokes an interviewer: all their sessions end', async () => {
			const joined = (await join(displayCode(), `key-${uid()}`)).data as Joined;
			const { error } = await backend().rpc(coordinator.claims, 'interviewer_revoke', {
				p_interviewer_id: joined.interviewer_id
			});
			expect(error).toBeNull();
			expect((await resolve(joined.token)).data).toBeNull();
		});
	});

	describe('logging in', () => {
		const login = (email: string, password: string, key: string) =>
			backend().rpc(SERVICE, 'session_login', {
				p_email: email,
				p_password: password,
				p_client_key: key
			});

		test('the right password gives a staff session; e-mail case does not matter', async () => {
			const { data, error } = await login(
				coordinator.email.toUpperCase(),
				coordinator.password,
				`key-${uid()}`
			);
			expect(error).toBeNull();
			expect(data).toMatchObject({ staff_id: coordinator.id, token: expect.any(String) });
			expect((await resolve((data as { token: string }).token)).data).toMatchObject({
				kind: 'staff',
				person_id: coordinator.id
			});
		});

		test('a wrong password and an unknown e-mail both fail the same way', async () => {
			expect((await login(coordinator.email, 'verkeerd-wachtwoord', `key-${uid()}`)).data).toEqual({
				error: 'login_failed'
			});
			expect(
				(await login('niemand@example.org', 'verkeerd-wachtwoord', `key-${uid()}`)).data
			).toEqual({
				error: 'login_failed'
			});
		});
	});

	describe('who may call session plumbing', () => {
		test.each([
			['anon', ANON],
			['a signed-in coordinator', null]
		])('%s may not', async (_who, claims) => {
			const who = claims ?? coordinator.claims;
			for (const [fn, args] of [
				['session_join', { p_code: displayCode(), p_display_name: 'X', p_client_key: 'k' }],
				['session_resolve', { p_token: coordinator.token }],
				[
					'session_login',
					{ p_email: coordinator.email, p_password: coordinator.password, p_client_key: 'k' }
				],
				['setup_issue_token', {}],
				['react', { p_evening_code: round.eveningCode, p_kind: 'herkenbaar', p_client_key: 'k' }]
			] as const) {
				const { error } = await backend().rpc(who, fn, args);
				expect({ fn, code: error?.code }).toEqual({ fn, code: '42501' });
			}
		});
	});
});
