import * as results from '$lib/server/api/results';
import { requireStaff } from '$lib/server/session';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	keys: await results.byKey(requireStaff(locals))
})) satisfies PageServerLoad;
