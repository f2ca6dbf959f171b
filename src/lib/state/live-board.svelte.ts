import { untrack } from 'svelte';
import type { Board } from '$lib/schemas/evening';

export type Connection = 'connecting' | 'live' | 'reconnecting';

/** Reconnect after ~1 s, then ~2, ~4 … up to ~30 s; each wait is drawn at random in its upper half. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;
/** The server sends something at least every 15 s; this much silence means the line is dead. */
const SILENCE_MS = 45_000;

/** The wait before reconnect attempt `attempt` (0, 1, …): jittered, so a hall does not return at once. */
export function retryDelay(attempt: number, random = Math.random): number {
	const ceiling = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * The live board of one evening, fed by server-sent events (src/lib/server/live/board-events.ts).
 * Starts from the server-rendered board so the page shows the right slide before JavaScript runs;
 * `connect()` (in onMount) then follows the stream. When the connection drops (an error, or
 * silence longer than the heartbeat), `connection` says so and the screen reconnects by itself
 * with a jittered back-off, passing the seq it has: the server answers with the current board if
 * that is newer, so no move is lost and none is shown twice.
 */
export class LiveBoard {
	board = $state<Board>() as Board;
	connection = $state<Connection>('connecting');
	/** How many screens follow this evening (on this server), once the server has said so. */
	viewers = $state<number | null>(null);

	#url: string;
	#source: EventSource | undefined;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#silence: ReturnType<typeof setTimeout> | undefined;
	#attempt = 0;
	#closed = false;

	constructor(initial: Board, url: string) {
		this.board = initial;
		this.#url = url;
	}

	connect(): void {
		this.#closed = false;
		this.#open();
	}

	close(): void {
		this.#closed = true;
		clearTimeout(this.#retry);
		clearTimeout(this.#silence);
		this.#source?.close();
		this.#source = undefined;
	}

	#open() {
		this.#source?.close();
		// ?since= lets the server skip the catch-up when our board is current. A new EventSource
		// sends no Last-Event-ID, so this is how a reconnect says what it has.
		const source = new EventSource(`${this.#url}?since=${this.board.seq}`);
		this.#source = source;
		this.#heard();
		source.onopen = () => {
			this.#attempt = 0;
			this.connection = 'live';
			this.#heard();
		};
		source.addEventListener('ping', () => this.#heard());
		source.addEventListener('board', (event) => {
			this.#heard();
			const board = JSON.parse((event as MessageEvent<string>).data) as Board;
			if (board.seq >= this.board.seq) this.board = board;
			this.connection = 'live';
		});
		source.addEventListener('reactions', (event) => {
			this.#heard();
			const update = JSON.parse((event as MessageEvent<string>).data) as Pick<
				Board,
				'seq' | 'position' | 'reactions'
			>;
			// Built on the board we have (the server checks); a stray one is ignored.
			if (update.seq > this.board.seq && update.position === this.board.position) {
				this.board = { ...this.board, seq: update.seq, reactions: update.reactions };
			}
		});
		source.addEventListener('viewers', (event) => {
			this.#heard();
			this.viewers = (JSON.parse((event as MessageEvent<string>).data) as { count: number }).count;
		});
		source.onerror = () => this.#lost();
	}

	/** Any event from the server (the 15-second ping included) proves the line lives. */
	#heard() {
		clearTimeout(this.#silence);
		this.#silence = setTimeout(() => this.#lost(), SILENCE_MS);
	}

	// We reconnect ourselves rather than let EventSource retry on its fixed interval: with jitter
	// and back-off, a hall whose Wi-Fi comes back does not hit the server in one instant.
	#lost() {
		if (this.#closed) return;
		this.connection = 'reconnecting';
		clearTimeout(this.#silence);
		this.#source?.close();
		this.#source = undefined;
		clearTimeout(this.#retry);
		this.#retry = setTimeout(() => this.#open(), retryDelay(this.#attempt++));
	}
}

export type FollowedBoard<B extends Board | null> = {
	/** The newest board: from the stream, or from the page data when that is newer (a reload). */
	readonly board: B;
	readonly connection: Connection;
	readonly viewers: number | null;
};

/**
 * Follow one evening's board from a component, for the audience, the projector and the presenter
 * alike: a LiveBoard per evening code, connected while the component lives. Keyed by the code (and
 * by whether there is a board yet) only, so a reload of the page data does not tear down the
 * stream; the page data still wins when it is newer than the stream. A presenter's page may have
 * no board before the evening: then nothing is followed until it has one. Call during component
 * initialisation.
 */
export function followBoard(code: () => string, initial: () => Board): FollowedBoard<Board>;
export function followBoard(
	code: () => string | null,
	initial: () => Board | null
): FollowedBoard<Board | null>;
export function followBoard(
	code: () => string | null,
	initial: () => Board | null
): FollowedBoard<Board | null> {
	const followed = $derived(code() !== null && initial() !== null ? code() : null);
	const live = $derived(
		followed === null ? null : new LiveBoard(untrack(initial) as Board, `/avond/${followed}/live`)
	);
	$effect(() => {
		const current = live;
		if (!current) return;
		untrack(() => current.connect());
		return () => current.close();
	});
	const board = $derived.by(() => {
		const fromPage = initial();
		if (!live) return fromPage;
		return fromPage && fromPage.seq > live.board.seq ? fromPage : live.board;
	});
	return {
		get board() {
			return board;
		},
		get connection() {
			return live?.connection ?? 'connecting';
		},
		get viewers() {
			return live?.viewers ?? null;
		}
	};
}
