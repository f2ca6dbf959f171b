// ES256 tokens for the database, minted per request. No JWT library: node:crypto signs and verifies
// P-256 directly, and the token format is small enough to own (see ARCHITECTURE.md §2–3).
import { sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { keySource, loadSigningKey } from './jwt-key.js';

export { dataDir } from './jwt-key.js';

export type JwtInput =
	| { role: 'anon' }
	| { role: 'service_role' }
	| { role: 'authenticated'; sub: string; session_id: string };

/** How long a minted token lives. Short, so a revoked session loses the database within a minute. */
export const TOKEN_SECONDS = 60;

export type SigningKey = {
	kid: string;
	privateKey: KeyObject;
	publicKey: KeyObject;
	publicJwk: JsonWebKey;
};

let cached: { source: string; key: SigningKey } | undefined;

/** The key in force (see jwt-key.js), cached per source so tests can point at another data dir. */
export function signingKey(): SigningKey {
	const source = keySource();
	if (cached?.source !== source) cached = { source, key: loadSigningKey() };
	return cached.key;
}

/** The public half as a JWK: what PostgREST's PGRST_JWT_SECRET takes. */
export function publicJwk(): JsonWebKey {
	return signingKey().publicJwk;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** Sign any payload (tests use this to build expired or foreign-role tokens). */
export function signJwt(payload: Record<string, unknown>, key: SigningKey = signingKey()): string {
	const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: key.kid }));
	const body = b64url(JSON.stringify(payload));
	const signature = sign('sha256', Buffer.from(`${header}.${body}`), {
		key: key.privateKey,
		dsaEncoding: 'ieee-p1363'
	});
	return `${header}.${body}.${b64url(signature)}`;
}

/** A ~60 s token for one request, carrying exactly who is asking. */
export function mintJwt(claims: JwtInput, now = Math.floor(Date.now() / 1000)): string {
	const payload: Record<string, unknown> = {
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

export type VerifyResult =
	| { ok: true; claims: Record<string, unknown> }
	/** `message` is worded as PostgREST 12 words it (the embedded route answers with it). */
	| { ok: false; reason: 'malformed' | 'signature' | 'claims' | 'time'; message: string };

/** PostgREST 12 tolerates this much clock skew on exp, nbf and iat (measured). */
export const CLOCK_SKEW_SECONDS = 30;

function decodePart(part: string): unknown {
	if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error('not base64url');
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

const fail = (reason: Exclude<VerifyResult, { ok: true }>['reason'], message: string) =>
	({ ok: false, reason, message }) as const;

/** Verify an ES256 token against our public key, in the order and words PostgREST 12 uses. */
export function verifyJwt(token: string, now = Math.floor(Date.now() / 1000)): VerifyResult {
	const parts = token.split('.');
	if (parts.length !== 3) {
		return fail(
			'malformed',
			`JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got ${parts.length})`
		);
	}
	const [header, body, signature] = parts;
	let parsedHeader: unknown;
	let claims: unknown;
	try {
		parsedHeader = decodePart(header);
		claims = decodePart(body);
	} catch {
		return fail('malformed', 'JWSError (JSONDecodeError "Not valid base64url")');
	}
	const alg = (parsedHeader as { alg?: unknown } | null)?.alg;
	if (alg === 'none' || signature === '') return fail('signature', 'JWSError JWSNoSignatures');
	let signed: boolean;
	try {
		signed =
			alg === 'ES256' &&
			verify(
				'sha256',
				Buffer.from(`${header}.${body}`),
				{ key: signingKey().publicKey, dsaEncoding: 'ieee-p1363' },
				Buffer.from(signature, 'base64url')
			);
	} catch {
		signed = false;
	}
	if (!signed) return fail('signature', 'JWSError JWSInvalidSignature');
	if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) {
		return fail('claims', 'JWTClaimsSetDecodeError "Error in $: expected Object"');
	}
	const record = claims as Record<string, unknown>;
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
	const { exp, nbf, iat } = record as { exp?: number; nbf?: number; iat?: number };
	if (exp !== undefined && now - CLOCK_SKEW_SECONDS >= exp) return fail('time', 'JWT expired');
	if (nbf !== undefined && now + CLOCK_SKEW_SECONDS < nbf) return fail('time', 'JWTNotYetValid');
	if (iat !== undefined && now + CLOCK_SKEW_SECONDS < iat) return fail('time', 'JWTIssuedAtFuture');
	return { ok: true, claims: record };
}
