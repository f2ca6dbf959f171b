import { fail, redirect } from '@sveltejs/kit';
import * as rounds from '$lib/server/api/rounds';
import * as staff from '$lib/server/api/staff';
import { refused } from '$lib/server/form-errors';
import { requireStaff } from '$lib/server/session';
import {
	emptyRow,
	parseRoundForm,
	PRESENTER_QUORUM_DEFAULT,
	type RoundFormValues
} from '$lib/schemas/staff';
import { starterGuide } from '$lib/data/starter-guides';
import type { Actions, PageServerLoad } from './$types';

/** Database fields the form shows errors next to; anything else goes to the top of the form. */
const FIELDS = ['title', 'target_group', 'municipality_ids', 'presenter_quorum', 'questions'];

export const load = (async ({ locals, url }) => {
	const person = requireStaff(locals);
	const municipalities = await staff.municipalities(person);
	// ?gids=ouders|jongeren: the form starts filled in from a starter guide, to change at will.
	const guide = starterGuide(url.searchParams.get('gids'));
	const initial: RoundFormValues | null = guide
		? {
				title: `${guide.title} ${new Date().getFullYear() + 1}`,
				target_group: guide.targetGroup,
				municipality_ids: municipalities.map((mu) => mu.id),
				presenter_quorum: String(PRESENTER_QUORUM_DEFAULT),
				questions: guide.questions.map((q) => ({
					...emptyRow(q.kind),
					prompt: q.prompt,
					theme: q.theme,
					scale_min_label: q.scale_min_label ?? '',
					scale_max_label: q.scale_max_label ?? '',
					options: (q.options ?? []).join('\n'),
					key: q.key
				}))
			}
		: null;
	return { municipalities, initial };
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
