import { randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { clientKeyFor } from './client-key';

/**
 * Reactions are "one of each per slide per phone", so a phone needs to be recognisable without
 * being anyone: a random cookie, set the first time it reacts, only ever sent to the database as a
 * keyed hash (like the address: client-key.ts). Clearing cookies makes a new phone; the
 * per-address ceiling in the database still holds.
 */
const COOKIE = 'kb_phone';
const ONE_YEAR = 365 * 24 * 60 * 60;

export function phoneKey(cookies: Cookies): string {
	let id = cookies.get(COOKIE);
	if (!id || !/^[A-Za-z0-9_-]{20,64}$/.test(id)) {
		id = randomBytes(24).toString('base64url');
		cookies.set(COOKIE, id, { path: '/avond', httpOnly: true, sameSite: 'lax', maxAge: ONE_YEAR });
	}
	return clientKeyFor(`phone:${id}`);
}
