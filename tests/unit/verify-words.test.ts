// Every problem verifyChain can report reaches a person as its own sentence, naming the item.
import { describe, expect, it } from 'vitest';
import { verifyChain } from '$lib/verify/index.js';
import { problemText } from '../../src/routes/verifieer/[code]/problem-text';
import type { Problem, ProblemCode } from '$lib/verify/chain.js';
import { honestRound } from './verify-chain-fixture';

const CODES: ProblemCode[] = [
	'malformed',
	'seq_missing',
	'seq_duplicate',
	'seq_order',
	'link_broken',
	'entry_changed',
	'finding_changed',
	'finding_unrecorded',
	'finding_withdrawn_in_chain',
	'finding_hidden',
	'finding_erased_early',
	'finding_missing',
	'fingerprint_mismatch'
];

describe('problem texts', () => {
	const sample = (code: ProblemCode): Problem => ({
		code,
		seq: 42,
		findingId: 'f-1',
		statement: 'Wachten duurt te lang.',
		expected: 'AAAA-BBBB-CCCC-DDDD',
		found: '1111-2222-3333-4444',
		detail: ''
	});

	it('has a distinct sentence for every code', () => {
		const texts = CODES.map((code) => problemText(sample(code)));
		expect(new Set(texts).size).toBe(CODES.length);
	});

	it.each(CODES.filter((c) => c.startsWith('seq') || c === 'link_broken' || c === 'entry_changed'))(
		'%s names the line',
		(code) => expect(problemText(sample(code))).toContain('42')
	);

	it.each(['finding_changed', 'finding_unrecorded', 'finding_withdrawn_in_chain'] as const)(
		'%s quotes the start of the finding',
		(code) => expect(problemText(sample(code))).toContain('Wachten duurt te lang.')
	);

	it('a finding typed with a right-to-left override cannot reorder the sentence around it', () => {
		const text = problemText({ ...sample('finding_changed'), statement: 'Bob\u202Egnp.exe' });
		// Isolated (FSI … PDI): the PDI closes the override before our own words go on.
		expect(text).toContain('\u2068Bob\u202Egnp.exe\u2069');
		expect(text.indexOf('\u2069')).toBeLessThan(text.length - 1);
	});

	it('tells a mistyped fingerprint apart from data that names the wrong head', () => {
		const shown = problemText({ ...sample('fingerprint_mismatch'), where: 'shown' });
		const data = problemText({ ...sample('fingerprint_mismatch'), where: 'data' });
		expect(shown).toContain('1111-2222-3333-4444');
		expect(shown).toContain('goed hebt overgenomen');
		expect(data).toContain('AAAA-BBBB-CCCC-DDDD');
	});

	it('the library reports only codes the page knows', async () => {
		const round = honestRound();
		round.findings[0].statement = 'anders';
		round.entries.splice(2, 1);
		const { problems } = await verifyChain(round, '0000-0000-0000-0000');
		expect(problems.length).toBeGreaterThan(2);
		for (const problem of problems) expect(CODES).toContain(problem.code);
	});
});
