import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';
import { atom } from '$lib/after/atom';
import { statusLabel } from '$lib/labels';
import * as responses from '$lib/server/api/responses';
import { orNotFound } from '$lib/server/not-found';
import type { RequestHandler } from './$types';

/** The public Atom feed of a published round's responses, newest first (API.md, round_responses). */
export const GET: RequestHandler = async ({ params, url }) => {
	// An impossible code (a NUL, a wrong length) is no round, not a database error.
	if (!eveningCodeSchema.safeParse(normaliseCode(params.code)).success)
		error(404, m.after_not_found());
	// The public's view, whoever asks: a feed reader carries no session anyway.
	const feed = await orNotFound(responses.feed(null, params.code), m.after_not_found());
	const page = (findingId: string) => new URL(`/bevinding/${findingId}`, url).href;
	const body = atom({
		id: `urn:klankbord:round:${feed.round.evening_code}:responses`,
		title: m.after_feed_title({ title: feed.round.title }),
		self: url.href,
		alternate: new URL(`/verifieer/${feed.round.evening_code}`, url).href,
		updated: feed.responses[0]?.created_at ?? feed.round.published_at ?? new Date(0).toISOString(),
		entries: feed.responses.map((r) => ({
			id: `urn:uuid:${r.id}`,
			title: m.after_feed_entry_title({
				status: statusLabel(r.status),
				statement: r.statement ?? m.after_feed_withdrawn()
			}),
			link: page(r.finding_id),
			updated: r.created_at,
			content: r.reason ? `${r.body}\n\n${m.after_response_reason({ reason: r.reason })}` : r.body
		}))
	});
	return new Response(body, {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
