import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';
import * as responses from '$lib/server/api/responses';
import * as teams from '$lib/server/api/teams';
import { orNotFound } from '$lib/server/not-found';
import type { PageServerLoad } from './$types';

/** A published round's accountability overview: what was heard, what was answered, what peers think. */
export const load = (async ({ params }) => {
	// An impossible code (a NUL, a wrong length) is no round, not a database error.
	if (!eveningCodeSchema.safeParse(normaliseCode(params.code)).success)
		error(404, m.after_not_found());
	return {
		code: params.code,
		overview: await orNotFound(responses.accountability(null, params.code), m.after_not_found()),
		// What the teams did with each finding: counts and the published agreements only.
		teams: await orNotFound(teams.ofRound(null, params.code), m.after_not_found())
	};
}) satisfies PageServerLoad;
