import { fail, redirect } from '@sveltejs/kit';
import * as people from '$lib/server/api/people';
import { ApiError } from '$lib/server/api/rpc';
import * as sessions from '$lib/server/api/sessions';
import { deviceKeyFor } from '$lib/server/device';
import { refused } from '$lib/server/form-errors';
import { setSessionCookie } from '$lib/server/session';
import { fieldErrors, text } from '$lib/schemas/form';
import { acceptSchema } from '$lib/schemas/staff';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['display_name', 'email', 'password'];

export const load = (async ({ params }) => {
	try {
		return { invitation: await people.lookup(params.token) };
	} catch (cause) {
		// Used, withdrawn, expired or made up (also a token too long to be one of ours, refused
		// before it reaches the database): the page says so, calmly, instead of a form.
		if (
			cause instanceof ApiError &&
			(cause.reason === 'invitation_invalid' || cause.reason === 'invalid_input')
		)
			return { invitation: null };
		throw cause;
	}
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, params, locals, cookies, url }) => {
		const data = await request.formData();
		const values = { display_name: text(data, 'display_name'), email: text(data, 'email') };
		const parsed = acceptSchema().safeParse({
			...values,
			password: text(data, 'password'),
			password_repeat: text(data, 'password_repeat')
		});
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const form = parsed.data;
		let token: string;
		try {
			await people.accept(params.token, {
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
