import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as results from '$lib/server/api/results';
import { ApiError } from '$lib/server/api/rpc';
import { orNotFound } from '$lib/server/not-found';
import { requireStaff } from '$lib/server/session';

/**
 * The results of a round for a staff member, or a 404: a foreign or forged id looks like a
 * missing one; a round of their own that is not published yet says so.
 */
export async function loadResults(locals: App.Locals, id: string) {
	const person = requireStaff(locals);
	if (!z.uuid().safeParse(id).success) error(404, m.error_not_found());
	try {
		return {
			person,
			results: await orNotFound(results.get(person, id), m.error_not_found(), [404, 403])
		};
	} catch (cause) {
		if (cause instanceof ApiError && cause.reason === 'wrong_state')
			error(404, m.results_not_published());
		throw cause;
	}
}
