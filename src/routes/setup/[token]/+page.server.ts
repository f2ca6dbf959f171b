import { fail, redirect } from '@sveltejs/kit';
import * as sessions from '$lib/server/api/sessions';
import { refused } from '$lib/server/form-errors';
import { deviceKeyFor } from '$lib/server/device';
import { setSessionCookie } from '$lib/server/session';
import { fieldErrors, text, texts } from '$lib/schemas/form';
import { municipalityCodesSchema, themesSchema } from '$lib/schemas/organisation';
import { setupSchema } from '$lib/schemas/staff';
import type { Actions, PageServerLoad } from './$types';

/** The arguments of setup_complete the form shows a message next to (same names as the fields). */
const FIELDS = [
	'organisation_name',
	'display_name',
	'email',
	'password',
	'municipalities',
	'themes'
];

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
			email: text(data, 'email'),
			municipalities: texts(data, 'municipalities'),
			themes: text(data, 'themes')
		};
		const account = setupSchema().safeParse({
			...values,
			password: text(data, 'password'),
			password_repeat: text(data, 'password_repeat')
		});
		const municipalities = municipalityCodesSchema().safeParse(values.municipalities);
		const themes = themesSchema().safeParse(values.themes);
		if (!account.success || !municipalities.success || !themes.success) {
			const errors = account.success ? {} : fieldErrors(account.error);
			if (!municipalities.success) errors.municipalities = municipalities.error.issues[0].message;
			if (!themes.success) errors.themes = themes.error.issues[0].message;
			return fail(400, { values, errors });
		}
		const form = account.data;
		let token: string;
		try {
			await sessions.completeSetup({
				token: params.token,
				organisationName: form.organisation_name,
				displayName: form.display_name,
				email: form.email,
				password: form.password,
				municipalities: municipalities.data,
				themes: themes.data
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
		// The wizard's last step: start a round from a starter guide, or look around first.
		redirect(303, '/beheer/welkom');
	}
} satisfies Actions;
