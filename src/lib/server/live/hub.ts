/**
 * In-process fan-out for live evening boards. One channel per evening code; a wake loads the
 * board ONCE and hands that same object to every subscriber, so a hall of 300 phones costs one
 * database call per change, not 300. The board is complete state (not a diff), so the latest
 * board is also the catch-up for a screen that missed events.
 *
 * Wakes come from this server's own writes (the api layer calls `wake` after every function that
 * changes a board: board-changes.ts) and, when
 * `pollMs` is set (LIVE_POLL_MS, for more than one server instance), from a cheap poll of the
 * event sequence. Polling runs only while someone listens.
 */

export type Versioned = { seq: number };
export type Listener<B> = (board: B) => void;

export type HubOptions<B extends Versioned> = {
	/** Load the complete board for a code (as anon). Throws for an unknown code. */
	load: (code: string) => Promise<B>;
	/** Latest event seq for a code; only used when polling. */
	loadSeq?: (code: string) => Promise<number>;
	/** Poll interval in ms; 0 or undefined = no polling. */
	pollMs?: number;
	onError?: (code: string, error: unknown) => void;
};

type Subscriber<B> = { listener: Listener<B>; lastSent?: B };

type Channel<B> = {
	subscribers: Set<Subscriber<B>>;
	board?: B;
	loading?: Promise<void>;
	again: boolean;
	timer?: ReturnType<typeof setInterval>;
	polling: boolean;
};

export class LiveHub<B extends Versioned> {
	#channels = new Map<string, Channel<B>>();
	#options: HubOptions<B>;

	constructor(options: HubOptions<B>) {
		this.#options = options;
	}

	/** How many screens listen to `code` right now. */
	listeners(code: string): number {
		return this.#channels.get(code)?.subscribers.size ?? 0;
	}

	/**
	 * Start listening. Resolves with an unsubscribe function once the listener is registered and
	 * has the current board: sent at once unless `since` (the Last-Event-ID) is already current.
	 * Rejects (and registers nothing) when the board cannot be loaded, e.g. an unknown code.
	 */
	async subscribe(code: string, listener: Listener<B>, since?: number | null): Promise<() => void> {
		const channel = this.#channel(code);
		const subscriber: Subscriber<B> = { listener };
		// Registered before loading, so a wake that lands during the load is not lost.
		channel.subscribers.add(subscriber);
		const unsubscribe = () => this.#leave(code, channel, subscriber);
		try {
			if (!channel.board) await this.#refresh(code, channel, true);
		} catch (error) {
			unsubscribe();
			throw error;
		}
		const board = channel.board as B;
		if (subscriber.lastSent !== board && board.seq !== since) this.#send(subscriber, board);
		else subscriber.lastSent = board;
		this.#startPolling(code, channel);
		return unsubscribe;
	}

	/** Something changed for `code`: load the board once and fan it out. No listeners, no load. */
	async wake(code: string): Promise<void> {
		const channel = this.#channels.get(code);
		if (!channel) return;
		try {
			await this.#refresh(code, channel, false);
		} catch (error) {
			this.#options.onError?.(code, error);
		}
	}

	/** Stop everything (tests, shutdown). */
	close(): void {
		for (const channel of this.#channels.values()) clearInterval(channel.timer);
		this.#channels.clear();
	}

	#channel(code: string): Channel<B> {
		let channel = this.#channels.get(code);
		if (!channel) {
			channel = { subscribers: new Set(), again: false, polling: false };
			this.#channels.set(code, channel);
		}
		return channel;
	}

	// Wakes that arrive while a load runs are folded into one more load after it: many quick
	// moves cost at most two loads in flight, and the last state always goes out.
	async #refresh(code: string, channel: Channel<B>, initial: boolean): Promise<void> {
		if (channel.loading) {
			if (!initial) channel.again = true;
			return channel.loading;
		}
		channel.loading = (async () => {
			try {
				do {
					channel.again = false;
					const board = await this.#options.load(code);
					const changed = !channel.board || JSON.stringify(channel.board) !== JSON.stringify(board);
					if (changed) channel.board = board;
					const current = channel.board as B;
					for (const subscriber of channel.subscribers) {
						if (subscriber.lastSent && subscriber.lastSent !== current)
							this.#send(subscriber, current);
					}
				} while (channel.again);
			} finally {
				channel.loading = undefined;
			}
		})();
		return channel.loading;
	}

	#send(subscriber: Subscriber<B>, board: B) {
		subscriber.lastSent = board;
		try {
			subscriber.listener(board);
		} catch (error) {
			this.#options.onError?.('listener', error);
		}
	}

	#leave(code: string, channel: Channel<B>, subscriber: Subscriber<B>) {
		channel.subscribers.delete(subscriber);
		if (channel.subscribers.size > 0 || this.#channels.get(code) !== channel) return;
		clearInterval(channel.timer);
		this.#channels.delete(code);
	}

	#startPolling(code: string, channel: Channel<B>) {
		const { pollMs, loadSeq } = this.#options;
		// Idempotent: every subscribe asks, the first one starts it.
		if (!pollMs || !loadSeq || channel.timer || this.#channels.get(code) !== channel) return;
		channel.timer = setInterval(() => {
			if (channel.polling) return;
			channel.polling = true;
			loadSeq(code)
				.then((seq) => (seq !== channel.board?.seq ? this.wake(code) : undefined))
				.catch((error: unknown) => this.#options.onError?.(code, error))
				.finally(() => (channel.polling = false));
		}, pollMs);
		channel.timer.unref?.();
	}
}
