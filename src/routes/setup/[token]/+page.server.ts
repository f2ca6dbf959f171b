import { fail, redirect } from '@sveltejs/kit';
import * as sessions from '$lib/server/api/sessions';
import { refused } from '$lib/server/form-errors';
import { deviceKeyFor } from '$lib/server/device';
import { setSessionCookie } from '$lib/server/session';
import { fieldErrors, text } from '$lib/schemas/form';
import { setupSchema } from '$lib/schemas/staff';
import type { Actions, PageServerLoad } from './$types';

/** The arguments of setup_complete the form shows a message next to (same names as the fields). */
const FIELDS = ['organisation_name', 'display_name', 'email', 'password'];

export const load = (async () => {
	// The token itself is only checked on submit: checking it here would need a second function.
	return { needed: await sessions.setupNeeded() };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, params, locals, cookies, url }) => {
		const data = await request.formData();
		const values = {
			organisation_name: text(data, 'organisation_name'),
			display_name: text(data, 'display_name'),
			email: text(data, 'email')
		};
		const parsed = setupSchema().safeParse({
			...values,
			password: text(data, 'password'),
			password_repeat: text(data, 'password_repeat')
		});
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const form = parsed.data;
		let token: string;
		try {
			await sessions.completeSetup({
				token: params.token,
				organisationName: form.organisation_name,
				displayName: form.display_name,
				email: form.email,
				password: form.password
			});
			({ token } = await sessions.login(
				form.email,
				form.password,
				locals.clientKey,
				deviceKeyFor(cookies, url)
			));
		} catch (cause) {
			return refused(cause, values, { fields: FIELDS });
		}
		setSessionCookie(cookies, token, url, 'staff');
		redirect(303, '/beheer');
	}
} satisfies Actions;
