import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { noticesEnabled } from '$lib/after/notices.server';
import { requireInterviewer } from '$lib/server/api/interviews';
import * as notices from '$lib/server/api/notices';
import { refused } from '$lib/server/form-errors';
import { text } from '$lib/schemas/form';
import type { Actions, PageServerLoad } from './$types';

/**
 * An interviewer's e-mail notice of new responses (issue 13): leave an address, or remove it at
 * once. Leaving one is possible only where mail can be sent (SMTP configured); removing always is,
 * so an address left before SMTP was turned off can still be taken away.
 */
export const load = (async ({ locals, url }) => {
	const person = requireInterviewer(locals.person);
	const { email } = await notices.address(person);
	const done = url.searchParams.get('melding');
	return {
		enabled: noticesEnabled(),
		email,
		done: done === 'opgeslagen' || done === 'weg' ? done : null
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ locals, request }) => {
		const person = requireInterviewer(locals.person);
		const values = { email: text(await request.formData(), 'email') };
		if (!noticesEnabled()) return fail(400, { values, errors: { email: m.reason_notices_off() } });
		try {
			await notices.leave(person, values.email);
		} catch (cause) {
			return refused(cause, values, { fields: ['email'] });
		}
		redirect(303, '/meldingen?melding=opgeslagen');
	},
	remove: async ({ locals }) => {
		const person = requireInterviewer(locals.person);
		await notices.remove(person);
		redirect(303, '/meldingen?melding=weg');
	}
} satisfies Actions;
