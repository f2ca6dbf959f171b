import { fail, redirect } from '@sveltejs/kit';
import * as sessions from '$lib/server/api/sessions';
import { refused } from '$lib/server/form-errors';
import { deviceKeyFor } from '$lib/server/device';
import { FAILED_PARAM } from '$lib/server/failed-logins';
import { setSessionCookie } from '$lib/server/session';
import { fieldErrors, text } from '$lib/schemas/form';
import { loginSchema } from '$lib/schemas/staff';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals }) => {
	if (locals.person?.kind === 'staff') redirect(303, '/beheer');
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		const data = await request.formData();
		const values = { email: text(data, 'email') };
		const parsed = loginSchema().safeParse({
			email: values.email,
			password: text(data, 'password')
		});
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		let token: string;
		let failed: number;
		try {
			({ token, failed_attempts: failed } = await sessions.login(
				parsed.data.email,
				parsed.data.password,
				locals.clientKey,
				deviceKeyFor(cookies, url)
			));
		} catch (cause) {
			return refused(cause, values, { fields: ['email', 'password'] });
		}
		// A fresh token on every login (ASVS 7.2.4); the old device session, if any, ends now.
		if (locals.sessionToken) await sessions.revoke(locals.sessionToken).catch(() => undefined);
		setSessionCookie(cookies, token, url, 'staff');
		// Told once, on the page after login: someone may have been guessing this password.
		redirect(303, failed > 0 ? `/beheer?${FAILED_PARAM}=${failed}` : '/beheer');
	}
} satisfies Actions;
