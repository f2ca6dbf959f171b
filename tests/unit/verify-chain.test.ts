// verifyChain on synthetic rounds: honest says ok; every way of tampering is caught and named.
import { describe, expect, it, vi } from 'vitest';
import { verifyChain } from '$lib/verify/index.js';
import {
	contentHash,
	fingerprint,
	hashEntry,
	honestRound,
	relink,
	type Round
} from './verify-chain-fixture';

const codes = async (round: unknown, shown?: string) =>
	(await verifyChain(round, shown)).problems.map((p) => p.code);

describe('an honest round', () => {
	it('says ok, with the fingerprint of its head and the counts per state', async () => {
		const round = honestRound();
		const verdict = await verifyChain(round, round.fingerprint);
		expect(verdict.problems).toEqual([]);
		expect(verdict.ok).toBe(true);
		expect(verdict.fingerprint).toBe(round.fingerprint);
		expect(verdict.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
		expect(verdict.counts).toEqual({ entries: 9, published: 2, withdrawn: 1, erased: 1 });
	});

	it('accepts the fingerprint as typed by a person (lower case, spaces)', async () => {
		const round = honestRound();
		const typed = round.fingerprint.toLowerCase().replace(/-/g, ' ');
		expect((await verifyChain(round, typed)).ok).toBe(true);
	});

	it('a round without entries is ok and has no fingerprint', async () => {
		const verdict = await verifyChain({
			...honestRound(),
			fingerprint: null,
			entries: [],
			findings: []
		});
		expect(verdict).toMatchObject({ ok: true, fingerprint: null });
	});

	it('withdrawn and erased findings have no text left and are still ok', async () => {
		const round = honestRound();
		expect(round.findings.filter((f) => f.state !== 'published').every((f) => !f.statement)).toBe(
			true
		);
		expect((await verifyChain(round)).ok).toBe(true);
	});
});

describe('tampering', () => {
	it('a changed finding text names that finding, with the start of its text', async () => {
		const round: Round = honestRound();
		round.findings[0].statement = 'Wachten valt eigenlijk wel mee.';
		const verdict = await verifyChain(round);
		expect(verdict.ok).toBe(false);
		expect(verdict.problems).toEqual([
			expect.objectContaining({
				code: 'finding_changed',
				findingId: round.findings[0].id,
				statement: 'Wachten valt eigenlijk wel mee.',
				seq: 2
			})
		]);
		expect(verdict.problems[0].detail).toContain(round.findings[0].id);
	});

	it('a changed quote or theme is caught too', async () => {
		const quote = honestRound();
		quote.findings[0].quote = null;
		expect(await codes(quote)).toEqual(['finding_changed']);
		const theme = honestRound();
		theme.findings[1].theme = 'Wachttijd';
		expect(await codes(theme)).toEqual(['finding_changed']);
	});

	it('a removed entry fails at that seq', async () => {
		const round = honestRound();
		round.entries.splice(3, 1);
		const verdict = await verifyChain(round);
		expect(verdict.ok).toBe(false);
		expect(verdict.problems[0]).toMatchObject({ code: 'seq_missing', seq: 4 });
		expect(verdict.problems).toContainEqual(
			expect.objectContaining({ code: 'link_broken', seq: 5 })
		);
	});

	it('a fingerprint seen earlier in the evening is fine while the chain only grew', async () => {
		const round = honestRound();
		const seenAtSeven = fingerprint(round.entries[6].entry_hash);
		const verdict = await verifyChain(round, seenAtSeven);
		expect(verdict).toMatchObject({ ok: true, shownSeq: 7 });
		// What came after is told, not hidden: a correction after the evening must be visible.
		expect(verdict.sinceShown).toEqual({ finding_submitted: 1, interview_withdrawn: 1 });
		expect((await verifyChain(round, round.fingerprint)).shownSeq).toBe(9);
		expect((await verifyChain(round, round.fingerprint)).sinceShown).toEqual({});
		expect((await verifyChain(round)).shownSeq).toBeNull();
	});

	it('removing the last entry changes the fingerprint the board showed', async () => {
		const round = honestRound();
		const shown = round.fingerprint;
		round.entries.pop();
		round.fingerprint = fingerprint(round.entries.at(-1)!.entry_hash);
		expect(await codes(round, shown)).toEqual(['fingerprint_mismatch']);
	});

	it('reordered entries fail', async () => {
		const round = honestRound();
		[round.entries[2], round.entries[3]] = [round.entries[3], round.entries[2]];
		const verdict = await verifyChain(round);
		expect(verdict.ok).toBe(false);
		expect(verdict.problems[0]).toMatchObject({ code: 'seq_order', seq: 4 });
	});

	it('swapped seq numbers (the rows re-sorted) fail on the hashes and links', async () => {
		const round = honestRound();
		const [a, b] = [round.entries[2], round.entries[3]];
		round.entries[2] = { ...b, seq: 3 };
		round.entries[3] = { ...a, seq: 4 };
		const found = await codes(round);
		expect(found).toContain('entry_changed');
		expect(found).toContain('link_broken');
	});

	it('a forged huge seq costs no more work than a small one: only the first 20 gaps are named', async () => {
		// A seq of 10^9 must not keep a phone busy. The gap check looks each seq number up in a Map,
		// so counting those lookups measures its work; walking up to the forged number would make
		// 10^9 of them. Both forgeries below leave more than 20 gaps.
		const forged = async (seq: number) => {
			const round = honestRound();
			round.entries[8] = { ...round.entries[8], seq };
			const has = vi.spyOn(Map.prototype, 'has');
			try {
				const { problems } = await verifyChain(round);
				return { lookups: has.mock.calls.length, problems };
			} finally {
				has.mockRestore();
			}
		};
		const huge = await forged(1_000_000_000);
		const small = await forged(100);
		const missing = huge.problems.filter((p) => p.code === 'seq_missing');
		expect(missing[0]).toMatchObject({ seq: 9 });
		expect(missing.length).toBe(20);
		expect(
			small.lookups,
			'the gap check no longer uses Map.has: count its work another way'
		).toBeGreaterThan(20);
		expect(huge.lookups).toBe(small.lookups);
	});

	it('a duplicated seq is named', async () => {
		const round = honestRound();
		round.entries.splice(4, 0, { ...round.entries[3] });
		expect((await verifyChain(round)).problems[0]).toMatchObject({ code: 'seq_duplicate', seq: 4 });
	});

	it('a changed prev_hash fails at that entry', async () => {
		const round = honestRound();
		round.entries[5].prev_hash = 'f'.repeat(64);
		const verdict = await verifyChain(round);
		expect(verdict.problems).toContainEqual(
			expect.objectContaining({ code: 'link_broken', seq: 6 })
		);
		// Its own hash covers prev_hash, so that is named too.
		expect(verdict.problems).toContainEqual(
			expect.objectContaining({ code: 'entry_changed', seq: 6 })
		);
	});

	it('a changed entry_hash fails at that entry and breaks the next link', async () => {
		const round = honestRound();
		round.entries[2].entry_hash = 'e'.repeat(64);
		const verdict = await verifyChain(round);
		expect(verdict.problems).toEqual([
			expect.objectContaining({ code: 'entry_changed', seq: 3 }),
			expect.objectContaining({ code: 'link_broken', seq: 4 })
		]);
	});

	it('a whole chain rebuilt around a changed finding still differs from the board', async () => {
		// Someone with the database rewrites text and recomputes every hash: only the
		// fingerprint people saw on the wall can catch that, so it must be compared.
		const round = honestRound();
		const shown = round.fingerprint;
		round.findings[0].statement = 'Herschreven';
		const raw = round.entries.map(({ kind, subject_id, content_hash, at }) => ({
			kind,
			subject_id,
			at,
			content_hash:
				subject_id === round.findings[0].id ? contentHash(round.findings[0]) : content_hash
		}));
		round.entries = relink(raw);
		round.fingerprint = fingerprint(round.entries.at(-1)!.entry_hash);
		expect(await codes(round)).toEqual([]);
		const verdict = await verifyChain(round, shown);
		expect(verdict.problems).toEqual([
			expect.objectContaining({
				code: 'fingerprint_mismatch',
				expected: round.fingerprint,
				found: shown
			})
		]);
	});

	it('a fingerprint in the data that is not the head is reported', async () => {
		const round = honestRound();
		round.fingerprint = '0000-0000-0000-0000';
		expect(await codes(round)).toEqual(['fingerprint_mismatch']);
	});

	it('a finding that disappeared from the list is named by its id', async () => {
		const round = honestRound();
		const [gone] = round.findings.splice(0, 1);
		expect((await verifyChain(round)).problems).toEqual([
			expect.objectContaining({ code: 'finding_missing', findingId: gone.id, seq: 2 })
		]);
	});

	it('a withdrawn finding shown as published is caught', async () => {
		const round = honestRound();
		round.findings[2] = {
			...round.findings[2],
			statement: 'Later ingetrokken',
			state: 'published'
		};
		expect((await verifyChain(round)).problems[0]).toMatchObject({
			code: 'finding_withdrawn_in_chain',
			findingId: round.findings[2].id,
			seq: 7
		});
	});

	it('a finding hidden as withdrawn without a withdrawal in the chain is named', async () => {
		const round = honestRound();
		round.findings[0] = { ...round.findings[0], statement: null, quote: null, state: 'withdrawn' };
		expect((await verifyChain(round)).problems).toEqual([
			expect.objectContaining({ code: 'finding_hidden', findingId: round.findings[0].id, seq: 2 })
		]);
	});

	it('a finding erased before the round is archived is named (erasure leaves no entry)', async () => {
		const round = honestRound();
		round.round.state = 'avond';
		const erased = round.findings.find((f) => f.state === 'erased')!;
		expect((await verifyChain(round)).problems).toEqual([
			expect.objectContaining({ code: 'finding_erased_early', findingId: erased.id })
		]);
	});

	it('a published finding the chain never recorded is caught', async () => {
		const round = honestRound();
		round.findings.push({
			id: 'extra',
			statement: 'Nooit ingediend',
			quote: null,
			theme: null,
			state: 'published'
		});
		expect((await verifyChain(round)).problems[0]).toMatchObject({
			code: 'finding_unrecorded',
			findingId: 'extra',
			statement: 'Nooit ingediend'
		});
	});

	it('an entry hashed for another round fails', async () => {
		const round = honestRound();
		const other = { ...round.entries[0] };
		other.entry_hash = hashEntry(other, '0c000000-0000-4000-8000-000000000999');
		round.entries[0] = other;
		expect(await codes(round)).toContain('entry_changed');
	});

	it('data in the wrong shape is one calm problem, not a crash', async () => {
		for (const bad of [
			null,
			'x',
			{},
			{ round: { id: 'r' }, entries: [{ seq: '1' }], findings: [] }
		]) {
			expect(await codes(bad)).toEqual(['malformed']);
		}
	});

	it('a long finding text is shortened to its start', async () => {
		const round = honestRound();
		round.findings[0].statement = 'x'.repeat(300);
		const [problem] = (await verifyChain(round)).problems;
		expect(problem.statement!.length).toBeLessThanOrEqual(80);
		expect(problem.statement!.endsWith('…')).toBe(true);
	});
});
