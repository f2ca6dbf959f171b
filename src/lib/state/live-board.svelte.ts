import { untrack } from 'svelte';
import type { Board } from '$lib/schemas/evening';

export type Connection = 'connecting' | 'live' | 'reconnecting';

const RETRY_MS = 2000;
const RETRY_MAX_MS = 30_000;

/**
 * How long to wait before the n-th try of our own: doubling up to 30 s, each wait spread over
 * half to one and a half times, so a hall of phones refused at once (503, a restart) does not
 * come back at once.
 */
export function retryDelay(attempt: number, random = Math.random): number {
	const base = Math.min(RETRY_MAX_MS, RETRY_MS * 2 ** attempt);
	return Math.round(base * (0.5 + random()));
}

/**
 * The live board of one evening, fed by server-sent events. Starts from the server-rendered board
 * so the page shows the right slide before JavaScript runs; `connect()` (in onMount) then follows
 * the stream. When the connection drops, `connection` says so and the screen catches up by itself:
 * the browser resends Last-Event-ID and the server answers with the current board.
 */
export class LiveBoard {
	board = $state<Board>() as Board;
	connection = $state<Connection>('connecting');

	#url: string;
	#source: EventSource | undefined;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#closed = false;
	#attempts = 0;

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
		this.#source?.close();
		this.#source = undefined;
	}

	#open() {
		this.#source?.close();
		// ?since= lets the server skip the catch-up when our server-rendered board is current.
		const source = new EventSource(`${this.#url}?since=${this.board.seq}`);
		this.#source = source;
		source.onopen = () => {
			this.connection = 'live';
			this.#attempts = 0;
		};
		source.addEventListener('board', (event) => {
			this.board = JSON.parse((event as MessageEvent<string>).data) as Board;
			this.connection = 'live';
		});
		source.onerror = () => {
			if (this.#closed) return;
			this.connection = 'reconnecting';
			// CONNECTING: the browser retries by itself (retry: 2000). CLOSED: it gave up (a non-SSE
			// answer: a restarting server, or 503 when the server is full), so we try again ourselves,
			// calmly (retryDelay).
			if (source.readyState === EventSource.CLOSED) {
				clearTimeout(this.#retry);
				this.#retry = setTimeout(() => this.#open(), retryDelay(this.#attempts++));
			}
		};
	}
}

export type FollowedBoard<B extends Board | null> = {
	/** The newest board: from the stream, or from the page data when that is newer (a reload). */
	readonly board: B;
	readonly connection: Connection;
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
		}
	};
}
