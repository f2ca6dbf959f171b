#!/usr/bin/env node
// Prints a new ES256 (P-256) private key as a JWK with its kid, for production on Supabase:
// import it under the project's JWT signing keys and give the app the same JWK as
// KLANKBORD_JWT_PRIVATE_KEY and its kid as KLANKBORD_JWT_KID. Local modes generate their own key
// in the data directory, so they never need this.
import { generateKeyPairSync } from 'node:crypto';
import { thumbprint } from '../src/lib/server/jwt-key.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = privateKey.export({ format: 'jwk' });
const kid = thumbprint(jwk);
console.log(JSON.stringify({ ...jwk, kid, alg: 'ES256', use: 'sig' }));
console.error(
	`KLANKBORD_JWT_KID=${kid}  (the private key above goes in KLANKBORD_JWT_PRIVATE_KEY)`
);
