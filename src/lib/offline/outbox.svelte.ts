import * as store from './db';
import {
	backoffMs,
	nowIso,
	outboxFileSchema,
	outcomeOf,
	type OutboxItem,
	type SendRequest
} from './outbox-item';

export const SEND_URL = '/gesprekken/versturen';

/**
 * The outbox: finished interviews and findings wait here, on the device, until the server has
 * confirmed them; only then is an item deleted. It sends by itself: at start (every visit), when
 * the connection returns, when the page becomes visible again, and after a failure with back-off.
 * A resend is harmless (the server stores one per id), so when unsure it sends again.
 *
 * `loaded` stays false until the device store was read: until then the page says nothing about
 * the outbox rather than "alles verstuurd" (waiting must never look like sent).
 */
export class Outbox {
	items = $state<OutboxItem[]>([]);
	loaded = $state(false);
	online = $state(true);
	sending = $state(false);
	/** The server said the session is gone: items wait until the person joins again. */
	needsLogin = $state(false);
	/** Ids confirmed by the server during this visit, so a page can say "verstuurd" for them. */
	sent = $state<string[]>([]);

	waiting = $derived(this.items.filter((item) => item.status === 'waiting'));
	unsent = $derived(this.items.length);

	#timer: ReturnType<typeof setTimeout> | undefined;
	#started = false;
	/** An item was added while a round of sending was under way: go round once more. */
	#again = false;
	/** Failed tries in a row, for the back-off; back to 0 on success and when the network returns. */
	#failures = 0;
	#fetch: typeof fetch;

	constructor(fetcher: typeof fetch = (...args) => fetch(...args)) {
		this.#fetch = fetcher;
	}

	/** Read the device store and start sending. Idempotent; browser only. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.online = navigator.onLine;
		addEventListener('online', this.#wake);
		addEventListener('offline', this.#sleep);
		document.addEventListener('visibilitychange', this.#wake);
		await this.reload();
		void this.flush();
	}

	async reload(): Promise<void> {
		const items = await store.all<OutboxItem>('outbox');
		this.items = items.sort((a, b) => a.saved_at.localeCompare(b.saved_at));
		this.loaded = true;
	}

	/**
	 * Put a finished item in the outbox (written to the device first), then try to send it.
	 * Returns the id it waits under. Never overwrites: the same item added twice is kept once;
	 * a different item that arrives with an id already waiting here (a page served from the
	 * cache offline can carry an old id) is kept too, under a new id, so both are sent.
	 */
	async add(request: SendRequest): Promise<string> {
		let args = $state.snapshot(request.args) as SendRequest['args'];
		for (;;) {
			const item = {
				kind: request.kind,
				args,
				id: args.p_id,
				saved_at: nowIso(),
				status: 'waiting',
				attempts: 0
			} as OutboxItem;
			if (await store.insert('outbox', item)) {
				this.items = [...this.items.filter((other) => other.id !== item.id), item];
				break;
			}
			const existing = await store.get<OutboxItem>('outbox', item.id);
			if (existing && sameContent(existing, request.kind, args)) break;
			args = { ...args, p_id: crypto.randomUUID() };
		}
		this.loaded = true;
		void this.flush();
		return args.p_id;
	}

	async discard(id: string): Promise<void> {
		await store.remove('outbox', id);
		this.items = this.items.filter((item) => item.id !== id);
	}

	/** A refused item, sent again under a new id: for a conflict, the device's version as a new one. */
	async sendAsNew(id: string): Promise<void> {
		const item = this.items.find((other) => other.id === id);
		if (!item) return;
		const newId = crypto.randomUUID();
		await this.add({ kind: item.kind, args: { ...item.args, p_id: newId } } as SendRequest);
		await this.discard(id);
	}

	/** Send every waiting item, oldest first (an interview before the findings linked to it). */
	async flush(): Promise<void> {
		if (this.sending) {
			this.#again = true;
			return;
		}
		this.#again = false;
		clearTimeout(this.#timer);
		this.sending = true;
		let failed = false;
		try {
			for (const item of this.waiting) {
				const outcome = await this.#send(item);
				if (outcome === 'retry' || outcome === 'login') {
					failed = true;
					await this.#update(item.id, { attempts: item.attempts + 1 });
					break;
				}
				this.#failures = 0;
			}
		} finally {
			this.sending = false;
		}
		if (failed && !this.needsLogin) {
			this.#timer = setTimeout(() => void this.flush(), backoffMs(this.#failures++));
		} else if (this.#again) {
			void this.flush();
		}
	}

	/** The file "bewaar als bestand" offers: everything that waits, as typed. */
	exportFile(): Blob {
		const file = { format: 'klankbord-wachtrij', version: 1, saved_at: nowIso() };
		const items = $state.snapshot(this.items);
		return new Blob([JSON.stringify({ ...file, items }, null, 2)], { type: 'application/json' });
	}

	/** Load such a file; returns how many items were new here. Throws on a file of another kind. */
	async importFile(text: string): Promise<number> {
		const file = outboxFileSchema.parse(JSON.parse(text));
		let added = 0;
		for (const item of file.items) {
			if (this.items.some((other) => other.id === item.id)) continue;
			await store.put('outbox', { ...item, status: 'waiting', attempts: 0 });
			added++;
		}
		await this.reload();
		void this.flush();
		return added;
	}

	/** "Klaar met deze telefoon" and logging out: nothing of this round stays on the device. */
	async clearDevice(): Promise<void> {
		await store.clearAll();
		if ('caches' in globalThis) {
			for (const key of await caches.keys()) await caches.delete(key);
		}
		this.items = [];
		this.sent = [];
	}

	async #send(item: OutboxItem): Promise<'sent' | 'conflict' | 'refused' | 'login' | 'retry'> {
		let status: number;
		let body: { reason?: string; message?: string };
		try {
			const response = await this.#fetch(SEND_URL, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ kind: item.kind, args: item.args }),
				redirect: 'manual'
			});
			status = response.status;
			body = await response.json().catch(() => ({}));
			this.online = true;
		} catch {
			// No connection (or it broke off): the item stays, the next try comes by itself.
			return 'retry';
		}
		const outcome = outcomeOf(status, body.reason);
		this.needsLogin = outcome === 'login';
		if (outcome === 'sent') {
			// Deleted only now that the server confirmed it.
			await store.remove('outbox', item.id);
			this.items = this.items.filter((other) => other.id !== item.id);
			this.sent = [...this.sent, item.id];
		} else if (outcome === 'conflict' || outcome === 'refused') {
			await this.#update(item.id, { status: outcome, message: body.message });
		}
		return outcome;
	}

	async #update(id: string, change: Partial<OutboxItem>): Promise<void> {
		const current = this.items.find((item) => item.id === id);
		if (!current) return;
		const next = { ...$state.snapshot(current), ...change } as OutboxItem;
		await store.put('outbox', next);
		this.items = this.items.map((item) => (item.id === id ? next : item));
	}

	#wake = (event: Event) => {
		this.online = navigator.onLine;
		if (event.type === 'online') this.#failures = 0;
		if (document.visibilityState === 'visible' && this.online) void this.flush();
	};

	#sleep = () => {
		this.online = false;
	};
}

/** Key order does not matter: the same fields with the same values are the same item. */
function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value)
				.filter(([, v]) => v !== undefined)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([k, v]) => [k, canonical(v)])
		);
	}
	return value;
}

function sameContent(item: OutboxItem, kind: OutboxItem['kind'], args: SendRequest['args']) {
	return (
		item.kind === kind && JSON.stringify(canonical(item.args)) === JSON.stringify(canonical(args))
	);
}

/** The one outbox of this browser tab. */
export const outbox = new Outbox();
