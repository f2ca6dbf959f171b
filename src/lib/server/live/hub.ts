/**
 * In-process fan-out for live evening boards. One channel per evening code. A change costs one
 * database load and one serialisation, whatever the size of the hall: the hub turns the new board
 * into SSE bytes once (`encode`) and hands those same bytes to every subscriber. When only a small
 * part changed (the reaction counts), `encode` can offer a small event beside the full board.
 *
 * Each subscriber is pulled, not pushed: its stream asks for the next chunk when the network has
 * taken the previous one (`Subscription.next`). A subscriber that fell behind therefore never gets
 * a queue of old boards, only the newest full board: the board is complete state, so the latest
 * board is the catch-up, and a slow phone cannot make the server buffer for it.
 *
 * Wakes come from this server's own writes (the api layer calls `wake` after every function that
 * changes a board: board-changes.ts) and, when `pollMs` is set (LIVE_POLL_MS, for more than one
 * server instance), from a cheap poll of the event sequence. Polling, heartbeats and the viewer
 * count run only while someone listens.
 */

export type Versioned = { seq: number };

/** The SSE text of a board, made once per change. `delta`: a smaller event with the same effect. */
export type Encoded = { full: string; delta?: string | null };

export type HubOptions<B extends Versioned> = {
	/** Load the complete board for a code (as anon). Throws for an unknown code. */
	load: (code: string) => Promise<B>;
	/** The SSE message(s) for a board; `previous` is the board the subscribers have now. */
	encode?: (board: B, previous: B | undefined) => Encoded;
	/** Latest event seq for a code; only used when polling. */
	loadSeq?: (code: string) => Promise<number>;
	/** Poll interval in ms; 0 or undefined = no polling. */
	pollMs?: number;
	/** A ping to every idle subscriber this often, so proxies keep the line and screens see it lives. */
	heartbeatMs?: number;
	/** The SSE message telling screens how many listen; sent when it changed, at most every `viewersMs`. */
	viewers?: (count: number) => string;
	viewersMs?: number;
	onError?: (code: string, error: unknown) => void;
};

const encoder = new TextEncoder();
// An event, not an SSE comment: the browser sees events only, and treats long silence as a drop.
const PING = encoder.encode('event: ping\ndata: 1\n\n');

const defaultEncode = <B>(board: B): Encoded => ({
	full: `id: ${(board as Versioned).seq}\nevent: board\ndata: ${JSON.stringify(board)}\n\n`
});

type Pending = { state?: Uint8Array; viewers?: Uint8Array; ping?: boolean };

/**
 * One screen's place in a channel. `next()` resolves with the bytes to write next (everything
 * pending, in one chunk), or null once the subscription is closed.
 */
export class Subscription {
	#pending: Pending = {};
	#waiter: ((chunk: Uint8Array | null) => void) | undefined;
	#closed = false;
	#leave: () => void;
	/** The board state this subscriber has been given (its seq), so a wake sends only news. */
	seq: number | undefined;

	constructor(leave: () => void) {
		this.#leave = leave;
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Whether board bytes are waiting to be written: a backlog. */
	get behind(): boolean {
		return this.#pending.state !== undefined;
	}

	next(): Promise<Uint8Array | null> {
		if (this.#closed) return Promise.resolve(null);
		const chunk = this.#take();
		if (chunk) return Promise.resolve(chunk);
		return new Promise((resolve) => (this.#waiter = resolve));
	}

	close(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#pending = {};
		this.#leave();
		this.#waiter?.(null);
		this.#waiter = undefined;
	}

	/** Board bytes replace board bytes not yet written: only the newest state matters. */
	queueState(bytes: Uint8Array, seq: number): void {
		this.seq = seq;
		this.#pending.state = bytes;
		this.#pending.ping = false;
		this.#flush();
	}

	queueViewers(bytes: Uint8Array): void {
		this.#pending.viewers = bytes;
		this.#flush();
	}

	queuePing(): void {
		if (this.#pending.state || this.#pending.viewers) return;
		this.#pending.ping = true;
		this.#flush();
	}

	#flush() {
		if (!this.#waiter) return;
		const chunk = this.#take();
		if (!chunk) return;
		const waiter = this.#waiter;
		this.#waiter = undefined;
		waiter(chunk);
	}

	#take(): Uint8Array | undefined {
		const { state, viewers, ping } = this.#pending;
		this.#pending = {};
		if (state && viewers) {
			const both = new Uint8Array(state.length + viewers.length);
			both.set(state);
			both.set(viewers, state.length);
			return both;
		}
		return state ?? viewers ?? (ping ? PING : undefined);
	}
}

type Channel<B> = {
	subscribers: Set<Subscription>;
	board?: B;
	/** `board` as a full board event: its text (to see whether a load brought news) and bytes. */
	fullText?: string;
	full?: Uint8Array;
	/** The small event that took the subscribers from the previous board to `board`, if any. */
	delta?: Uint8Array;
	/** The seq the delta applies on top of. */
	deltaFrom?: number;
	/** Wakes are numbered; a load takes the newest number at its start and settles up to it. */
	requested: number;
	started: number;
	loading: boolean;
	waiters: { upTo: number; resolve: () => void; reject: (error: unknown) => void }[];
	timers: ReturnType<typeof setInterval>[];
	polling: boolean;
	viewersSent: number;
};

export class LiveHub<B extends Versioned> {
	#channels = new Map<string, Channel<B>>();
	#reads = new Map<string, Promise<B>>();
	#options: HubOptions<B>;
	#encode: (board: B, previous: B | undefined) => Encoded;

	constructor(options: HubOptions<B>) {
		this.#options = options;
		this.#encode = options.encode ?? defaultEncode;
	}

	/** How many screens listen to `code` right now. */
	listeners(code: string): number {
		return this.#channels.get(code)?.subscribers.size ?? 0;
	}

	/**
	 * The current board of `code` for a page load. While screens listen, the hub's board is kept
	 * current by every wake, so a storm of page loads costs no database reads; otherwise concurrent
	 * reads of one code share one load.
	 */
	read(code: string): Promise<B> {
		const board = this.#channels.get(code)?.board;
		if (board) return Promise.resolve(board);
		let read = this.#reads.get(code);
		if (!read) {
			read = this.#options.load(code).finally(() => this.#reads.delete(code));
			this.#reads.set(code, read);
		}
		return read;
	}

	/**
	 * Start listening. Resolves once the subscriber is registered and has the current board
	 * queued, unless `since` (the Last-Event-ID) is already current. Rejects (and registers
	 * nothing) when the board cannot be loaded, e.g. an unknown code.
	 */
	async subscribe(code: string, since?: number | null): Promise<Subscription> {
		const channel = this.#channel(code);
		const subscription = new Subscription(() => this.#leave(code, channel, subscription));
		// Registered before loading, so a wake that lands during the load is not lost.
		channel.subscribers.add(subscription);
		try {
			if (!channel.full) await this.#refresh(code, channel, true);
		} catch (error) {
			subscription.close();
			throw error;
		}
		if (subscription.seq === undefined) {
			const board = channel.board as B;
			if (board.seq === since) subscription.seq = board.seq;
			else subscription.queueState(channel.full as Uint8Array, board.seq);
		}
		this.#startTimers(code, channel);
		return subscription;
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
		for (const channel of this.#channels.values()) {
			for (const timer of channel.timers) clearInterval(timer);
			for (const subscription of [...channel.subscribers]) subscription.close();
		}
		this.#channels.clear();
	}

	#channel(code: string): Channel<B> {
		let channel = this.#channels.get(code);
		if (!channel) {
			channel = {
				subscribers: new Set(),
				requested: 0,
				started: 0,
				loading: false,
				waiters: [],
				polling: false,
				timers: [],
				viewersSent: -1
			};
			this.#channels.set(code, channel);
		}
		return channel;
	}

	// Wakes that arrive while a load runs are folded into one more load after it: many quick
	// moves cost at most one load in flight and one waiting, and the last state always goes out.
	// Each wake resolves as soon as a load that began after it is done, not when the wakes stop:
	// a presenter moving ten times a second must not wait for a quiet moment.
	// `initial` (a first subscriber) may share a load already in flight.
	#refresh(code: string, channel: Channel<B>, initial: boolean): Promise<void> {
		const upTo = initial && channel.loading ? channel.started : ++channel.requested;
		const done = new Promise<void>((resolve, reject) =>
			channel.waiters.push({ upTo, resolve, reject })
		);
		if (!channel.loading) void this.#loadLoop(code, channel);
		return done;
	}

	async #loadLoop(code: string, channel: Channel<B>): Promise<void> {
		channel.loading = true;
		try {
			while (channel.started < channel.requested) {
				const upTo = (channel.started = channel.requested);
				let failure: { error: unknown } | undefined;
				try {
					const board = await this.#options.load(code);
					if (this.#adopt(channel, board)) this.#fanOut(channel);
				} catch (error) {
					failure = { error };
				}
				const settled = channel.waiters.filter((waiter) => waiter.upTo <= upTo);
				channel.waiters = channel.waiters.filter((waiter) => waiter.upTo > upTo);
				for (const waiter of settled) {
					if (failure) waiter.reject(failure.error);
					else waiter.resolve();
				}
			}
		} finally {
			channel.loading = false;
		}
	}

	/** Take a freshly loaded board; false when it is what the subscribers already have. */
	#adopt(channel: Channel<B>, board: B): boolean {
		const previous = channel.board;
		const { full, delta } = this.#encode(board, previous);
		if (full === channel.fullText) return false;
		channel.deltaFrom = previous?.seq;
		channel.delta = delta ? encoder.encode(delta) : undefined;
		channel.board = board;
		channel.fullText = full;
		channel.full = encoder.encode(full);
		return true;
	}

	#fanOut(channel: Channel<B>) {
		const { full, delta, deltaFrom } = channel;
		const seq = (channel.board as B).seq;
		for (const subscription of channel.subscribers) {
			if (subscription.seq === undefined || subscription.seq === seq) continue;
			// The small event only for a subscriber that has exactly the board it builds on and no
			// backlog; anyone else gets the full board.
			const small = delta && subscription.seq === deltaFrom && !subscription.behind;
			subscription.queueState((small ? delta : full) as Uint8Array, seq);
		}
	}

	#leave(code: string, channel: Channel<B>, subscription: Subscription) {
		channel.subscribers.delete(subscription);
		if (channel.subscribers.size > 0 || this.#channels.get(code) !== channel) return;
		for (const timer of channel.timers) clearInterval(timer);
		this.#channels.delete(code);
	}

	#startTimers(code: string, channel: Channel<B>) {
		// Idempotent: every subscribe asks, the first one starts them.
		if (channel.timers.length > 0 || this.#channels.get(code) !== channel) return;
		const { pollMs, loadSeq, heartbeatMs, viewers, viewersMs } = this.#options;
		const every = (ms: number, run: () => void) => {
			const timer = setInterval(run, ms);
			timer.unref?.();
			channel.timers.push(timer);
		};
		if (pollMs && loadSeq) {
			every(pollMs, () => {
				if (channel.polling) return;
				channel.polling = true;
				loadSeq(code)
					.then((seq) => (seq !== channel.board?.seq ? this.wake(code) : undefined))
					.catch((error: unknown) => this.#options.onError?.(code, error))
					.finally(() => (channel.polling = false));
			});
		}
		if (heartbeatMs) {
			every(heartbeatMs, () => {
				for (const subscription of channel.subscribers) subscription.queuePing();
			});
		}
		if (viewers && viewersMs) {
			const tell = () => {
				const count = channel.subscribers.size;
				if (count === channel.viewersSent) return;
				channel.viewersSent = count;
				const bytes = encoder.encode(viewers(count));
				for (const subscription of channel.subscribers) subscription.queueViewers(bytes);
			};
			every(viewersMs, tell);
		}
	}
}
