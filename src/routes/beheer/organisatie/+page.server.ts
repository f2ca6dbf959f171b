import { fail } from '@sveltejs/kit';
import * as organisation from '$lib/server/api/organisation';
import { refused } from '$lib/server/form-errors';
import { requireStaff } from '$lib/server/session';
import { fieldErrors, text, texts } from '$lib/schemas/form';
import { municipalityCodesSchema, organisationSchema } from '$lib/schemas/organisation';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const person = requireStaff(locals);
	return {
		organisation: await organisation.get(person),
		canEdit: person.role === 'coordinator'
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals }) => {
		const person = requireStaff(locals);
		const data = await request.formData();
		const values = { name: text(data, 'name'), themes: text(data, 'themes') };
		const parsed = organisationSchema().safeParse(values);
		if (!parsed.success)
			return fail(400, { form: 'save', values, errors: fieldErrors(parsed.error) });
		try {
			await organisation.update(person, parsed.data.name, parsed.data.themes);
		} catch (cause) {
			return refused(cause, values, { fields: ['name', 'themes'] });
		}
		return { form: 'save', saved: true };
	},
	add: async ({ request, locals }) => {
		const person = requireStaff(locals);
		const values = { municipalities: texts(await request.formData(), 'municipalities') };
		const parsed = municipalityCodesSchema().safeParse(values.municipalities);
		if (!parsed.success) {
			const errors = { municipalities: parsed.error.issues[0].message };
			return fail(400, { form: 'add', values, errors });
		}
		try {
			// One at a time: each is its own small change, and a refusal names the first problem.
			for (const municipality of parsed.data)
				await organisation.addMunicipality(person, municipality);
		} catch (cause) {
			return refused(cause, values, { fields: ['municipalities'] });
		}
		return { form: 'add', added: parsed.data.length };
	},
	remove: async ({ request, locals }) => {
		const person = requireStaff(locals);
		const id = text(await request.formData(), 'municipality_id');
		try {
			await organisation.removeMunicipality(person, id);
		} catch (cause) {
			return refused(cause, {}, { otherwise: 'remove' });
		}
		return { form: 'remove', removed: true };
	}
} satisfies Actions;
