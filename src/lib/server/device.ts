import { randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { clientKeyFor } from '$lib/server/client-key';

/**
 * A device, for the join and login limits (issue 8): fifteen parents on one Wi-Fi share an
 * address but not a device, so wrong tries are counted per device with a low ceiling and per
 * address with a high one (api/session.sql). A random id in a cookie; the database gets its keyed
 * hash only. Someone who throws the cookie away gets a new device, and meets the address ceiling.
 */
const DEVICE_COOKIE = 'kb_device';
const YEAR_S = 365 * 24 * 60 * 60;

/** The device's key when it already has the cookie, else null (nothing is set). */
export function existingDeviceKey(cookies: Cookies): string | null {
	const id = cookies.get(DEVICE_COOKIE);
	return id && /^[\w-]{20,64}$/.test(id) ? clientKeyFor(`device:${id}`) : null;
}

export function deviceKeyFor(cookies: Cookies, url: URL): string {
	let id = cookies.get(DEVICE_COOKIE);
	if (!id || !/^[\w-]{20,64}$/.test(id)) {
		id = randomBytes(24).toString('base64url');
		cookies.set(DEVICE_COOKIE, id, {
			path: '/',
			httpOnly: true,
			secure: url.protocol === 'https:',
			sameSite: 'lax',
			maxAge: YEAR_S
		});
	}
	return clientKeyFor(`device:${id}`);
}
