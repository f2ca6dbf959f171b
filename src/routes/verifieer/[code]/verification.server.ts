import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getVerification } from '$lib/server/api/verification';
import { orNotFound } from '$lib/server/not-found';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';

/**
 * The public verification data of a round, for the page and the JSON download alike: one canonical
 * URL per evening (a code typed as "jong-27" redirects to JONG27) and a friendly 404 otherwise.
 * Always asked as anon (inside getVerification): what one visitor can check, everyone can.
 */
export async function loadVerification(code: string, url: URL) {
	const canonical = normaliseCode(code);
	if (!eveningCodeSchema.safeParse(canonical).success) error(404, m.verify_unknown_code());
	if (canonical !== code) redirect(301, url.pathname.replace(code, canonical) + url.search);
	const verification = await orNotFound(getVerification(canonical), m.verify_unknown_code());
	return { code: canonical, verification };
}
