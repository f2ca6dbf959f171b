// A phone that comes back online sends everything in its outbox at once, and so does a whole
// region after an outage (bench/submit.md): each send used to look its session up again, one more
// call to the database per interview. Here one lookup serves the sends of one session for a few
// seconds, and sends that arrive together share the lookup in flight.
//
// Only the outbox endpoint uses this (hooks.server.ts). It is safe there because the database
// checks the session on every data call (supabase/schemas/access.sql): a revoked session is still
// refused at once, and the endpoint then looks the session up afresh to answer "sign in again"
// exactly as before (gesprekken/versturen). Every other request looks the session up itself.
import { createHash } from 'node:crypto';
import type { Person } from '$lib/server/session';

/** How long one lookup serves: long enough for one phone's outbox, short enough to stay fresh. */
export const RECENT_MS = 5_000;
/** A bound on memory whatever arrives; a hall of phones stays far below it. */
const MAX_ENTRIES = 10_000;

type Entry = { at: number; person: Promise<Person | null> };

export class RecentSessions {
	readonly #entries = new Map<string, Entry>();

	constructor(
		private readonly lookup: (token: string) => Promise<Person | null>,
		private readonly now: () => number = Date.now
	) {}

	/** The person behind the token as looked up at most RECENT_MS ago, or looked up now. */
	resolve(token: string): Promise<Person | null> {
		const key = keyOf(token);
		const now = this.now();
		const entry = this.#entries.get(key);
		if (entry && now - entry.at < RECENT_MS) return entry.person;
		if (entry) this.#entries.delete(key);
		const person = this.lookup(token);
		this.#entries.set(key, { at: now, person });
		// A failed lookup (database away) is not remembered: the next send asks again.
		person.catch(() => {
			if (this.#entries.get(key)?.person === person) this.#entries.delete(key);
		});
		this.#bound(now);
		return person;
	}

	/** After logging out or a refusal: the next send looks the session up again. */
	forget(token: string): void {
		this.#entries.delete(keyOf(token));
	}

	get size(): number {
		return this.#entries.size;
	}

	#bound(now: number): void {
		if (this.#entries.size <= MAX_ENTRIES) return;
		for (const [key, entry] of this.#entries) {
			if (now - entry.at >= RECENT_MS) this.#entries.delete(key);
		}
		// Still full of fresh entries: drop the oldest (a Map keeps the order they came in).
		for (const key of this.#entries.keys()) {
			if (this.#entries.size <= MAX_ENTRIES) break;
			this.#entries.delete(key);
		}
	}
}

/** Tokens are not kept as they are, not even for seconds: only their hash is a key. */
function keyOf(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}
