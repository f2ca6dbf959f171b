import { error } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api/rpc';
import { m } from '$lib/paraglide/messages';
import { hub, streams } from '$lib/server/live/instance';
import { eveningCodeSchema, normaliseCode, type Board } from '$lib/schemas/evening';
import type { RequestHandler } from './$types';

const HEARTBEAT_MS = 20_000;
/** Seconds a refused stream is asked to wait; the page adds its own jitter (live-board.svelte.ts). */
const RETRY_AFTER_S = 10;
const encoder = new TextEncoder();

/** One SSE message; the board is complete state, so `id:` (= seq) is all a reconnect needs. */
const boardEvent = (board: Board) =>
	`id: ${board.seq}\nevent: board\ndata: ${JSON.stringify(board)}\n\n`;

/**
 * Live board of an evening as server-sent events. Read-only: GET changes nothing. A reconnecting
 * browser sends Last-Event-ID (the seq it last saw); a fresh one may pass ?since=<seq> from the
 * server-rendered page. Either way it gets the current board at once if it is behind.
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

	let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
	let open = true;
	let unsubscribe = () => {};
	const cleanup = () => {
		open = false;
		release();
		clearInterval(heartbeat);
		unsubscribe();
	};
	const send = (text: string) => {
		if (!open) return;
		try {
			controller?.enqueue(encoder.encode(text));
		} catch {
			cleanup(); // the stream is closed: the client went away
		}
	};

	// start() runs synchronously here, so `controller` is set before anything is sent.
	const stream = new ReadableStream<Uint8Array>({
		start: (c) => void (controller = c),
		cancel: cleanup
	});
	const heartbeat = setInterval(() => send(': ping\n\n'), HEARTBEAT_MS);
	send('retry: 2000\n\n');

	try {
		unsubscribe = await hub.subscribe(code, (board) => send(boardEvent(board)), since);
	} catch (cause) {
		cleanup();
		if (cause instanceof ApiError && cause.status === 404) error(404);
		throw cause;
	}
	request.signal.addEventListener('abort', cleanup, { once: true });
	if (request.signal.aborted) cleanup();

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
