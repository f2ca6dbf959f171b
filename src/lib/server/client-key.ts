import { createHmac, randomBytes } from 'node:crypto';
import { env } from '$env/dynamic/private';

/**
 * Rate limits in the database need a per-client key, but an IP address is personal data and must
 * not be stored. A keyed hash (HMAC) cannot be reversed by trying all 2^32 IPv4 addresses without
 * the secret. The secret is random per process unless KLANKBORD_CLIENT_KEY_SECRET is set (needed
 * when several server instances must agree, or limits should survive a restart).
 */
let processSecret: Buffer | null = null;

function secret(): Buffer | string {
	const configured = env.KLANKBORD_CLIENT_KEY_SECRET;
	if (configured && configured.length >= 16) return configured;
	processSecret ??= randomBytes(32);
	return processSecret;
}

export function clientKeyFor(address: string): string {
	return createHmac('sha256', secret()).update(address).digest('base64url');
}
