// The three hashes a verifier recomputes (supabase/CHAIN.md, "Content hashes" to "Fingerprint").
import { encode, sha256hex } from './encode.js';

/**
 * @typedef {{ id: string, statement: string | null, quote: string | null, theme: string | null,
 *   salt?: string | null }} FindingContent
 */
/**
 * @typedef {{ seq: number, kind: string, subject_id: string, content_hash: string,
 *   prev_hash: string, at: string, entry_hash: string }} ChainEntry
 */

/** What the first entry points back to: there is nothing before it. */
export const GENESIS = '0'.repeat(64);

/**
 * The content hash of a finding as it was submitted or last corrected. The salt is published with
 * the finding; a finding from before salts existed has none, and its hash has no salt field.
 * @param {FindingContent} finding
 */
export function findingHash(finding) {
	const text = [finding.statement, finding.quote ?? null, finding.theme ?? null];
	return sha256hex(
		encode(
			typeof finding.salt === 'string'
				? ['finding', finding.id, finding.salt, ...text]
				: ['finding', finding.id, ...text]
		)
	);
}

/**
 * An entry's own hash, from its fields and the round it belongs to (the round id is hashed in, so
 * an entry cannot be moved to another round's chain unnoticed).
 * @param {Omit<ChainEntry, 'entry_hash'>} entry
 * @param {string} roundId
 */
export function entryHash(entry, roundId) {
	return sha256hex(
		encode([
			roundId,
			entry.seq,
			entry.kind,
			entry.subject_id,
			entry.content_hash,
			entry.prev_hash,
			entry.at
		])
	);
}

/**
 * What the board shows: the head's first 16 hex characters, upper case, as 3F9A-0C1B-77D2-E4A8.
 * @param {string | null | undefined} headHash
 * @returns {string | null}
 */
export function fingerprintOf(headHash) {
	if (!headHash) return null;
	const head = headHash.slice(0, 16).toUpperCase();
	return head.match(/.{1,4}/g)?.join('-') ?? null;
}

/**
 * The same fingerprint however it was typed or copied (spaces, dashes, lower case).
 * @param {string | null | undefined} fingerprint
 */
export function normaliseFingerprint(fingerprint) {
	return fingerprint ? fingerprint.replace(/[\s-]/g, '').toUpperCase() : null;
}
