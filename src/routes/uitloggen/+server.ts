import { redirect } from '@sveltejs/kit';
import * as sessions from '$lib/server/api/sessions';
import { clearSessionCookie } from '$lib/server/session';
import type { RequestHandler } from './$types';

/** POST only (a GET must never change state): end the session in the database, then the cookie. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.sessionToken) {
		try {
			await sessions.revoke(locals.sessionToken);
		} catch (error) {
			// Still clear the cookie: the person asked to leave this device.
			console.error('[logout] could not revoke the session', error);
		}
	}
	clearSessionCookie(cookies, url);
	redirect(303, '/');
};
