import { readFileSync } from 'node:fs';

/**
 * How many live streams (SSE) may be open, per network address and in this process (issue 8).
 * Each stream holds a socket, so an unlimited number lets one address exhaust the process's file
 * descriptors and take the server down for everyone. The cap per address is high because a
 * results evening puts hundreds of phones behind one venue Wi-Fi address; the cap per process
 * stays below the file-descriptor limit, leaving room for the database and ordinary requests.
 * Beyond a cap the stream answers 503 with Retry-After, and the page tries again calmly.
 */
export class StreamLimits {
	readonly perAddress: number;
	readonly total: number;
	#open = new Map<string, number>();
	#count = 0;

	constructor(limits: { perAddress: number; total: number }) {
		this.perAddress = limits.perAddress;
		this.total = limits.total;
	}

	get open(): number {
		return this.#count;
	}

	/** Take a place for a stream: a function that gives it back (once), or null when full. */
	tryOpen(address: string): (() => void) | null {
		const mine = this.#open.get(address) ?? 0;
		if (this.#count >= this.total || mine >= this.perAddress) return null;
		this.#open.set(address, mine + 1);
		this.#count++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#count--;
			const left = (this.#open.get(address) ?? 1) - 1;
			if (left > 0) this.#open.set(address, left);
			else this.#open.delete(address);
		};
	}
}

/** The soft limit on open files of this process (Linux), or null where it cannot be read. */
export function openFileLimit(limits = '/proc/self/limits'): number | null {
	try {
		const line = readFileSync(limits, 'utf8')
			.split('\n')
			.find((row) => row.startsWith('Max open files'));
		const soft = line?.split(/\s{2,}/)[1];
		return soft && /^\d+$/.test(soft) ? Number(soft) : null;
	} catch {
		return null;
	}
}

/** Descriptors kept free of streams: the database, the log, ordinary page requests. */
const RESERVED_FDS = 256;

/**
 * KLANKBORD_SSE_PER_ADDRESS (default 1000) and KLANKBORD_SSE_TOTAL (default: the open-file limit
 * less 256, or 4000 where that limit is unknown); the total never goes above that limit either.
 */
export function limitsFrom(
	env: Record<string, string | undefined>,
	fdLimit: number | null = openFileLimit()
): { perAddress: number; total: number } {
	const positive = (value: string | undefined) =>
		value && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : null;
	const ceiling = fdLimit === null ? null : Math.max(1, fdLimit - RESERVED_FDS);
	const total = positive(env.KLANKBORD_SSE_TOTAL) ?? ceiling ?? 4000;
	return {
		perAddress: positive(env.KLANKBORD_SSE_PER_ADDRESS) ?? 1000,
		total: ceiling === null ? total : Math.min(total, ceiling)
	};
}
