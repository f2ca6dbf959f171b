// The CHAIN.md encoding, written again from the contract with node:crypto, so the tests check the
// database against the document and not against itself. (The browser verifier is src/lib/verify/.)
import { createHash } from 'node:crypto';
import type { Backend } from './harness';

export const ZERO_HASH = '0'.repeat(64);

/** `enc(fields)`: null → "~\n", text → "<UTF-8 byte length>:<text>\n". */
export function enc(fields: Array<string | number | null>): string {
	return fields
		.map((f) => {
			if (f === null) return '~\n';
			const v = String(f);
			return `${Buffer.byteLength(v, 'utf8')}:${v}\n`;
		})
		.join('');
}

export const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** With the finding's salt after the id; without one (a finding from before salts), five fields. */
export const findingHash = (f: {
	id: string;
	salt?: string | null;
	statement: string | null;
	quote: string | null;
	theme: string | null;
}) =>
	sha256hex(
		enc(
			typeof f.salt === 'string'
				? ['finding', f.id, f.salt, f.statement, f.quote, f.theme]
				: ['finding', f.id, f.statement, f.quote, f.theme]
		)
	);

/** A finding's secret salt, read as superuser (null once withdrawn or erased). */
export async function findingSalt(b: Backend, findingId: string): Promise<string | null> {
	const rows = await b.sql<{ hash_salt: string | null }>(
		`select hash_salt from app.findings where id = $1`,
		[findingId]
	);
	return rows[0]?.hash_salt ?? null;
}

export type Entry = {
	seq: number;
	kind: string;
	subject_id: string;
	content_hash: string;
	prev_hash: string;
	at: string;
	entry_hash: string;
};

export const entryHash = (roundId: string, e: Omit<Entry, 'entry_hash'>) =>
	sha256hex(enc([roundId, e.seq, e.kind, e.subject_id, e.content_hash, e.prev_hash, e.at]));

export function fingerprintOf(entryHashHex: string): string {
	const h = entryHashHex.slice(0, 16).toUpperCase();
	return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}`;
}

/**
 * Every problem CHAIN.md's checks 1–3 and 6 find, plus 4–5 for the findings given: [] means
 * "klopt".
 */
export function chainProblems(
	roundId: string,
	entries: Entry[],
	fingerprint: string | null,
	findings: Array<{
		id: string;
		statement: string | null;
		quote: string | null;
		theme: string | null;
		salt?: string | null;
		state: string;
	}> = []
): string[] {
	const problems: string[] = [];
	let prev = ZERO_HASH;
	entries.forEach((e, i) => {
		if (e.seq !== i + 1) problems.push(`entry ${i}: seq ${e.seq}, expected ${i + 1}`);
		if (e.prev_hash !== prev) problems.push(`seq ${e.seq}: prev_hash does not match`);
		if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(e.at))
			problems.push(`seq ${e.seq}: at "${e.at}" is not in the contract's format`);
		if (entryHash(roundId, e) !== e.entry_hash) problems.push(`seq ${e.seq}: entry_hash differs`);
		prev = e.entry_hash;
	});
	const head = entries.at(-1);
	const expected = head ? fingerprintOf(head.entry_hash) : null;
	if (fingerprint !== expected) problems.push(`fingerprint ${fingerprint}, expected ${expected}`);
	const ids = new Set(findings.map((f) => f.id));
	for (const e of entries) {
		if (e.kind.startsWith('finding_') && !ids.has(e.subject_id) && findings.length > 0)
			problems.push(`seq ${e.seq}: finding ${e.subject_id} is missing`);
	}
	for (const f of findings.filter((x) => x.state === 'published')) {
		const last = entries.findLast((e) => e.subject_id === f.id);
		if (!last) problems.push(`finding ${f.id}: no entry`);
		else if (last.kind === 'finding_withdrawn')
			problems.push(`finding ${f.id}: last entry withdraws it`);
		else if (last.content_hash !== findingHash(f))
			problems.push(`finding ${f.id}: content differs`);
	}
	return problems;
}

/** The raw chain of a round, as superuser, in seq order. */
export async function chainOf(b: Backend, roundId: string): Promise<Entry[]> {
	return b.sql<Entry>(
		`select seq::int as seq, kind, subject_id::text as subject_id, content_hash, prev_hash, at,
			entry_hash from app.chain_entries where round_id = $1 order by seq`,
		[roundId]
	);
}

/** The interview content hash, with answers_text as the database renders it (opaque by contract). */
export async function interviewHash(b: Backend, interviewId: string): Promise<string> {
	const [row] = await b.sql<Record<string, string | null>>(
		`select v.id::text as id, v.hash_salt, v.consent_form, v.interviewee_group, v.age_band,
			v.municipality_id::text as municipality_id, app.interview_answers_text(v.id) as answers_text
		 from app.interviews v where v.id = $1`,
		[interviewId]
	);
	return sha256hex(
		enc([
			'interview',
			row.id,
			row.hash_salt,
			row.consent_form,
			row.interviewee_group,
			row.age_band,
			row.municipality_id,
			row.answers_text
		])
	);
}
