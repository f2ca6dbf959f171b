// ES256 tokens for the database, minted per person and reused for half their life. No JWT
// library: node:crypto signs and verifies P-256 directly, and the token format is small enough to own (see ARCHITECTURE.md §2–3).
// Plain JavaScript (JSDoc types) so `node scripts/retention.js` mints its token with this very
// code from a production install, where neither Vite nor TypeScript is present.
import { sign, verify } from 'node:crypto';
import { keySource, loadSigningKey } from './jwt-key.js';

export { dataDir } from './jwt-key.js';

/**
 * @typedef {{ role: 'anon' }
 *   | { role: 'service_role' }
 *   | { role: 'authenticated', sub: string, session_id: string }} JwtInput
 * @typedef {{
 *   kid: string,
 *   privateKey: import('node:crypto').KeyObject,
 *   publicKey: import('node:crypto').KeyObject,
 *   publicJwk: import('node:crypto').JsonWebKey
 * }} SigningKey
 * @typedef {{ ok: true, claims: Record<string, unknown> }
 *   | { ok: false, reason: 'malformed' | 'signature' | 'claims' | 'time', message: string }} VerifyResult
 *   On refusal, `message` is worded as PostgREST 12 words it (the embedded route answers with it).
 */

/** How long a minted token lives. Short, so a revoked session loses the database within a minute. */
export const TOKEN_SECONDS = 60;

/** @type {{ source: string, key: SigningKey } | undefined} */
let cached;

/**
 * The key in force (see jwt-key.js), cached per source so tests can point at another data dir.
 * @returns {SigningKey}
 */
export function signingKey() {
	const source = keySource();
	if (cached?.source !== source) cached = { source, key: loadSigningKey() };
	return cached.key;
}

/**
 * The public half as a JWK: what PostgREST's PGRST_JWT_SECRET takes.
 * @returns {import('node:crypto').JsonWebKey}
 */
export function publicJwk() {
	return signingKey().publicJwk;
}

const b64url = (/** @type {Buffer | string} */ data) => Buffer.from(data).toString('base64url');

/**
 * Sign any payload (tests use this to build expired or foreign-role tokens).
 * @param {Record<string, unknown>} payload
 * @param {SigningKey} [key]
 * @returns {string}
 */
export function signJwt(payload, key = signingKey()) {
	const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: key.kid }));
	const body = b64url(JSON.stringify(payload));
	const signature = sign('sha256', Buffer.from(`${header}.${body}`), {
		key: key.privateKey,
		dsaEncoding: 'ieee-p1363'
	});
	return `${header}.${body}.${b64url(signature)}`;
}

/**
 * A ~60 s token for one request, carrying exactly who is asking.
 * @param {JwtInput} claims
 * @returns {string}
 */
export function mintJwt(claims, now = Math.floor(Date.now() / 1000)) {
	/** @type {Record<string, unknown>} */
	const payload = {
		role: claims.role,
		iat: now,
		exp: now + TOKEN_SECONDS
	};
	if (claims.role === 'authenticated') {
		payload.sub = claims.sub;
		payload.session_id = claims.session_id;
		payload.aud = 'authenticated';
	}
	return signJwt(payload);
}

/** Tokens kept for reuse at most; beyond it the store starts again (a bound, not a policy). */
const MAX_KEPT = 10_000;

/** @type {Map<string, { token: string, exp: number }>} */
const minted = new Map();

/**
 * A token for these claims, reused while at least half of its life is left: signing is a
 * noticeable part of a busy server's CPU (bench/submit.md), and a person makes several calls a
 * second. Reuse changes nothing the database decides: every call still checks that the session
 * is live (access.sql), and no token lives longer than TOKEN_SECONDS.
 * @param {JwtInput} claims
 * @returns {string}
 */
export function reusableJwt(claims, now = Math.floor(Date.now() / 1000)) {
	const who = claims.role === 'authenticated' ? `${claims.sub} ${claims.session_id}` : claims.role;
	const key = `${signingKey().kid} ${who}`;
	const kept = minted.get(key);
	if (kept && kept.exp - now >= TOKEN_SECONDS / 2) return kept.token;
	const token = mintJwt(claims, now);
	if (minted.size >= MAX_KEPT) minted.clear();
	minted.set(key, { token, exp: now + TOKEN_SECONDS });
	return token;
}

/**
 * Tokens whose signature this key has already checked, so a reused token is verified once. The
 * claims' times are still checked on every use.
 * @type {WeakMap<SigningKey, Set<string>>}
 */
const checked = new WeakMap();

/**
 * @param {SigningKey} key
 * @param {string} header
 * @param {string} body
 * @param {string} signature
 */
function signatureHolds(key, header, body, signature) {
	const token = `${header}.${body}.${signature}`;
	let seen = checked.get(key);
	if (seen?.has(token)) return true;
	const holds = verify(
		'sha256',
		Buffer.from(`${header}.${body}`),
		{ key: key.publicKey, dsaEncoding: 'ieee-p1363' },
		Buffer.from(signature, 'base64url')
	);
	if (!holds) return false;
	if (!seen || seen.size >= MAX_KEPT) checked.set(key, (seen = new Set()));
	seen.add(token);
	return true;
}

/** PostgREST 12 tolerates this much clock skew on exp, nbf and iat (measured). */
export const CLOCK_SKEW_SECONDS = 30;

/** @param {string} part */
function decodePart(part) {
	if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
	return /** @type {unknown} */ (JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
}

/**
 * @param {Exclude<VerifyResult, { ok: true }>['reason']} reason
 * @param {string} message
 * @returns {VerifyResult}
 */
const fail = (reason, message) => ({ ok: false, reason, message });

/**
 * Verify an ES256 token against our public key, in the order and words PostgREST 12 uses.
 * @param {string} token
 * @returns {VerifyResult}
 */
export function verifyJwt(token, now = Math.floor(Date.now() / 1000)) {
	const parts = token.split('.');
	if (parts.length !== 3) {
		return fail(
			'malformed',
			`JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got ${parts.length})`
		);
	}
	const [header, body, signature] = parts;
	/** @type {unknown} */
	let parsedHeader;
	/** @type {unknown} */
	let claims;
	try {
		parsedHeader = decodePart(header);
		claims = decodePart(body);
	} catch {
		return fail('malformed', 'JWSError (JSONDecodeError "Not valid base64url")');
	}
	const alg = /** @type {{ alg?: unknown } | null} */ (parsedHeader)?.alg;
	if (alg === 'none' || signature === '') return fail('signature', 'JWSError JWSNoSignatures');
	let signed;
	try {
		signed = alg === 'ES256' && signatureHolds(signingKey(), header, body, signature);
	} catch {
		signed = false;
	}
	if (!signed) return fail('signature', 'JWSError JWSInvalidSignature');
	if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
		return fail('claims', 'JWTClaimsSetDecodeError "Error in $: expected Object"');
	}
	const record = /** @type {Record<string, unknown>} */ (claims);
	for (const field of ['exp', 'nbf', 'iat']) {
		const value = record[field];
		if (value !== undefined && typeof value !== 'number') {
			const found = typeof value === 'string' ? 'String' : value === null ? 'Null' : 'Object';
			return fail(
				'claims',
				`JWTClaimsSetDecodeError "Error in $.${field}: parsing NumericDate failed, expected Number, but encountered ${found}"`
			);
		}
	}
	const { exp, nbf, iat } = /** @type {{ exp?: number, nbf?: number, iat?: number }} */ (record);
	if (exp !== undefined && now - CLOCK_SKEW_SECONDS >= exp) return fail('time', 'JWT expired');
	if (nbf !== undefined && now + CLOCK_SKEW_SECONDS < nbf) return fail('time', 'JWTNotYetValid');
	if (iat !== undefined && now + CLOCK_SKEW_SECONDS < iat) return fail('time', 'JWTIssuedAtFuture');
	return { ok: true, claims: record };
}
