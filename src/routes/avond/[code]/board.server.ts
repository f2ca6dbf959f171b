import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/server/api/rpc';
import * as evening from '$lib/server/api/evening';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';

/**
 * The board for a page under /avond/[code]: one canonical URL per evening (a code typed as
 * "abc-123" redirects to /avond/ABC123), 404 for a code nobody uses.
 */
export async function loadBoard(code: string, url: URL) {
	const canonical = normaliseCode(code);
	if (!eveningCodeSchema.safeParse(canonical).success) error(404, m.reason_not_found());
	if (canonical !== code) redirect(301, url.pathname.replace(code, canonical) + url.search);
	try {
		return await evening.board(canonical);
	} catch (cause) {
		if (cause instanceof ApiError && cause.status === 404) error(404, m.reason_not_found());
		throw cause;
	}
}
