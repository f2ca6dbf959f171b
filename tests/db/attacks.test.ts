// Attacks through the real call path (supabase-js → PostgREST or the embedded route → Postgres):
// replayed sessions, one round's session against another round's ids, join-code guessing and
// the append-only logs (crafted arguments against every function: attacks-sealed*, attacks-opened).
// Every check looks at the result AND the error (message, details, hint).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import { SERVICE } from './fixtures';
import { ANON_EXECUTABLE } from './matrix/expectations';
import { FUNCTION_ARGUMENTS } from './matrix/function-arguments';
import { claimsFor, createMatrixWorld, type MatrixWorld, type Role } from './matrix/roles';

describeBackends('attacks', (backend) => {
	describe('a session after logout or revocation opens nothing', () => {
		let w: MatrixWorld;
		let authenticatedFns: string[];
		beforeAll(async () => {
			w = await createMatrixWorld(backend());
			const rows = await backend().sql<{ name: string }>(`
				select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				where n.nspname = 'api' and has_function_privilege('authenticated', p.oid, 'EXECUTE')
				order by 1`);
			authenticatedFns = rows.map((r) => r.name).filter((fn) => !ANON_EXECUTABLE.includes(fn));
			// The coordinator revokes the author; the presenter and the coordinator log out.
			const revoked = await backend().rpc(w.coordinator.claims, 'interviewer_revoke', {
				p_interviewer_id: w.author.id
			});
			expect(revoked.error).toBeNull();
			for (const token of [w.presenter.token, w.coordinator.token]) {
				const out = await backend().rpc(SERVICE, 'session_revoke', { p_token: token });
				expect(out.error).toBeNull();
			}
		});

		const ended: Array<[string, Role, (w: MatrixWorld) => string]> = [
			['the revoked author', 'interviewer', (w) => w.author.token],
			['the presenter after logout', 'presenter', (w) => w.presenter.token],
			['the coordinator after logout', 'coordinator', (w) => w.coordinator.token]
		];

		test.each(ended)('%s: the replayed cookie resolves to nothing', async (_who, _role, token) => {
			const { data, error } = await backend().rpc(SERVICE, 'session_resolve', {
				p_token: token(w)
			});
			expect({ data, error }).toEqual({ data: null, error: null });
		});

		test.each(ended)(
			'%s: a JWT minted before is refused by every api function for signed-in people',
			async (_who, role) => {
				const answered: string[] = [];
				for (const fn of authenticatedFns) {
					const { error } = await backend().rpc(
						claimsFor(w, role),
						fn,
						FUNCTION_ARGUMENTS[fn](w, role)
					);
					if (error?.code !== '42501') answered.push(`${fn}: ${error?.message ?? 'answered'}`);
				}
				expect(answered).toEqual([]);
				expect(authenticatedFns.length).toBeGreaterThan(20);
			}
		);

		test('the revoked author reads none of their own rows at the SQL level either', async () => {
			const own: Array<[string, string]> = [
				['findings', `select * from app.findings where interviewer_id = $1`],
				['interviews', `select * from app.interviews where interviewer_id = $1`],
				[
					'answers',
					`select a.* from app.answers a join app.interviews v on v.id = a.interview_id
					where v.interviewer_id = $1`
				],
				[
					'rounds',
					`select * from app.rounds where id = (select round_id from app.interviewers where id = $1)`
				],
				['interviewers', `select * from app.interviewers where id = $1`]
			];
			for (const [table, query] of own) {
				const { rows } = await backend().asRole(w.author.claims, query, [w.author.id]);
				expect({ table, rows }).toEqual({ table, rows: [] });
				// The same query with a live session finds them (the refusal is not a blank query).
				expect((await backend().sql(query, [w.author.id])).length).toBeGreaterThan(0);
			}
		});

		test('a live session of the same person still works (the refusals are about the session)', async () => {
			const { data, error } = await backend().rpc(w.interviewerB.claims, 'my_findings');
			expect(error).toBeNull();
			expect(JSON.stringify(data)).toContain(w.secretB);
		});
	});

	describe("a session of round A against round B's ids", () => {
		let w: MatrixWorld;
		beforeAll(async () => {
			w = await createMatrixWorld(backend());
		});

		const attempts: Array<[string, Role, string, (w: MatrixWorld) => object, string]> = [
			[
				'presenter of A opens B',
				'presenter',
				'evening_open',
				(w) => ({ p_round_id: w.roundB.id }),
				'not_presenter'
			],
			[
				'presenter of A reads B',
				'presenter',
				'presenter_slides',
				(w) => ({ p_round_id: w.roundB.id }),
				'not_presenter'
			],
			[
				'presenter of A moves B',
				'presenter',
				'evening_move',
				(w) => ({ p_round_id: w.roundB.id, p_position: 1 }),
				'not_presenter'
			],
			[
				'presenter of A closes B',
				'presenter',
				'evening_close',
				(w) => ({ p_round_id: w.roundB.id }),
				'not_presenter'
			],
			[
				'author in A edits a finding of B',
				'interviewer',
				'finding_update',
				(w) => ({ p_id: w.findingB, p_statement: 'Overschreven' }),
				'not_found'
			],
			[
				'author in A withdraws a finding of B',
				'interviewer',
				'finding_withdraw',
				(w) => ({ p_id: w.findingB }),
				'not_found'
			],
			[
				'author in A withdraws an interview of B',
				'interviewer',
				'interview_withdraw',
				(w) => ({ p_interview_id: w.interviewB }),
				'not_allowed'
			],
			[
				'coordinator publishes a round of another organisation',
				'coordinator',
				'round_publish',
				(w) => ({ p_round_id: w.roundX.id }),
				'not_found'
			]
		];

		/** Round B as the attempts could have changed it. */
		const roundB = async () =>
			(
				await backend().sql(
					`select f.statement, f.withdrawn_at, v.consent_withdrawn_at, r.state,
						(select count(*)::int from app.evenings e where e.round_id = r.id) as evenings
					 from app.findings f join app.interviews v on v.id = f.interview_id
					 join app.rounds r on r.id = f.round_id where f.id = $1`,
					[w.findingB]
				)
			)[0];

		// Each attempt checks round B itself, so none relies on running after another.
		test.each(attempts)(
			'%s: refused, and round B is untouched',
			async (_what, role, fn, args, reason) => {
				const { data, error } = await backend().rpc(claimsFor(w, role), fn, args(w) as never);
				expect(error).toMatchObject({ message: reason });
				expect(JSON.stringify({ data, error })).not.toContain(w.secretB);
				expect(await roundB()).toEqual({
					statement: `Bevinding ${w.secretB}`,
					withdrawn_at: null,
					consent_withdrawn_at: null,
					state: 'veldwerk',
					evenings: 0
				});
			}
		);

		test.each<[string, (w: MatrixWorld) => Claims, string]>([
			[
				'sub of A, session of B',
				(w) => ({ role: 'authenticated', sub: w.author.id, session_id: w.interviewerB.sessionId }),
				'interviewer_me'
			],
			[
				'sub of B, session of A',
				(w) => ({ role: 'authenticated', sub: w.interviewerB.id, session_id: w.author.sessionId }),
				'my_findings'
			],
			[
				'coordinator, session of the other organisation',
				(w) => ({
					role: 'authenticated',
					sub: w.coordinator.id,
					session_id: w.otherCoordinator.sessionId
				}),
				'rounds_list'
			],
			[
				'interviewer id with a staff session',
				(w) => ({ role: 'authenticated', sub: w.author.id, session_id: w.coordinator.sessionId }),
				'my_findings'
			]
		])('a JWT mixing two sessions (%s) opens nothing', async (_what, claims, fn) => {
			const { data, error } = await backend().rpc(claims(w), fn);
			expect(error).toMatchObject({ code: '42501' });
			expect(data).toBeNull();
		});
	});

	describe('guessing join codes', () => {
		let w: MatrixWorld;
		beforeAll(async () => {
			w = await createMatrixWorld(backend());
		});
		const join = (code: string, key: string) =>
			backend().rpc(SERVICE, 'session_join', {
				p_code: code,
				p_display_name: 'Raadster',
				p_client_key: key
			});
		const dashedLower = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase();

		test('ten wrong codes in any spelling block the client, the right code included', async () => {
			const key = `guess-${w.clientKey}`;
			const wrong = ['abcd-efgh', 'ABCDEFGH', ' ab cd ef gh ', 'Abcd-Efgh', 'ZZZZ-ZZZZ'];
			for (let i = 0; i < 10; i++) {
				expect((await join(wrong[i % wrong.length], key)).data).toEqual({
					error: 'join_code_unknown'
				});
			}
			for (const code of [w.roundA.joinCode, dashedLower(w.roundA.joinCode), 'abcd-efgh']) {
				const { data, error } = await join(code, key);
				expect({ code, data, error: error?.message }).toEqual({
					code,
					data: null,
					error: 'rate_limited'
				});
			}
			// A correct code of a round outside fieldwork is refused as rate_limited too, so a
			// blocked client cannot use round_not_open to learn that a code exists.
			expect((await join(w.roundC.joinCode, key)).error).toMatchObject({ message: 'rate_limited' });
			// Another client is not blocked.
			const other = await join(dashedLower(w.roundA.joinCode), `other-${w.clientKey}`);
			expect(other.error).toBeNull();
			expect(other.data).toMatchObject({ round_id: w.roundA.id });
		});
	});

	describe('the chain and the audit trail are append-only, even for the superuser', () => {
		let w: MatrixWorld;
		beforeAll(async () => {
			w = await createMatrixWorld(backend());
		});

		test.each([
			['update app.chain_entries set content_hash = repeat($$0$$, 64) where round_id = $1'],
			['delete from app.chain_entries where round_id = $1'],
			['update app.audit_events set actor_name = $$Niemand$$ where round_id = $1'],
			['delete from app.audit_events where round_id = $1']
		])('%s is refused', async (statement) => {
			const before = await backend().sql(
				`select (select count(*)::int from app.chain_entries where round_id = $1) as chain,
					(select count(*)::int from app.audit_events where round_id = $1) as audit`,
				[w.roundA.id]
			);
			expect(before[0]).toMatchObject({ chain: expect.any(Number) as number });
			expect(Number((before[0] as { chain: number }).chain)).toBeGreaterThan(0);
			await expect(backend().sql(statement, [w.roundA.id])).rejects.toMatchObject({
				code: '42501',
				message: 'append_only'
			});
			expect(
				await backend().sql(
					`select (select count(*)::int from app.chain_entries where round_id = $1) as chain,
						(select count(*)::int from app.audit_events where round_id = $1) as audit`,
					[w.roundA.id]
				)
			).toEqual(before);
		});

		test.each(['app.chain_entries', 'app.audit_events'])(
			'truncate %s is refused',
			async (table) => {
				await expect(backend().sql(`truncate ${table} cascade`)).rejects.toMatchObject({
					code: '42501'
				});
			}
		);
	});
});
