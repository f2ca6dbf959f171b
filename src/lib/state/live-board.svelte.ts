import { untrack } from 'svelte';
import type { Board } from '$lib/schemas/evening';

export type Connection = 'connecting' | 'live' | 'reconnecting';

const RETRY_MS = 2000;

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
		source.onopen = () => (this.connection = 'live');
		source.addEventListener('board', (event) => {
			this.board = JSON.parse((event as MessageEvent<string>).data) as Board;
			this.connection = 'live';
		});
		source.onerror = () => {
			if (this.#closed) return;
			this.connection = 'reconnecting';
			// CONNECTING: the browser retries by itself (retry: 2000). CLOSED: it gave up (a non-SSE
			// answer, e.g. a restarting server), so we try again ourselves.
			if (source.readyState === EventSource.CLOSED) {
				clearTimeout(this.#retry);
				this.#retry = setTimeout(() => this.#open(), RETRY_MS);
			}
		};
	}
}

/**
 * Follow one evening's board from a component: a LiveBoard per evening code, connected while the
 * component lives. Keyed by the code only (a string, so an equal value does not re-run it): a
 * reload of the page data must not tear down the stream. Call during component initialisation.
 */
export function followBoard(
	code: () => string,
	initial: () => Board
): { readonly live: LiveBoard } {
	const live = $derived(new LiveBoard(untrack(initial), `/avond/${code()}/live`));
	$effect(() => {
		const current = live;
		untrack(() => current.connect());
		return () => current.close();
	});
	return {
		get live() {
			return live;
		}
	};
}
