// Synthetic rounds for the verifier tests, hashed with node:crypto and Buffer: an implementation
// independent of src/lib/verify, so a bug there cannot hide behind the same bug here.
import { createHash } from 'node:crypto';

export const ROUND_ID = '0c000000-0000-4000-8000-00000000abcd';

export function enc(fields: (string | number | null)[]): string {
	return fields
		.map((f) => (f === null ? '~\n' : `${Buffer.byteLength(String(f), 'utf8')}:${String(f)}\n`))
		.join('');
}

export const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export type Finding = {
	id: string;
	statement: string | null;
	quote: string | null;
	theme: string | null;
	state: 'published' | 'withdrawn' | 'erased';
};
export type Entry = {
	seq: number;
	kind: string;
	subject_id: string;
	content_hash: string;
	prev_hash: string;
	at: string;
	entry_hash: string;
};

export const contentHash = (f: Pick<Finding, 'id' | 'statement' | 'quote' | 'theme'>) =>
	sha(enc(['finding', f.id, f.statement, f.quote, f.theme]));

export const hashEntry = (e: Omit<Entry, 'entry_hash'>, roundId = ROUND_ID) =>
	sha(enc([roundId, e.seq, e.kind, e.subject_id, e.content_hash, e.prev_hash, e.at]));

/** Recompute seq links and hashes after a test changed something, like an honest database would. */
export function relink(entries: Omit<Entry, 'entry_hash' | 'prev_hash' | 'seq'>[]): Entry[] {
	const out: Entry[] = [];
	for (const [index, e] of entries.entries()) {
		const base = { ...e, seq: index + 1, prev_hash: out.at(-1)?.entry_hash ?? '0'.repeat(64) };
		out.push({ ...base, entry_hash: hashEntry(base) });
	}
	return out;
}

export const fingerprint = (hash: string) =>
	hash
		.slice(0, 16)
		.toUpperCase()
		.replace(/(.{4})(?!$)/g, '$1-');

const id = (n: number) => `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (n: number) =>
	`2027-03-0${1 + (n % 8)}T19:${String(10 + n).padStart(2, '0')}:00.000000Z`;

/**
 * An honest round: two interviews, four findings (one corrected, one withdrawn, one erased by
 * retention), entries in the order the database would have written them.
 */
export function honestRound() {
	const findings: Finding[] = [
		{
			id: id(1),
			statement: 'Wachten duurt te lang.',
			quote: 'Vier maanden!',
			theme: 'Wachttijd',
			state: 'published'
		},
		{
			id: id(2),
			statement: 'Eén vast aanspreekpunt, graag 🙏',
			quote: null,
			theme: null,
			state: 'published'
		},
		{ id: id(3), statement: null, quote: null, theme: 'Inspraak', state: 'withdrawn' },
		{ id: id(4), statement: null, quote: null, theme: null, state: 'erased' }
	];
	const before2 = { ...findings[1], statement: 'Een vast aanspreekpunt' };
	const withdrawn = { id: id(3), statement: 'Later ingetrokken', quote: null, theme: 'Inspraak' };
	const erased = { id: id(4), statement: 'Na de bewaartermijn gewist', quote: 'weg', theme: null };
	const raw = [
		{ kind: 'interview_submitted', subject_id: id(91), content_hash: sha('interview 91') },
		{ kind: 'finding_submitted', subject_id: id(1), content_hash: contentHash(findings[0]) },
		{ kind: 'finding_submitted', subject_id: id(2), content_hash: contentHash(before2) },
		{ kind: 'interview_submitted', subject_id: id(92), content_hash: sha('interview 92') },
		{ kind: 'finding_submitted', subject_id: id(3), content_hash: contentHash(withdrawn) },
		{ kind: 'finding_corrected', subject_id: id(2), content_hash: contentHash(findings[1]) },
		{ kind: 'finding_withdrawn', subject_id: id(3), content_hash: contentHash(withdrawn) },
		{ kind: 'finding_submitted', subject_id: id(4), content_hash: contentHash(erased) },
		{ kind: 'interview_withdrawn', subject_id: id(92), content_hash: sha('interview 92') }
	].map((e, n) => ({ ...e, at: at(n) }));
	const entries = relink(raw);
	return {
		round: {
			id: ROUND_ID,
			title: 'Jongeren aan het woord',
			evening_code: 'TEST27',
			// Archived: only then may a finding be erased (retention); see verify-chain.test.ts.
			state: 'gearchiveerd'
		},
		fingerprint: fingerprint(entries.at(-1)!.entry_hash),
		entries,
		findings
	};
}

export type Round = ReturnType<typeof honestRound>;
