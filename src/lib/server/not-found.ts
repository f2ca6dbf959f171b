import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api/rpc';

/**
 * Load something for a page, and show a refusal with one of these statuses as the 404 page:
 * a forged or foreign id looks exactly like a missing one. Anything else is thrown on.
 */
export async function orNotFound<T>(
	load: Promise<T>,
	message: string,
	statuses: readonly number[] = [404]
): Promise<T> {
	try {
		return await load;
	} catch (cause) {
		if (cause instanceof ApiError && statuses.includes(cause.status)) error(404, message);
		throw cause;
	}
}
