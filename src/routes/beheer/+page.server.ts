import * as rounds from '$lib/server/api/rounds';
import { failedLogins } from '$lib/server/failed-logins';
import { requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const person = requireStaff(locals);
	const list = await rounds.list(person);
	return {
		failedLogins: failedLogins(url),
		// Making rounds, inviting people and team meetings are for coordinators; a municipal user
		// reads (team notes stay inside the organisation).
		isCoordinator: person.role === 'coordinator',
		rounds: list.map((round) => ({
			id: round.id,
			title: round.title,
			targetGroup: round.target_group,
			state: round.state,
			counts: round.counts
		}))
	};
}) satisfies PageServerLoad;
