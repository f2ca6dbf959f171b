// Where the ES256 key comes from. Plain JavaScript so `node scripts/postgrest.js` gives PostgREST
// the very key the app signs with (src/lib/server/jwt.ts uses this module too).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {import('node:crypto').JsonWebKey & { kid?: string }} Jwk */

export function dataDir() {
	return process.env.KLANKBORD_DATA_DIR || '.data';
}

/** RFC 7638 thumbprint: a stable kid for a generated key. */
export function thumbprint(/** @type {Jwk} */ jwk) {
	const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
	return createHash('sha256').update(canonical).digest('base64url');
}

/** Generate once into the data directory; later starts (and other processes) read the same file. */
function fileKey() {
	const file = join(dataDir(), 'jwt-key.json');
	if (!existsSync(file)) {
		const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
		const jwk = privateKey.export({ format: 'jwk' });
		mkdirSync(dataDir(), { recursive: true });
		try {
			// 'wx' fails if another process won the race; then we read its key below.
			writeFileSync(file, JSON.stringify({ ...jwk, kid: thumbprint(jwk) }, null, '\t') + '\n', {
				mode: 0o600,
				flag: 'wx'
			});
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
		}
	}
	return /** @type {Jwk} */ (JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * The private key as a JWK plus its kid, and a cache key that changes when the source does.
 * Production: env KLANKBORD_JWT_PRIVATE_KEY (the JWK imported into Supabase's JWT signing keys)
 * with KLANKBORD_JWT_KID. Elsewhere: `<dataDir>/jwt-key.json`, generated on first start.
 */
export function loadPrivateJwk() {
	const env = process.env.KLANKBORD_JWT_PRIVATE_KEY;
	if (env) {
		/** @type {Jwk} */
		const jwk = JSON.parse(env);
		return { jwk, kid: process.env.KLANKBORD_JWT_KID || jwk.kid || thumbprint(jwk) };
	}
	if (process.env.PUBLIC_SUPABASE_URL) {
		throw new Error(
			'Klankbord: PUBLIC_SUPABASE_URL is set but KLANKBORD_JWT_PRIVATE_KEY is not. Supabase accepts only tokens signed with a key imported into the project.'
		);
	}
	const jwk = fileKey();
	return { jwk, kid: jwk.kid || thumbprint(jwk) };
}

/** Which key loadPrivateJwk() would load now (for caching). */
export function keySource() {
	return process.env.KLANKBORD_JWT_PRIVATE_KEY
		? `env:${process.env.KLANKBORD_JWT_KID ?? ''}`
		: `dir:${dataDir()}`;
}

/** Key objects and the public JWK (what PostgREST's PGRST_JWT_SECRET takes). */
export function keyFromJwk(/** @type {Jwk} */ jwk, /** @type {string} */ kid) {
	if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
		throw new Error('Klankbord: the JWT signing key must be a private EC P-256 JWK (ES256).');
	}
	const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
	const publicKey = createPublicKey(privateKey);
	const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
	return {
		kid,
		privateKey,
		publicKey,
		publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig', key_ops: ['verify'] }
	};
}

export function loadSigningKey() {
	const { jwk, kid } = loadPrivateJwk();
	return keyFromJwk(jwk, kid);
}
