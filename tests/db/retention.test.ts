// Retention: after published_at + retention_months, free text is erased and the round archived.
// Counts, scale and choice answers, the chain and its fingerprint stay; the run is idempotent.
// The clock is an argument (p_now), so these tests move it instead of waiting a year.
import { beforeAll, describe, expect, test } from 'vitest';
import { retentionResultSchema } from '$lib/server/api/retention';
import { describeBackends } from './harness';
import { ANON, SERVICE, createWorld, openEvening, type World } from './fixtures';
import { chainOf, chainProblems, type Entry } from './chain';

const MONTH = 31 * 24 * 3600 * 1000;

describeBackends('retention', (backend) => {
	let w: World;
	let publishedAt: Date;
	let chainBefore: Entry[];

	const run = async (now: Date) => {
		const { data, error } = await backend().rpc(SERVICE, 'retention_run', {
			p_now: now.toISOString()
		});
		expect(error).toBeNull();
		return retentionResultSchema.parse(data);
	};

	/** Everything retention may touch in round A, as superuser. */
	const state = async () => {
		const [row] = await backend().sql<Record<string, unknown>>(
			`select r.state,
				(select json_agg(json_build_object('statement', f.statement, 'quote', f.quote,
					'theme', f.theme, 'erased', f.erased_at is not null) order by f.id)
				 from app.findings f where f.round_id = r.id) as findings,
				(select json_agg(json_build_object('text', a.text_value, 'scale', a.scale_value,
					'choices', a.choices) order by a.question_id)
				 from app.answers a join app.interviews v on v.id = a.interview_id
				 where v.round_id = r.id) as answers,
				app.round_counts(r.id) as counts,
				app.chain_fingerprint(r.id) as fingerprint
			 from app.rounds r where r.id = $1`,
			[w.roundA.id]
		);
		return row;
	};

	beforeAll(async () => {
		w = await createWorld(backend());
		await openEvening(backend(), w);
		for (const [who, fn] of [
			[w.presenter.claims, 'evening_close'],
			[w.coordinator.claims, 'round_publish']
		] as const) {
			const { error } = await backend().rpc(who, fn, { p_round_id: w.roundA.id });
			expect(error).toBeNull();
		}
		const [row] = await backend().sql<{ published_at: Date }>(
			`select published_at from app.rounds where id = $1`,
			[w.roundA.id]
		);
		publishedAt = new Date(row.published_at);
		chainBefore = await chainOf(backend(), w.roundA.id);
	});

	test('only the server (service_role) may run it', async () => {
		for (const who of [ANON, w.coordinator.claims, w.author.claims, w.presenter.claims]) {
			const { error } = await backend().rpc(who, 'retention_run', {
				p_now: new Date(Date.now() + 100 * 12 * MONTH).toISOString()
			});
			expect(error?.code).toBe('42501');
		}
		expect((await state()).state).toBe('gepubliceerd');
	});

	test('before the retention period ends, nothing changes', async () => {
		const before = await state();
		expect(before.state).toBe('gepubliceerd');
		const result = await run(new Date(publishedAt.getTime() + 11 * MONTH));
		expect(result.rounds_archived).toBe(0);
		expect(await state()).toEqual(before);
	});

	describe('after it ends', () => {
		let before: Record<string, unknown>;
		let result: Awaited<ReturnType<typeof run>>;
		const later = () => new Date(publishedAt.getTime() + 13 * MONTH);

		beforeAll(async () => {
			before = await state();
			result = await run(later());
		});

		test('the round is archived and reports what it erased', async () => {
			expect(result.rounds_archived).toBeGreaterThanOrEqual(1);
			expect(result.findings_erased).toBeGreaterThanOrEqual(1);
			expect(result.answers_erased).toBeGreaterThanOrEqual(1);
			expect((await state()).state).toBe('gearchiveerd');
		});

		test('free text is gone: statements, quotes, open answers', async () => {
			const after = await state();
			expect(after.findings).toEqual([
				{ statement: null, quote: null, theme: 'Wachttijd', erased: true }
			]);
			// Scale and choice answers stay; the open answer (with the secret) is removed.
			expect(after.answers).toHaveLength(2);
			expect(after.answers).toEqual(
				expect.arrayContaining([
					{ text: null, scale: 2, choices: null },
					{ text: null, scale: null, choices: ['Soms'] }
				])
			);
			expect(JSON.stringify(after)).not.toContain(w.secret);
		});

		test('counts and fingerprint stay; no chain entry was added or changed', async () => {
			const after = await state();
			expect(after.counts).toEqual(before.counts);
			expect(after.fingerprint).toBe(before.fingerprint);
			expect(await chainOf(backend(), w.roundA.id)).toEqual(chainBefore);
		});

		test('verification still says "klopt" and reports the finding as erased', async () => {
			const { data } = await backend().rpc(ANON, 'round_verification', {
				p_evening_code: w.roundA.eveningCode
			});
			const v = data as {
				fingerprint: string;
				entries: Entry[];
				round: { state: string };
				findings: Array<{
					id: string;
					statement: string | null;
					quote: string | null;
					theme: string | null;
					state: string;
				}>;
			};
			expect(v.round.state).toBe('gearchiveerd');
			expect(v.findings).toEqual([
				{
					id: w.findingId,
					statement: null,
					quote: null,
					theme: 'Wachttijd',
					salt: null,
					state: 'erased'
				}
			]);
			expect(chainProblems(w.roundA.id, v.entries, v.fingerprint, v.findings)).toEqual([]);
			expect(JSON.stringify(v)).not.toContain(w.secret);
		});

		test('the public views show no erased text', async () => {
			const findings = await backend().rpc(ANON, 'evening_findings', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(findings.data).toEqual([]);
			const board = await backend().rpc(ANON, 'evening_board', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(JSON.stringify(board.data)).not.toContain(w.secret);
			expect(board.data).toMatchObject({ fingerprint: before.fingerprint });
		});

		test('a retention_run event is in the public audit trail, at the run’s clock', async () => {
			const { data } = await backend().rpc(ANON, 'round_audit', {
				p_evening_code: w.roundA.eveningCode
			});
			const events = (data as { events: Array<{ kind: string; at: string }> }).events;
			const runs = events.filter((e) => e.kind === 'retention_run');
			expect(runs).toHaveLength(1);
			expect(Date.parse(runs[0].at)).toBe(later().getTime());
		});

		test('running it again changes nothing (idempotent)', async () => {
			const snapshot = await state();
			const again = await run(new Date(later().getTime() + MONTH));
			expect(again).toEqual({ rounds_archived: 0, findings_erased: 0, answers_erased: 0 });
			expect(await state()).toEqual(snapshot);
			expect(await chainOf(backend(), w.roundA.id)).toEqual(chainBefore);
		});
	});

	test('a shorter retention period (retention_months) is honoured', async () => {
		const other = await createWorld(backend());
		await openEvening(backend(), other);
		await backend().rpc(other.presenter.claims, 'evening_close', { p_round_id: other.roundA.id });
		await backend().rpc(other.coordinator.claims, 'round_publish', {
			p_round_id: other.roundA.id
		});
		await backend().sql(`update app.rounds set retention_months = 1 where id = $1`, [
			other.roundA.id
		]);
		const stateOf = async () =>
			(
				await backend().sql<{ state: string }>(`select state from app.rounds where id = $1`, [
					other.roundA.id
				])
			)[0].state;
		await run(new Date(Date.now() + 0.5 * MONTH));
		expect(await stateOf()).toBe('gepubliceerd');
		await run(new Date(Date.now() + 1.5 * MONTH));
		expect(await stateOf()).toBe('gearchiveerd');
	});

	test('retention_months must lie between 1 and 120', async () => {
		for (const months of [0, 121]) {
			await expect(
				backend().sql(`update app.rounds set retention_months = $2 where id = $1`, [
					w.roundB.id,
					months
				])
			).rejects.toMatchObject({ code: '23514' });
		}
	});
});
