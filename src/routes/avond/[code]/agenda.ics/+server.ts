import { error } from '@sveltejs/kit';
import { icsEvent } from '$lib/evening/ics';
import { m } from '$lib/paraglide/messages';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';
import * as details from '$lib/server/api/evening-details';
import { orNotFound } from '$lib/server/not-found';
import type { RequestHandler } from './$types';

/** The evening as a calendar file; 404 until the coordinator has set its date and place. */
export const GET: RequestHandler = async ({ params, url }) => {
	const code = normaliseCode(params.code);
	if (!eveningCodeSchema.safeParse(code).success) error(404, m.reason_not_found());
	const d = await orNotFound(details.get(code), m.reason_not_found());
	if (!d.starts_at || !d.ends_at || !d.place) error(404, m.details_not_set());
	const body = icsEvent({
		// Stable per evening: a second download updates the same calendar entry.
		uid: `avond-${d.evening_code}@${url.hostname}`,
		start: new Date(d.starts_at),
		end: new Date(d.ends_at),
		summary: d.title,
		location: d.place,
		description: m.evening_ics_description(),
		url: new URL(`/avond/${d.evening_code}`, url).href
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="avond-${d.evening_code}.ics"`
		}
	});
};
