// The canonical encoding and hash of supabase/CHAIN.md. Plain JavaScript with JSDoc types, and
// only Web Crypto + TextEncoder, so the very same file runs in a browser, in SvelteKit and in
// `node scripts/verify.js` without a build step.

const encoder = new TextEncoder();

/** @typedef {string | number | null} Field */

/**
 * `enc(fields)`: each field as `~\n` (null) or `<utf8 byte length>:<text>\n`. The byte length
 * (not the character count) is what the database writes with octet_length, so é and emoji count
 * as 2 and 4. Numbers are written as decimal text first.
 * @param {readonly Field[]} fields
 * @returns {string}
 */
export function encode(fields) {
	let out = '';
	for (const field of fields) {
		if (field === null || field === undefined) {
			out += '~\n';
			continue;
		}
		const text = typeof field === 'number' ? String(field) : field;
		if (typeof text !== 'string')
			throw new TypeError('encode: a field must be text, a number or null');
		out += `${encoder.encode(text).length}:${text}\n`;
	}
	return out;
}

/**
 * Lowercase hex SHA-256 over the UTF-8 bytes of `text`.
 * @param {string} text
 * @returns {Promise<string>}
 */
export async function sha256hex(text) {
	const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text));
	let hex = '';
	for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
	return hex;
}
