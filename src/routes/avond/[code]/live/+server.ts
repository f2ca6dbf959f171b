import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api/rpc';
import { m } from '$lib/paraglide/messages';
import { hub, streams } from '$lib/server/live/instance';
import type { Subscription } from '$lib/server/live/hub';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';
import type { RequestHandler } from './$types';

// The browser reconnects by itself (live-board.svelte.ts, with jitter); this hint is for other
// EventSource clients only.
const HELLO = new TextEncoder().encode('retry: 2000\n\n');
/** Seconds a refused stream is asked to wait; the page adds its own jitter (live-board.svelte.ts). */
const RETRY_AFTER_S = 10;

/**
 * Live board of an evening as server-sent events (messages: live/board-events.ts). Read-only: GET
 * changes nothing. A reconnecting browser sends Last-Event-ID (the seq it last saw); a fresh one
 * may pass ?since=<seq> from the server-rendered page. Either way it gets the current board at
 * once if it is behind, and nothing if it is current.
 *
 * The stream is pulled: the next chunk is asked from the hub only when the network took the last
 * one, so a slow phone gets the newest board, never a queue of old ones. Streams are capped per
 * network address and per instance (live/streams): beyond a cap, 503 with Retry-After.
 */
export const GET: RequestHandler = async ({ params, request, url, locals }) => {
	const code = normaliseCode(params.code);
	if (!eveningCodeSchema.safeParse(code).success) error(404);
	const since = parseSince(request.headers.get('last-event-id') ?? url.searchParams.get('since'));
	const release = streams.tryOpen(locals.clientKey);
	if (!release) {
		return new Response(m.live_busy(), {
			status: 503,
			headers: {
				'retry-after': String(RETRY_AFTER_S),
				'content-type': 'text/plain; charset=utf-8'
			}
		});
	}

	let subscription: Subscription;
	try {
		subscription = await hub.subscribe(code, since);
	} catch (cause) {
		release();
		if (cause instanceof ApiError && cause.status === 404) error(404);
		throw cause;
	}
	let ended = false;
	const end = () => {
		if (ended) return;
		ended = true;
		release();
		subscription.close();
	};
	request.signal.addEventListener('abort', end, { once: true });
	if (request.signal.aborted) end();

	const stream = new ReadableStream<Uint8Array>(
		{
			start: (controller) => controller.enqueue(HELLO),
			pull: async (controller) => {
				const chunk = await subscription.next();
				if (chunk) controller.enqueue(chunk);
				else {
					end();
					controller.close();
				}
			},
			cancel: end
		},
		// Nothing is buffered ahead of the reader: pull runs when the reader wants a chunk.
		{ highWaterMark: 0 }
	);

	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform',
			// Tell reverse proxies (nginx) not to buffer the stream.
			'x-accel-buffering': 'no'
		}
	});
};

function parseSince(value: string | null): number | null {
	if (value === null || !/^\d{1,15}$/.test(value)) return null;
	return Number(value);
}
