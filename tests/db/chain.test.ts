// Promise 3, "provable": every submission and change enters an append-only hash chain per round
// (supabase/CHAIN.md). The hashes are recomputed here from the contract (tests/db/chain.ts).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { verificationSchema } from '$lib/server/api/verification';
import { boardSchema } from '$lib/schemas/evening';
import { describeBackends } from './harness';
import {
	ANON,
	SERVICE,
	createInterviewer,
	createWorld,
	identities,
	openEvening,
	uid,
	type World
} from './fixtures';
import {
	ZERO_HASH,
	chainOf,
	chainProblems,
	findingHash,
	findingSalt,
	fingerprintOf,
	interviewHash,
	type Entry
} from './chain';

type Verification = {
	sealed: boolean;
	round: Record<string, unknown>;
	fingerprint?: string | null;
	entries?: Entry[];
	findings?: Array<{
		id: string;
		statement: string | null;
		quote: string | null;
		theme: string | null;
		state: string;
	}>;
};

describeBackends('hash chain', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	const verification = async (code: string) => {
		const { data, error } = await backend().rpc(ANON, 'round_verification', {
			p_evening_code: code
		});
		expect(error).toBeNull();
		// The server wrapper's zod schema accepts exactly what the database returns.
		expect(verificationSchema.safeParse(data).error).toBeUndefined();
		return data as Verification;
	};

	test('the demo data has a valid chain: seed.sql rows entered it too', async () => {
		const v = await verification('JONG27');
		expect(v.sealed).toBe(false);
		expect(v.entries!.length).toBe(15); // 7 interviews + 8 findings
		expect(chainProblems(v.round.id as string, v.entries!, v.fingerprint!, v.findings)).toEqual([]);
		expect(v.entries![0].prev_hash).toBe(ZERO_HASH);
	});

	test('the fixture world already has entries: an interview, then a finding', async () => {
		const chain = await chainOf(backend(), w.roundA.id);
		expect(chain.map((e) => [e.kind, e.subject_id])).toEqual([
			['interview_submitted', w.interviewId],
			['finding_submitted', w.findingId]
		]);
		expect(chainProblems(w.roundA.id, chain, fingerprintOf(chain[1].entry_hash))).toEqual([]);
	});

	describe('each api action appends one entry with the right content hash', () => {
		let findingId: string;

		test('interview_submit → interview_submitted', async () => {
			const id = randomUUID();
			const before = (await chainOf(backend(), w.roundA.id)).length;
			const { error } = await backend().rpc(w.colleague.claims, 'interview_submit', {
				p_id: id,
				p_consent_form: 'mondeling',
				p_guardian_consent: false,
				p_interviewee_group: 'ouder',
				p_age_band: '24_plus',
				p_municipality_id: w.roundA.municipalityIds[0],
				p_answers: [
					{ question_id: w.roundA.questions.open, text: `Het ging “prima” ${uid()} — écht` },
					{ question_id: w.roundA.questions.scale, scale: 4 },
					{ question_id: w.roundA.questions.multi, choices: ['School', 'Buren'] }
				]
			});
			expect(error).toBeNull();
			const chain = await chainOf(backend(), w.roundA.id);
			expect(chain.length).toBe(before + 1);
			const last = chain.at(-1)!;
			expect(last).toMatchObject({ kind: 'interview_submitted', subject_id: id, seq: before + 1 });
			// The hash covers the answers: they were inserted after the interview row.
			expect(last.content_hash).toBe(await interviewHash(backend(), id));
			const [{ answers }] = await backend().sql<{ answers: string }>(
				`select app.interview_answers_text($1) as answers`,
				[id]
			);
			expect(JSON.parse(answers)).toHaveLength(3);
			// Sending it again changes nothing (idempotent): no second entry.
			await backend().rpc(w.colleague.claims, 'interview_submit', {
				p_id: id,
				p_consent_form: 'mondeling',
				p_guardian_consent: false,
				p_interviewee_group: 'ouder',
				p_age_band: '24_plus',
				p_municipality_id: w.roundA.municipalityIds[0],
				p_answers: []
			});
			expect((await chainOf(backend(), w.roundA.id)).length).toBe(before + 1);
		});

		test('finding_create → finding_submitted', async () => {
			findingId = randomUUID();
			const statement = `Wachten duurt te lang, zegt 👩‍👧 ${uid()}`;
			const { error } = await backend().rpc(w.colleague.claims, 'finding_create', {
				p_id: findingId,
				p_statement: statement,
				p_quote: 'Ik wachtte vier maanden.',
				p_theme: 'Wachttijd',
				p_interview_id: null
			});
			expect(error).toBeNull();
			const last = (await chainOf(backend(), w.roundA.id)).at(-1)!;
			expect(last).toMatchObject({ kind: 'finding_submitted', subject_id: findingId });
			expect(last.content_hash).toBe(
				findingHash({
					id: findingId,
					salt: await findingSalt(backend(), findingId),
					statement,
					quote: 'Ik wachtte vier maanden.',
					theme: 'Wachttijd'
				})
			);
		});

		test('finding_update → finding_corrected (and nothing when the text did not change)', async () => {
			const statement = `Verbeterd: wachten duurt te lang ${uid()}`;
			const update = () =>
				backend().rpc(w.colleague.claims, 'finding_update', {
					p_id: findingId,
					p_statement: statement,
					p_quote: null,
					p_theme: null
				});
			expect((await update()).error).toBeNull();
			const chain = await chainOf(backend(), w.roundA.id);
			expect(chain.at(-1)).toMatchObject({
				kind: 'finding_corrected',
				subject_id: findingId,
				content_hash: findingHash({
					id: findingId,
					salt: await findingSalt(backend(), findingId),
					statement,
					quote: null,
					theme: null
				})
			});
			expect((await update()).error).toBeNull();
			expect((await chainOf(backend(), w.roundA.id)).length).toBe(chain.length);
		});

		test('finding_withdraw → finding_withdrawn with the hash of the withdrawn version', async () => {
			const before = await chainOf(backend(), w.roundA.id);
			const corrected = before.at(-1)!;
			const { error } = await backend().rpc(w.colleague.claims, 'finding_withdraw', {
				p_id: findingId
			});
			expect(error).toBeNull();
			const chain = await chainOf(backend(), w.roundA.id);
			expect(chain.length).toBe(before.length + 1);
			expect(chain.at(-1)).toMatchObject({
				kind: 'finding_withdrawn',
				subject_id: findingId,
				content_hash: corrected.content_hash
			});
		});

		test('a refused call appends nothing', async () => {
			const before = (await chainOf(backend(), w.roundA.id)).length;
			const { error } = await backend().rpc(w.colleague.claims, 'finding_update', {
				p_id: w.findingId,
				p_statement: 'Overschreven door iemand anders',
				p_quote: null,
				p_theme: null
			});
			expect(error).not.toBeNull();
			expect((await chainOf(backend(), w.roundA.id)).length).toBe(before);
		});

		test('the whole chain still recomputes', async () => {
			const chain = await chainOf(backend(), w.roundA.id);
			expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
			expect(chainProblems(w.roundA.id, chain, fingerprintOf(chain.at(-1)!.entry_hash))).toEqual(
				[]
			);
		});
	});

	test('concurrent submissions get seq 1…n without gaps or repeats', async () => {
		// Round B of a fresh world has no entries yet; four people submit at once.
		const round = (await createWorld(backend())).roundB;
		const people = await Promise.all(
			Array.from({ length: 4 }, () => createInterviewer(backend(), round.id))
		);
		const calls = Array.from({ length: 24 }, (_, i) =>
			backend().rpc(people[i % people.length].claims, 'finding_create', {
				p_id: randomUUID(),
				p_statement: `Gelijktijdige bevinding ${i} ${uid()}`,
				p_quote: null,
				p_theme: null,
				p_interview_id: null
			})
		);
		const results = await Promise.all(calls);
		expect(results.filter((r) => r.error)).toEqual([]);
		const chain = await chainOf(backend(), round.id);
		expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
		expect(chain.filter((e) => e.kind === 'finding_submitted').length).toBe(24);
		expect(chainProblems(round.id, chain, fingerprintOf(chain.at(-1)!.entry_hash))).toEqual([]);
	});

	describe('append-only for every role, the superuser included', () => {
		const ROLES: Array<[string, (w: World) => Claims]> = [
			['anon', () => ANON],
			['authenticated (the author)', (w) => w.author.claims],
			['authenticated (the coordinator)', (w) => w.coordinator.claims],
			['service_role', () => SERVICE]
		];
		const STATEMENTS = {
			update: `update app.chain_entries set content_hash = repeat('a', 64) where round_id = $1`,
			delete: `delete from app.chain_entries where round_id = $1`,
			insert: `insert into app.chain_entries (round_id, seq, kind, subject_id, content_hash, prev_hash, at, entry_hash)
				values ($1, 99, 'finding_submitted', gen_random_uuid(), repeat('a', 64), repeat('0', 64),
					'2026-01-01T00:00:00.000000Z', repeat('b', 64))`
		};

		test.each(ROLES)('%s: update, delete, insert and truncate are refused', async (_, who) => {
			const before = await chainOf(backend(), w.roundA.id);
			for (const sql of Object.values(STATEMENTS)) {
				const { error } = await backend().asRole(who(w), sql, [w.roundA.id]);
				expect(error?.code).toBe('42501');
			}
			const truncate = await backend().asRole(who(w), `truncate app.chain_entries`);
			expect(truncate.error?.code).toBe('42501');
			const read = await backend().asRole(who(w), `select * from app.chain_entries`);
			if (who(w).role !== 'service_role') expect(read.error?.code).toBe('42501');
			expect(await chainOf(backend(), w.roundA.id)).toEqual(before);
		});

		test('superuser: update, delete and truncate are refused by the table itself', async () => {
			const before = await chainOf(backend(), w.roundA.id);
			for (const sql of [STATEMENTS.update, STATEMENTS.delete]) {
				await expect(backend().sql(sql, [w.roundA.id])).rejects.toMatchObject({
					message: 'append_only'
				});
			}
			await expect(backend().sql(`truncate app.chain_entries`)).rejects.toMatchObject({
				message: 'append_only'
			});
			// Not even with the replication role, which skips ordinary triggers.
			await expect(
				backend().sql(
					`set session_replication_role = replica;
					 delete from app.chain_entries where round_id = '${w.roundA.id}';`
				)
			).rejects.toMatchObject({ message: 'append_only' });
			await backend().sql(`set session_replication_role = origin`);
			expect(await chainOf(backend(), w.roundA.id)).toEqual(before);
		});

		test('superuser: an inserted row is chained by the database, not by the insert', async () => {
			const world = await createWorld(backend());
			await backend().sql(STATEMENTS.insert, [world.roundA.id]);
			const chain = await chainOf(backend(), world.roundA.id);
			expect(chain.at(-1)!.seq).toBe(chain.length);
			expect(chain.at(-1)!.entry_hash).not.toBe('b'.repeat(64));
			expect(
				chainProblems(world.roundA.id, chain, fingerprintOf(chain.at(-1)!.entry_hash))
			).toEqual([]);
		});
	});

	describe('fingerprint and round_verification', () => {
		let world: World;
		beforeAll(async () => {
			world = await createWorld(backend());
		});

		test('before the evening: no fingerprint on the board, verification sealed for everyone', async () => {
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: world.roundA.eveningCode
			});
			expect(board.error).toBeNull();
			expect(board.data).toHaveProperty('fingerprint', null);
			for (const [who, claims] of Object.entries(identities(world))) {
				const { data, error } = await backend().rpc(claims, 'round_verification', {
					p_evening_code: world.roundA.eveningCode
				});
				expect({ who, error }).toEqual({ who, error: null });
				expect(verificationSchema.safeParse(data).error).toBeUndefined();
				expect(data).toEqual({
					sealed: true,
					round: {
						title: expect.any(String),
						evening_code: world.roundA.eveningCode,
						state: 'veldwerk'
					}
				});
				expect(JSON.stringify(data)).not.toContain(world.secret);
			}
		});

		test('after opening: the board shows the head as fingerprint; verification is complete', async () => {
			await openEvening(backend(), world);
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: world.roundA.eveningCode.toLowerCase()
			});
			const chain = await chainOf(backend(), world.roundA.id);
			const fingerprint = (board.data as { fingerprint: string }).fingerprint;
			expect(fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
			expect(fingerprint).toBe(fingerprintOf(chain.at(-1)!.entry_hash));
			expect(boardSchema.parse(board.data).fingerprint).toBe(fingerprint);

			const v = await verification(world.roundA.eveningCode);
			expect(v.sealed).toBe(false);
			expect(v.round).toEqual({
				id: world.roundA.id,
				title: expect.any(String),
				evening_code: world.roundA.eveningCode,
				state: 'avond'
			});
			expect(v.fingerprint).toBe(fingerprint);
			expect(v.entries).toEqual(chain);
			expect(v.findings).toEqual([
				{
					id: world.findingId,
					statement: `Bevinding ${world.secret}`,
					quote: `Citaat ${world.secret}`,
					theme: 'Wachttijd',
					salt: await findingSalt(backend(), world.findingId),
					state: 'published'
				}
			]);
			expect(chainProblems(world.roundA.id, v.entries!, v.fingerprint!, v.findings)).toEqual([]);
		});

		test('a withdrawn finding shows as withdrawn, without text; the chain still verifies', async () => {
			const { error } = await backend().rpc(world.author.claims, 'finding_withdraw', {
				p_id: world.findingId
			});
			expect(error).toBeNull();
			const v = await verification(world.roundA.eveningCode);
			expect(v.findings).toEqual([
				{
					id: world.findingId,
					statement: null,
					quote: null,
					theme: 'Wachttijd',
					salt: null,
					state: 'withdrawn'
				}
			]);
			expect(v.entries!.at(-1)!.kind).toBe('finding_withdrawn');
			expect(chainProblems(world.roundA.id, v.entries!, v.fingerprint!, v.findings)).toEqual([]);
			expect(JSON.stringify(v)).not.toContain(world.secret);
		});

		test('a tampered finding text is caught by the recomputation', async () => {
			const v = await verification('JONG27');
			const findings = v.findings!.map((f, i) =>
				i === 0 ? { ...f, statement: `${f.statement} (aangepast)` } : f
			);
			expect(chainProblems(v.round.id as string, v.entries!, v.fingerprint!, findings)).toEqual([
				`finding ${findings[0].id}: content differs`
			]);
		});

		test('an unknown evening code is not_found', async () => {
			const { error } = await backend().rpc(ANON, 'round_verification', {
				p_evening_code: 'ZZZZZZ'
			});
			expect(error).toMatchObject({ code: 'P0002', message: 'not_found' });
		});
	});
});
