import { m } from '$lib/paraglide/messages';
import * as responses from '$lib/server/api/responses';
import { orNotFound } from '$lib/server/not-found';
import type { PageServerLoad } from './$types';

/** A published round's accountability overview: what was heard, what was answered, what peers think. */
export const load = (async ({ params }) => ({
	code: params.code,
	overview: await orNotFound(responses.accountability(null, params.code), m.after_not_found())
})) satisfies PageServerLoad;
