import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as members from '$lib/server/api/members';
import { requireInterviewer } from '$lib/server/api/interviews';
import { refused } from '$lib/server/form-errors';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const person = requireInterviewer(locals.person);
	return { roster: await members.roster(person) };
}) satisfies PageServerLoad;

const confirmForm = z.object({ interviewer_id: z.uuid(), on: z.enum(['true', 'false']) });

/** `values.interviewer_id` says which person's card a message belongs to ('' = my own). */
export const actions = {
	presenteren: async ({ locals, request }) => {
		const person = requireInterviewer(locals.person);
		const on = (await request.formData()).get('on') === 'true';
		const values = { interviewer_id: '' };
		try {
			await members.volunteer(person, on);
		} catch (cause) {
			return refused(cause, values);
		}
		return { values, done: on ? m.group_volunteer_done() : m.group_step_back_done() };
	},
	bevestigen: async ({ locals, request }) => {
		const person = requireInterviewer(locals.person);
		const data = await request.formData();
		const parsed = confirmForm.safeParse({
			interviewer_id: data.get('interviewer_id'),
			on: data.get('on')
		});
		const values = { interviewer_id: String(data.get('interviewer_id') ?? '').slice(0, 40) };
		if (!parsed.success) return fail(400, { values, errors: { form: m.reason_not_found() } });
		const on = parsed.data.on === 'true';
		try {
			await members.confirm(person, parsed.data.interviewer_id, on);
		} catch (cause) {
			return refused(cause, values);
		}
		return { values, done: on ? m.group_confirm_done() : m.group_unconfirm_done() };
	}
} satisfies Actions;
