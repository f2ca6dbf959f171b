import * as rounds from '$lib/server/api/rounds';
import { requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const person = requireStaff(locals);
	const list = await rounds.list(person);
	return {
		rounds: list.map((round) => ({
			id: round.id,
			title: round.title,
			targetGroup: round.target_group,
			state: round.state,
			counts: round.counts
		}))
	};
}) satisfies PageServerLoad;
