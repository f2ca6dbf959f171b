/**
 * Guessing evening codes (issue 8): a code nobody uses answers 404, and the misses are counted per
 * device (the device cookie, server/device.ts) and, with a ten times higher ceiling, per network
 * address, over 15 minutes. A results evening puts hundreds of phones behind one venue Wi-Fi,
 * and real codes never count, so a hall is never stopped; a script trying codes is, at 30 misses
 * per device and 300 per address. Kept in this process's memory: a restart forgets the counts,
 * which costs an attacker nothing they could not get from a second instance either; the codes
 * themselves (6 of 31 characters, ~887 million) carry the rest.
 */
export const WINDOW_MS = 15 * 60 * 1000;
export const DEVICE_MISSES = 30;
export const ADDRESS_MISSES = 300;
/** Keys remembered at most; the oldest are forgotten first, so memory stays bounded. */
const MAX_KEYS = 50_000;

export class MissCounter {
	#misses = new Map<string, number[]>();
	constructor(
		readonly limit: number,
		readonly windowMs = WINDOW_MS,
		readonly now = () => Date.now()
	) {}

	#recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		const times = (this.#misses.get(key) ?? []).filter((time) => time > since);
		if (times.length) this.#misses.set(key, times);
		else this.#misses.delete(key);
		return times;
	}

	blocked(key: string): boolean {
		return this.#recent(key).length >= this.limit;
	}

	miss(key: string): void {
		const times = this.#recent(key);
		// Re-inserted, so the Map's order is the order of last use.
		this.#misses.delete(key);
		this.#misses.set(key, [...times, this.now()].slice(-this.limit));
		if (this.#misses.size > MAX_KEYS) {
			this.#misses.delete(this.#misses.keys().next().value as string);
		}
	}
}

/** Both ceilings at once: blocked when either the device or the address is over its own. */
export class EveningLookups {
	readonly devices: MissCounter;
	readonly addresses: MissCounter;
	constructor(now = () => Date.now()) {
		this.devices = new MissCounter(DEVICE_MISSES, WINDOW_MS, now);
		this.addresses = new MissCounter(ADDRESS_MISSES, WINDOW_MS, now);
	}
	blocked(address: string, device: string | null): boolean {
		return this.addresses.blocked(address) || (device !== null && this.devices.blocked(device));
	}
	miss(address: string, device: string | null): void {
		this.addresses.miss(address);
		if (device !== null) this.devices.miss(device);
	}
}

/** Pages and endpoints that look an evening code up: /avond/<code>…, /verifieer/<code>…. */
export const isEveningLookup = (pathname: string) => /^\/(avond|verifieer)\/[^/]+/.test(pathname);
