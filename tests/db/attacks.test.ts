// Attacks through the real call path (supabase-js → PostgREST or the embedded route → Postgres):
// crafted arguments against every api function while the content is sealed, replayed sessions,
// one round's session against another round's ids, and the append-only logs. Every check looks
// at the result AND the error (message, details, hint), and at what the server would make of it.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { toApiError } from '$lib/server/api/rpc';
import { KNOWN_REASONS } from '$lib/server/api/errors';
import { describeBackends, type Backend } from './harness';
import { SERVICE } from './fixtures';
import { craftedValues } from './attack-values';
import { ANON_EXECUTABLE } from './matrix/expectations';
import { FUNCTION_ARGUMENTS } from './matrix/function-arguments';
import { claimsFor, createMatrixWorld, type MatrixWorld, type Role } from './matrix/roles';

type Signature = { name: string; args: Array<{ name: string; type: string }> };

async function apiSignatures(b: Backend): Promise<Signature[]> {
	const rows = await b.sql<{ name: string; names: string[] | null; types: string | null }>(`
		select p.proname as name, p.proargnames as names,
			(select string_agg(format_type(t, null), ',' order by i)
				from unnest(p.proargtypes) with ordinality as a (t, i)) as types
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where n.nspname = 'api' order by 1`);
	return rows.map((r) => ({
		name: r.name,
		args: (r.types ? r.types.split(',') : []).map((type, i) => ({ name: r.names![i], type }))
	}));
}

/**
 * Call every api function as `who`, once per crafted value per argument (the other arguments
 * meaningful), and return every call whose result or error carries one of `secrets`, or whose
 * error the server would pass on as anything but a known reason code.
 */
async function probe(
	b: Backend,
	w: MatrixWorld,
	role: Role,
	secrets: string[],
	only?: (fn: string) => boolean
) {
	const who: Claims = claimsFor(w, role);
	const attempts = (await apiSignatures(b))
		.filter((fn) => !only || only(fn.name))
		.flatMap((fn) => {
			const base = FUNCTION_ARGUMENTS[fn.name](w, role);
			// The meaningful call, then one crafted value at a time.
			return [
				{ fn: fn.name, where: `${fn.name}()`, args: base },
				...fn.args.flatMap((arg) =>
					craftedValues(w, arg.type).map(({ label, value }) => ({
						fn: fn.name,
						where: `${fn.name}(${arg.name} = ${label})`,
						args: { ...base, [arg.name]: value }
					}))
				)
			];
		});
	const problems: string[] = [];
	// A few calls in flight at once: the order of the calls does not decide what may leak.
	for (let i = 0; i < attempts.length; i += 8) {
		await Promise.all(
			attempts.slice(i, i + 8).map(async ({ fn, where, args }) => {
				const { data, error } = await b.rpc(who, fn, args);
				const seen = JSON.stringify({ data, error });
				if (secrets.some((s) => seen.includes(s))) problems.push(`${where} shows sealed text`);
				if (error && !KNOWN_REASONS.includes(toApiError(error).reason)) {
					problems.push(`${where} would reach the browser as "${toApiError(error).reason}"`);
				}
			})
		);
	}
	const calls = attempts.length;
	problems.sort();
	return { problems, calls };
}

describeBackends('attacks', (backend) => {
	// A probe calls every function with meaningful arguments, so it changes its world (the
	// coordinator's revokes the author, the presenter's opens round A's evening): every probe
	// below gets a world of its own, and no test depends on which ran before it.
	describe('crafted arguments against every api function while round A is sealed', () => {
		test('the probe can see a leak: the author calling the same functions sees their text', async () => {
			const w = await createMatrixWorld(backend());
			// Only the reading functions: the author's own probe would otherwise withdraw the finding.
			const { problems } = await probe(backend(), w, 'interviewer', [w.secret], (fn) =>
				fn.startsWith('my_')
			);
			expect(problems).toContain('my_findings() shows sealed text');
		});

		// Interviewers legitimately read their own round's text; the presenter reads round A's.
		test.each<[Role, (w: MatrixWorld) => string[]]>([
			['audience', (w) => [w.secret, w.secretB, w.secretX]],
			['coordinator', (w) => [w.secret, w.secretB, w.secretX]],
			['councillor', (w) => [w.secret, w.secretB, w.secretX]],
			['other-org coordinator', (w) => [w.secret, w.secretB, w.secretX]],
			['other-round interviewer', (w) => [w.secret, w.secretX]],
			['other-org interviewer', (w) => [w.secret, w.secretB]],
			['presenter', (w) => [w.secretB, w.secretX]]
		])('%s: no sealed text in any result or error', async (role, secrets) => {
			const w = await createMatrixWorld(backend());
			const { problems, calls } = await probe(backend(), w, role, secrets(w));
			expect(problems).toEqual([]);
			expect(calls).toBeGreaterThan(500);
		});
	});

	describe('after round A opened, the other rounds stay sealed', () => {
		const openedWorld = async () => {
			const w = await createMatrixWorld(backend());
			const { error } = await backend().rpc(w.presenter.claims, 'evening_open', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
			return w;
		};

		test.each<Role>(['audience', 'coordinator', 'other-org coordinator'])(
			'%s: no text of round B or of the other organisation',
			async (role) => {
				const w = await openedWorld();
				const { problems } = await probe(backend(), w, role, [w.secretB, w.secretX]);
				expect(problems).toEqual([]);
			}
		);

		test("round A's text is now public (so the probe above is not blind)", async () => {
			const w = await openedWorld();
			const { problems } = await probe(backend(), w, 'audience', [w.secret]);
			expect(problems).toContain('evening_findings() shows sealed text');
			expect(problems).toContain(
				'evening_findings(p_evening_code = the evening code) shows sealed text'
			);
		});
	});

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
