import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
	mintJwt,
	publicJwk,
	reusableJwt,
	signJwt,
	signingKey,
	verifyJwt,
	TOKEN_SECONDS
} from '$lib/server/jwt';
import { keyFromJwk } from '$lib/server/jwt-key.js';

const saved = { ...process.env };
let dir: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'klankbord-jwt-'));
	process.env.KLANKBORD_DATA_DIR = dir;
	delete process.env.KLANKBORD_JWT_PRIVATE_KEY;
	delete process.env.KLANKBORD_JWT_KID;
	delete process.env.PUBLIC_SUPABASE_URL;
});
afterEach(() => {
	process.env = { ...saved };
	rmSync(dir, { recursive: true, force: true });
});

const payloadOf = (token: string) =>
	JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const headerOf = (token: string) =>
	JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));

describe('mintJwt', () => {
	test('an authenticated token carries sub, session_id, aud and lives 60 s', () => {
		const token = mintJwt({ role: 'authenticated', sub: 'u1', session_id: 's1' }, 1000);
		expect(payloadOf(token)).toEqual({
			role: 'authenticated',
			sub: 'u1',
			session_id: 's1',
			aud: 'authenticated',
			iat: 1000,
			exp: 1000 + TOKEN_SECONDS
		});
		expect(TOKEN_SECONDS).toBe(60);
		expect(headerOf(token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: signingKey().kid });
	});

	test('anon and service_role carry no person', () => {
		expect(payloadOf(mintJwt({ role: 'anon' }, 5))).toEqual({ role: 'anon', iat: 5, exp: 65 });
		expect(payloadOf(mintJwt({ role: 'service_role' }, 5))).toEqual({
			role: 'service_role',
			iat: 5,
			exp: 65
		});
	});
});

describe('verifyJwt', () => {
	test('accepts its own fresh token', () => {
		const token = mintJwt({ role: 'authenticated', sub: 'u1', session_id: 's1' });
		expect(verifyJwt(token)).toMatchObject({ ok: true, claims: { sub: 'u1' } });
	});

	test('refuses a token whose payload was changed', () => {
		const [h, , s] = mintJwt({ role: 'anon' }).split('.');
		const forged = Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url');
		expect(verifyJwt(`${h}.${forged}.${s}`)).toEqual({
			ok: false,
			reason: 'signature',
			message: 'JWSError JWSInvalidSignature'
		});
	});

	test('refuses a token signed by another key', () => {
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const other = keyFromJwk(privateKey.export({ format: 'jwk' }), 'other');
		expect(verifyJwt(signJwt({ role: 'anon' }, other))).toMatchObject({
			ok: false,
			reason: 'signature'
		});
	});

	test('expiry allows PostgREST’s 30 s of clock skew, and no more', () => {
		const token = mintJwt({ role: 'anon' }, 1000); // exp 1060
		expect(verifyJwt(token, 1060 + 29).ok).toBe(true);
		expect(verifyJwt(token, 1060 + 30)).toEqual({
			ok: false,
			reason: 'time',
			message: 'JWT expired'
		});
	});

	test('refuses tokens that are not yet valid or issued in the future', () => {
		expect(verifyJwt(signJwt({ role: 'anon', nbf: 2000 }), 1000)).toMatchObject({
			message: 'JWTNotYetValid'
		});
		expect(verifyJwt(signJwt({ role: 'anon', iat: 2000 }), 1000)).toMatchObject({
			message: 'JWTIssuedAtFuture'
		});
	});

	test('refuses garbage with PostgREST’s words', () => {
		expect(verifyJwt('a.b')).toMatchObject({
			reason: 'malformed',
			message: 'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 2)'
		});
		expect(verifyJwt('a!.b.c')).toMatchObject({ reason: 'malformed' });
	});
});

describe('the signing key', () => {
	test('is generated once into the data directory, private to its owner, and reused', () => {
		const kid = signingKey().kid;
		const file = join(dir, 'jwt-key.json');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ kty: 'EC', crv: 'P-256', kid });
		// Another data directory gets another key; coming back gets the first one again.
		process.env.KLANKBORD_DATA_DIR = mkdtempSync(join(tmpdir(), 'klankbord-jwt-'));
		expect(signingKey().kid).not.toBe(kid);
		rmSync(process.env.KLANKBORD_DATA_DIR, { recursive: true });
		process.env.KLANKBORD_DATA_DIR = dir;
		expect(signingKey().kid).toBe(kid);
	});

	test('the public JWK has no private part', () => {
		const jwk = publicJwk();
		expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
		expect(jwk).not.toHaveProperty('d');
	});

	test('production takes the key and kid from the environment', () => {
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		process.env.KLANKBORD_JWT_PRIVATE_KEY = JSON.stringify(privateKey.export({ format: 'jwk' }));
		process.env.KLANKBORD_JWT_KID = 'supabase-kid-1';
		process.env.PUBLIC_SUPABASE_URL = 'https://example.supabase.co';
		const token = mintJwt({ role: 'anon' });
		expect(headerOf(token).kid).toBe('supabase-kid-1');
		expect(verifyJwt(token).ok).toBe(true);
	});

	test('Supabase mode without the private key refuses to start', () => {
		process.env.PUBLIC_SUPABASE_URL = 'https://example.supabase.co';
		expect(() => mintJwt({ role: 'anon' })).toThrow(/KLANKBORD_JWT_PRIVATE_KEY/);
	});
});

describe('reusableJwt', () => {
	const noor = { role: 'authenticated', sub: 'u1', session_id: 's1' } as const;

	test('the same claims get the same token while half its life is left, then a new one', () => {
		const first = reusableJwt(noor, 5000);
		expect(reusableJwt(noor, 5000 + TOKEN_SECONDS / 2)).toBe(first);
		const next = reusableJwt(noor, 5001 + TOKEN_SECONDS / 2);
		expect(next).not.toBe(first);
		expect(payloadOf(next).exp).toBe(5001 + TOKEN_SECONDS / 2 + TOKEN_SECONDS);
	});

	test('another session, person or role never gets this token', () => {
		const token = reusableJwt(noor, 6000);
		expect(reusableJwt({ ...noor, session_id: 's2' }, 6000)).not.toBe(token);
		expect(reusableJwt({ ...noor, sub: 'u2' }, 6000)).not.toBe(token);
		expect(payloadOf(reusableJwt({ role: 'anon' }, 6000))).toEqual({
			role: 'anon',
			iat: 6000,
			exp: 6000 + TOKEN_SECONDS
		});
	});

	test('a new signing key gets a new token', () => {
		const token = reusableJwt(noor, 7000);
		const other = mkdtempSync(join(tmpdir(), 'klankbord-jwt-'));
		try {
			process.env.KLANKBORD_DATA_DIR = other;
			const fresh = reusableJwt(noor, 7000);
			expect(fresh).not.toBe(token);
			expect(verifyJwt(fresh, 7000).ok).toBe(true);
		} finally {
			rmSync(other, { recursive: true, force: true });
		}
	});
});

describe('verifyJwt of a token seen before', () => {
	test('its times are still checked on every use', () => {
		const token = mintJwt({ role: 'service_role' }, 1000);
		expect(verifyJwt(token, 1000).ok).toBe(true);
		const later = verifyJwt(token, 1000 + TOKEN_SECONDS + 30);
		expect(later).toMatchObject({ ok: false, reason: 'time' });
	});

	test('a token changed after a good check is refused', () => {
		const token = mintJwt({ role: 'anon' }, 1000);
		expect(verifyJwt(token, 1000).ok).toBe(true);
		const [header, , signature] = token.split('.');
		const forged = `${header}.${Buffer.from(JSON.stringify({ role: 'service_role', iat: 1000, exp: 1060 })).toString('base64url')}.${signature}`;
		expect(verifyJwt(forged, 1000)).toMatchObject({ ok: false, reason: 'signature' });
	});
});
