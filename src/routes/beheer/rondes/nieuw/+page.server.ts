import { fail, redirect } from '@sveltejs/kit';
import * as rounds from '$lib/server/api/rounds';
import * as staff from '$lib/server/api/staff';
import { refused } from '$lib/server/form-errors';
import { requireStaff } from '$lib/server/session';
import { parseRoundForm } from '$lib/schemas/staff';
import type { Actions, PageServerLoad } from './$types';

/** Database fields the form shows errors next to; anything else goes to the top of the form. */
const FIELDS = ['title', 'target_group', 'municipality_ids', 'questions'];

export const load = (async ({ locals }) => {
	const person = requireStaff(locals);
	return { municipalities: await staff.municipalities(person) };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		const person = requireStaff(locals);
		const result = parseRoundForm(await request.formData());
		if (!result.ok) return fail(400, { values: result.values, errors: result.errors });
		let id: string;
		try {
			({ id } = await rounds.create(person, result));
		} catch (cause) {
			return refused(cause, result.values, { fields: FIELDS });
		}
		redirect(303, `/beheer/rondes/${id}`);
	}
} satisfies Actions;
