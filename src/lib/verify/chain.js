// verifyChain: the six checks of supabase/CHAIN.md ("What verification checks"), each reported as
// a problem that names the item (entry seq or finding id + text) a person can go and look at.
import { isolate } from '../bidi.js';
import { GENESIS, entryHash, findingHash, fingerprintOf, normaliseFingerprint } from './hashes.js';

/** @typedef {import('./hashes.js').ChainEntry} ChainEntry */
/**
 * @typedef {{ id: string, statement: string | null, quote: string | null, theme: string | null,
 *   salt?: string | null, state: 'published' | 'withdrawn' | 'erased' }} VerifiedFinding
 */
/**
 * @typedef {{ round: { id: string, title?: string, evening_code?: string, state?: string },
 *   fingerprint: string | null, entries: ChainEntry[], findings: VerifiedFinding[] }} VerificationData
 */
/**
 * @typedef {'malformed' | 'seq_missing' | 'seq_duplicate' | 'seq_order' | 'link_broken'
 *   | 'entry_changed' | 'finding_changed' | 'finding_unrecorded' | 'finding_withdrawn_in_chain'
 *   | 'finding_hidden' | 'finding_erased_early' | 'finding_missing' | 'fingerprint_mismatch'} ProblemCode
 */
/**
 * @typedef {{ code: ProblemCode, seq?: number, findingId?: string, statement?: string,
 *   expected?: string, found?: string, where?: 'data' | 'shown', detail: string }} Problem
 */
/**
 * @typedef {{ ok: boolean, fingerprint: string | null, shownSeq: number | null,
 *   sinceShown: Record<string, number> | null, problems: Problem[],
 *   counts: { entries: number, published: number, withdrawn: number, erased: number } }} Verdict
 */

const HEX64 = /^[0-9a-f]{64}$/;
const MAX_GAPS = 20;
const FINDING_KINDS = new Set(['finding_submitted', 'finding_corrected', 'finding_withdrawn']);

/** The start of a finding's text, enough to recognise it on the board. */
const excerpt = (/** @type {string | null | undefined} */ text) =>
	!text ? undefined : text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text;

/**
 * Only the shape the checks need; anything else is one `malformed` problem instead of a crash.
 * @param {unknown} data
 * @returns {data is VerificationData}
 */
function wellFormed(data) {
	const d = /** @type {Record<string, any>} */ (data);
	if (!d || typeof d !== 'object' || !d.round || typeof d.round.id !== 'string') return false;
	if (!Array.isArray(d.entries) || !Array.isArray(d.findings)) return false;
	const entriesOk = d.entries.every(
		(/** @type {any} */ e) =>
			e &&
			Number.isInteger(e.seq) &&
			['kind', 'subject_id', 'content_hash', 'prev_hash', 'at', 'entry_hash'].every(
				(key) => typeof e[key] === 'string'
			)
	);
	const findingsOk = d.findings.every(
		(/** @type {any} */ f) =>
			f &&
			typeof f.id === 'string' &&
			['published', 'withdrawn', 'erased'].includes(f.state) &&
			(f.salt === undefined || f.salt === null || typeof f.salt === 'string')
	);
	return entriesOk && findingsOk;
}

/**
 * Check 1: seq runs 1…n in order, without gaps or repeats.
 * @param {ChainEntry[]} entries
 * @returns {Problem[]}
 */
function checkSequence(entries) {
	/** @type {Problem[]} */
	const problems = [];
	const seen = new Map();
	for (const entry of entries) seen.set(entry.seq, (seen.get(entry.seq) ?? 0) + 1);
	for (const [seq, times] of seen) {
		if (times > 1) {
			problems.push({
				code: 'seq_duplicate',
				seq,
				detail: `Regel ${seq} staat ${times} keer in de keten.`
			});
		}
	}
	const highest = Math.max(0, ...seen.keys());
	// Stop after a few: a forged seq of 10^9 must not keep a phone busy for minutes, and only the
	// first gaps matter to a person. The loop ends within entries.length + MAX_GAPS steps.
	let gaps = 0;
	for (let seq = 1; seq <= highest && gaps < MAX_GAPS; seq++) {
		if (!seen.has(seq)) {
			gaps++;
			problems.push({ code: 'seq_missing', seq, detail: `Regel ${seq} ontbreekt in de keten.` });
		}
	}
	if (problems.length === 0) {
		const at = entries.findIndex((entry, index) => entry.seq !== index + 1);
		if (at >= 0) {
			problems.push({
				code: 'seq_order',
				seq: entries[at].seq,
				detail: `Regel ${entries[at].seq} staat op plek ${at + 1}: de volgorde is veranderd.`
			});
		}
	}
	return problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

/**
 * Checks 2 and 3: every entry points at the one before it, and its own hash is right.
 * @param {ChainEntry[]} entries
 * @param {string} roundId
 * @returns {Promise<Problem[]>}
 */
async function checkLinks(entries, roundId) {
	/** @type {Problem[]} */
	const problems = [];
	const recomputed = await Promise.all(entries.map((entry) => entryHash(entry, roundId)));
	entries.forEach((entry, index) => {
		const expected = index === 0 ? GENESIS : entries[index - 1].entry_hash;
		if (entry.prev_hash !== expected) {
			problems.push({
				code: 'link_broken',
				seq: entry.seq,
				expected,
				found: entry.prev_hash,
				detail: `Regel ${entry.seq} wijst niet naar de regel ervoor: er is iets weggehaald, verschoven of veranderd.`
			});
		}
		if (!HEX64.test(entry.entry_hash) || entry.entry_hash !== recomputed[index]) {
			problems.push({
				code: 'entry_changed',
				seq: entry.seq,
				expected: recomputed[index],
				found: entry.entry_hash,
				detail: `Regel ${entry.seq} is veranderd nadat hij werd vastgelegd.`
			});
		}
	});
	return problems;
}

/**
 * Checks 4 and 5: what is published is what was last recorded, and no recorded finding is gone.
 * @param {ChainEntry[]} entries
 * @param {VerifiedFinding[]} findings
 * @param {string | undefined} roundState
 * @returns {Promise<Problem[]>}
 */
async function checkFindings(entries, findings, roundState) {
	/** @type {Problem[]} */
	const problems = [];
	/** @type {Map<string, ChainEntry>} */
	const last = new Map();
	for (const entry of entries) {
		if (FINDING_KINDS.has(entry.kind)) last.set(entry.subject_id, entry);
	}
	const byId = new Map(findings.map((finding) => [finding.id, finding]));
	for (const finding of findings) {
		if (finding.state === 'withdrawn') {
			// Stricter than "anything goes" for withdrawn findings: marking a finding withdrawn
			// behind the chain would take it off the board unseen, so the author's withdrawal must
			// be the last thing the chain says about it. (Erased ones: only the hash is left.)
			const entry = last.get(finding.id);
			if (entry && entry.kind !== 'finding_withdrawn') {
				problems.push({
					code: 'finding_hidden',
					findingId: finding.id,
					seq: entry.seq,
					detail: `Bevinding ${finding.id} wordt niet getoond als ingetrokken, maar is in de keten nooit ingetrokken (laatste regel ${entry.seq}).`
				});
			}
			continue;
		}
		if (finding.state === 'erased') {
			// Retention erases text without a chain entry, so erasure is only honest once the round
			// is archived; before that, an "erased" finding was taken off the board behind the chain.
			if (roundState !== undefined && roundState !== 'gearchiveerd') {
				problems.push({
					code: 'finding_erased_early',
					findingId: finding.id,
					seq: last.get(finding.id)?.seq,
					detail: `Bevinding ${finding.id} is gewist, maar de bewaartermijn van deze ronde is nog niet voorbij.`
				});
			}
			continue;
		}
		if (finding.state !== 'published') continue;
		const statement = excerpt(finding.statement);
		const entry = last.get(finding.id);
		const about = `Bevinding ${finding.id}${statement ? ` ("${isolate(statement)}")` : ''}`;
		if (!entry) {
			problems.push({
				code: 'finding_unrecorded',
				findingId: finding.id,
				statement,
				detail: `${about} staat niet in de keten.`
			});
			continue;
		}
		if (entry.kind === 'finding_withdrawn') {
			problems.push({
				code: 'finding_withdrawn_in_chain',
				findingId: finding.id,
				statement,
				seq: entry.seq,
				detail: `${about} is ingetrokken (regel ${entry.seq}), maar wordt toch getoond.`
			});
			continue;
		}
		const hash = await findingHash(finding);
		if (hash !== entry.content_hash) {
			problems.push({
				code: 'finding_changed',
				findingId: finding.id,
				statement,
				seq: entry.seq,
				expected: entry.content_hash,
				found: hash,
				detail: `${about} is anders dan wat is vastgelegd in regel ${entry.seq}.`
			});
		}
	}
	for (const [id, entry] of last) {
		if (!byId.has(id)) {
			problems.push({
				code: 'finding_missing',
				findingId: id,
				seq: entry.seq,
				detail: `Bevinding ${id} staat in de keten (regel ${entry.seq}), maar ontbreekt in de lijst.`
			});
		}
	}
	return problems;
}

/**
 * Check 6. The data must name its own head. What a person saw on the board may be older: findings
 * can still be added during the evening, so an earlier head is fine as long as it is in this chain
 * (then `shownSeq` says where). A fingerprint that is nowhere in the chain is a problem.
 * @param {import('./hashes.js').ChainEntry[]} entries
 * @param {string | null} fingerprint recomputed from the head
 * @param {string | null} claimed what the data says
 * @param {string | null | undefined} shown what a person saw, if they said
 * @returns {Promise<{ problems: Problem[], shownSeq: number | null }>}
 */
async function checkFingerprint(entries, fingerprint, claimed, shown) {
	/** @type {Problem[]} */
	const problems = [];
	const mismatch = (/** @type {'data' | 'shown'} */ where, /** @type {string | null} */ value) => ({
		code: /** @type {const} */ ('fingerprint_mismatch'),
		expected: fingerprint ?? '',
		found: value ?? '',
		where,
		detail: `De vingerafdruk ${where === 'data' ? 'in de gegevens' : 'die je opgaf'} (${value ?? 'geen'}) hoort niet bij deze keten (${fingerprint ?? 'geen'}).`
	});
	if (normaliseFingerprint(claimed) !== normaliseFingerprint(fingerprint)) {
		problems.push(mismatch('data', claimed));
	}
	let shownSeq = null;
	const wanted = normaliseFingerprint(shown);
	if (wanted) {
		const at = entries.findLastIndex(
			(entry) => normaliseFingerprint(fingerprintOf(entry.entry_hash)) === wanted
		);
		if (at >= 0) shownSeq = entries[at].seq;
		else problems.push(mismatch('shown', shown ?? null));
	}
	return { problems, shownSeq };
}

/**
 * What was added after the fingerprint a person saw, by kind. A later entry is honest only if it
 * is something people expect (a finding added during the evening); a `finding_corrected` after
 * the evening is exactly what they should get to see, so it is counted, not hidden.
 * @param {ChainEntry[]} entries
 * @param {number | null} shownSeq
 */
function sinceShown(entries, shownSeq) {
	if (shownSeq === null) return null;
	/** @type {Record<string, number>} */
	const kinds = {};
	for (const entry of entries) {
		if (entry.seq > shownSeq) kinds[entry.kind] = (kinds[entry.kind] ?? 0) + 1;
	}
	return kinds;
}

/**
 * Verify a round's chain and findings (the output of api.round_verification).
 * @param {unknown} data
 * @param {string | null} [shown] the fingerprint a person saw on the board, if they say
 * @returns {Promise<Verdict>}
 */
export async function verifyChain(data, shown) {
	if (!wellFormed(data)) {
		return {
			ok: false,
			fingerprint: null,
			shownSeq: null,
			sinceShown: null,
			problems: [{ code: 'malformed', detail: 'De gegevens zijn onvolledig of onleesbaar.' }],
			counts: { entries: 0, published: 0, withdrawn: 0, erased: 0 }
		};
	}
	const { entries, findings } = data;
	const head = entries.at(-1);
	const fingerprint = head ? fingerprintOf(head.entry_hash) : null;
	const shownCheck = await checkFingerprint(entries, fingerprint, data.fingerprint, shown);
	const problems = [
		...checkSequence(entries),
		...(await checkLinks(entries, data.round.id)),
		...(await checkFindings(entries, findings, data.round.state)),
		...shownCheck.problems
	];
	const count = (/** @type {string} */ state) => findings.filter((f) => f.state === state).length;
	return {
		ok: problems.length === 0,
		fingerprint,
		shownSeq: shownCheck.shownSeq,
		sinceShown: sinceShown(entries, shownCheck.shownSeq),
		problems,
		counts: {
			entries: entries.length,
			published: count('published'),
			withdrawn: count('withdrawn'),
			erased: count('erased')
		}
	};
}
