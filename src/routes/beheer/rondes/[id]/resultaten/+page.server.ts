import * as results from '$lib/server/api/results';
import { refused } from '$lib/server/form-errors';
import { requireStaff } from '$lib/server/session';
import { loadResults } from './results.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const { person, results } = await loadResults(locals, params.id);
	return { results, canShare: person.role === 'coordinator' };
}) satisfies PageServerLoad;

/** A refusal (a councillor, a revoked session) comes back as a calm message by the buttons. */
async function share(run: () => Promise<{ link?: string; revoked?: boolean }>) {
	try {
		return await run();
	} catch (cause) {
		return refused(cause, {});
	}
}

export const actions = {
	share: ({ locals, params, url }) =>
		share(async () => {
			const { token } = await results.createLink(requireStaff(locals), params.id);
			return { link: `${url.origin}/resultaten/${token}` };
		}),
	revoke: ({ locals, params }) =>
		share(async () => {
			await results.revokeLink(requireStaff(locals), params.id);
			return { revoked: true };
		})
} satisfies Actions;
