import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as teams from '$lib/server/api/teams';
import { refused } from '$lib/server/form-errors';
import { requireStaff } from '$lib/server/session';
import { text } from '$lib/schemas/form';
import type { Actions, PageServerLoad } from './$types';

/** The organisation's teams (a coordinator makes and renames them; API.md, "Teams"). */
function coordinator(locals: App.Locals) {
	const person = requireStaff(locals);
	// Team notes are the organisation's own: a municipal user has no business here.
	if (person.role !== 'coordinator') error(403, m.teams_coordinators_only());
	return person;
}

export const load = (async ({ locals }) => {
	return { teams: await teams.list(coordinator(locals)) };
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ locals, request }) => {
		const person = coordinator(locals);
		const values = { name: text(await request.formData(), 'name') };
		try {
			await teams.create(person, values.name);
		} catch (cause) {
			const { status, data } = refused(cause, values, { fields: ['name'] });
			return fail(status, { which: 'create' as const, about: '', ...data });
		}
		return { which: 'create' as const, done: values.name.trim() };
	},
	rename: async ({ locals, request }) => {
		const person = coordinator(locals);
		const form = await request.formData();
		const values = { name: text(form, 'name') };
		const id = text(form, 'team_id');
		try {
			await teams.rename(person, id, values.name);
		} catch (cause) {
			const { status, data } = refused(cause, values, { fields: ['name'] });
			return fail(status, { which: 'rename' as const, about: id, ...data });
		}
		return { which: 'rename' as const, done: values.name.trim() };
	}
} satisfies Actions;
