import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { hub } from '$lib/server/live/instance';
import { orNotFound } from '$lib/server/not-found';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';

/**
 * The board for a page under /avond/[code]: one canonical URL per evening (a code typed as
 * "abc-123" redirects to /avond/ABC123), 404 for a code nobody uses. Read through the live hub: a
 * hall that reloads together costs one database read, not one per phone.
 */
export async function loadBoard(code: string, url: URL) {
	const canonical = normaliseCode(code);
	if (!eveningCodeSchema.safeParse(canonical).success) error(404, m.reason_not_found());
	if (canonical !== code) redirect(301, url.pathname.replace(code, canonical) + url.search);
	return orNotFound(hub.read(canonical), m.reason_not_found());
}
