import { env } from '$env/dynamic/private';
import * as evening from '$lib/server/api/evening';
import type { Board } from '$lib/schemas/evening';
import { encodeBoard, encodeViewers } from './board-events';
import { LiveHub } from './hub';
import { StreamLimits, limitsFrom } from './stream-limits';

/**
 * The one hub of this server process. LIVE_POLL_MS (e.g. 1000) turns on polling of evening_seq,
 * needed only when more than one server instance writes to the same database.
 */
const pollMs = Number(env.LIVE_POLL_MS ?? 0) || 0;

export const hub = new LiveHub<Board>({
	load: evening.board,
	encode: encodeBoard,
	loadSeq: evening.seq,
	pollMs,
	// Well inside the 30–60 s after which proxies and mobile networks drop a quiet connection;
	// the browser treats 45 s of silence as a lost connection (live-board.svelte.ts).
	heartbeatMs: 15_000,
	viewers: encodeViewers,
	viewersMs: 2_000,
	onError: (code, error) => console.error(`[live] ${code}`, error)
});

/** The caps on open live streams of this process (stream-limits.ts). */
export const streams = new StreamLimits(limitsFrom(env));
