// Promise 3 against the real database: the seeded evening JONG27 verifies, and a superuser who
// edits a finding, deletes a chain entry or reorders entries (switching the append-only triggers
// off for the attack) is caught by the very verifier the page and the CLI run.
import { beforeAll, describe, expect, test } from 'vitest';
import { changesAfterOpening } from '$lib/verify/after-opening.js';
import { verifyChain } from '$lib/verify/index.js';
import { describeBackends, type Backend } from './harness';
import { ANON } from './fixtures';

const ROUND = '0c000000-0000-4000-8000-000000000002';
const FINDING = '10000000-0000-4000-8000-000000000201';
const HONEST = 'Hulpverleners praten vaak meer met ouders dan met de jongere zelf.';
const QUOTE = 'Vraag het gewoon aan ons.';

/** The chain's guards, back as the migration left them (ALWAYS: also in replica mode). */
const GUARDS_ON = ['compute', 'refuse_change', 'refuse_truncate']
	.map((name) => `alter table app.chain_entries enable always trigger chain_entries_${name};`)
	.join('\n');

async function verification(b: Backend) {
	const { data, error } = await b.rpc(ANON, 'round_verification', { p_evening_code: 'JONG27' });
	expect(error).toBeNull();
	return data as { fingerprint: string; entries: { seq: number; kind: string }[] };
}

/** Runs an attack on the chain table with its triggers off, then puts the guards back. */
const onChain = (b: Backend, sql: string) =>
	b.sql(`alter table app.chain_entries disable trigger user;\n${sql}\n${GUARDS_ON}`);

describeBackends('verifying the seeded evening', (backend) => {
	let shown = '';
	beforeAll(async () => {
		const board = await backend().rpc(ANON, 'evening_board', { p_evening_code: 'JONG27' });
		shown = (board.data as { fingerprint: string }).fingerprint;
	});

	test('the honest round says klopt, with the fingerprint the board shows', async () => {
		const data = await verification(backend());
		const verdict = await verifyChain(data, shown);
		expect(verdict.problems).toEqual([]);
		expect(verdict).toMatchObject({ ok: true, fingerprint: shown });
		expect(shown).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
		expect(verdict.counts.published).toBe(8);
		// Seven interviews and eight findings of the demo, all in the chain.
		expect(verdict.counts.entries).toBe(15);
	});

	test('the chain refuses a delete while its guards are on', async () => {
		await expect(
			backend().sql(`delete from app.chain_entries where round_id = '${ROUND}' and seq = 3`)
		).rejects.toThrow(/append_only/);
	});

	describe('attacks as superuser', () => {
		test('a finding edited behind the chain is named, with its new text', async () => {
			// Replica mode skips the trigger that would have recorded the edit as a correction.
			await backend().sql(
				`set session_replication_role = replica;
				 update app.findings set statement = 'Hulpverleners luisteren altijd goed.' where id = '${FINDING}';
				 set session_replication_role = origin;`
			);
			try {
				const verdict = await verifyChain(await verification(backend()), shown);
				expect(verdict.ok).toBe(false);
				expect(verdict.problems).toEqual([
					expect.objectContaining({
						code: 'finding_changed',
						findingId: FINDING,
						statement: 'Hulpverleners luisteren altijd goed.'
					})
				]);
			} finally {
				await backend().sql(
					`set session_replication_role = replica;
					 update app.findings set statement = '${HONEST}' where id = '${FINDING}';
					 set session_replication_role = origin;`
				);
			}
			expect((await verifyChain(await verification(backend()), shown)).ok).toBe(true);
		});

		test('a finding hidden as withdrawn behind the chain is named', async () => {
			const set = (values: string) =>
				backend().sql(
					`set session_replication_role = replica;
					 update app.findings set ${values} where id = '${FINDING}';
					 set session_replication_role = origin;`
				);
			// What finding_withdraw would do, minus the chain entry it would have caused.
			await set(`statement = null, quote = null, withdrawn_at = now()`);
			try {
				const verdict = await verifyChain(await verification(backend()), shown);
				expect(verdict.problems).toEqual([
					expect.objectContaining({ code: 'finding_hidden', findingId: FINDING })
				]);
			} finally {
				await set(`statement = '${HONEST}', quote = '${QUOTE}', withdrawn_at = null`);
			}
			expect((await verifyChain(await verification(backend()), shown)).ok).toBe(true);
		});

		test('a plain edit through the database is refused', async () => {
			await expect(
				backend().sql(
					`update app.findings set statement = 'Stil herschreven.' where id = '${FINDING}'`
				)
			).rejects.toThrow(/not_allowed/);
			expect((await verifyChain(await verification(backend()), shown)).ok).toBe(true);
		});

		test('the api permission alone no longer opens a finding once the evening is open', async () => {
			await expect(
				backend().sql(
					`select set_config('klankbord.finding_write', 'on', true);
					 update app.findings set statement = 'Stil herschreven.' where id = '${FINDING}';`
				)
			).rejects.toThrow(/findings_frozen/);
		});

		test('an edit with the guard switched off is recorded as a change after the shown fingerprint, and after the opening', async () => {
			// Someone who holds the database can always switch the guard off; then the edit enters
			// the chain: verification says klopt, but the fingerprint moves, and the page says what
			// came after the one shown in the hall and that it came after the opening.
			await backend().sql(
				`begin;
				 alter table app.findings disable trigger findings_guard;
				 set local klankbord.finding_write = 'on';
				 update app.findings set statement = 'Stil herschreven.' where id = '${FINDING}';
				 set constraints all immediate;
				 alter table app.findings enable trigger findings_guard;
				 commit;`
			);
			const data = await verification(backend());
			expect(changesAfterOpening(data as never)).toEqual([
				expect.objectContaining({ kind: 'finding_corrected', expected: false })
			]);
			const verdict = await verifyChain(data, shown);
			expect(verdict.ok).toBe(true);
			expect(verdict.fingerprint).not.toBe(shown);
			expect(verdict.shownSeq).toBe(15);
			expect(verdict.sinceShown).toEqual({ finding_corrected: 1 });
			shown = verdict.fingerprint!;
		});

		test('a deleted entry fails at that seq', async () => {
			const [saved] = await backend().sql(
				`select * from app.chain_entries where round_id = '${ROUND}' and seq = 5`
			);
			await onChain(
				backend(),
				`delete from app.chain_entries where round_id = '${ROUND}' and seq = 5;`
			);
			try {
				const verdict = await verifyChain(await verification(backend()), shown);
				expect(verdict.ok).toBe(false);
				expect(verdict.problems[0]).toMatchObject({ code: 'seq_missing', seq: 5 });
				expect(verdict.problems).toContainEqual(
					expect.objectContaining({ code: 'link_broken', seq: 6 })
				);
			} finally {
				const columns = Object.keys(saved);
				await onChain(
					backend(),
					`insert into app.chain_entries (${columns.join(', ')})
					 select * from json_populate_record(null::app.chain_entries, '${JSON.stringify(saved).replace(/'/g, "''")}');`
				);
			}
			expect((await verifyChain(await verification(backend()), shown)).ok).toBe(true);
		});

		test('two entries swapped in order fail', async () => {
			const swap = `update app.chain_entries set seq = 100000 where round_id = '${ROUND}' and seq = 3;
				update app.chain_entries set seq = 3 where round_id = '${ROUND}' and seq = 4;
				update app.chain_entries set seq = 4 where round_id = '${ROUND}' and seq = 100000;`;
			await onChain(backend(), swap);
			try {
				const verdict = await verifyChain(await verification(backend()), shown);
				expect(verdict.ok).toBe(false);
				const codes = verdict.problems.map((p) => p.code);
				expect(codes).toContain('entry_changed');
				expect(codes).toContain('link_broken');
				expect(verdict.problems).toContainEqual(
					expect.objectContaining({ code: 'entry_changed', seq: 3 })
				);
			} finally {
				await onChain(backend(), swap);
			}
			expect((await verifyChain(await verification(backend()), shown)).ok).toBe(true);
		});
	});
});
