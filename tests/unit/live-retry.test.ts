import { describe, expect, it } from 'vitest';
import { retryDelay } from '$lib/state/live-board.svelte';

describe('reconnect back-off', () => {
	it('doubles per attempt up to 30 s, each wait drawn in the upper half', () => {
		expect([0, 1, 2, 3, 4, 5, 6, 10].map((n) => retryDelay(n, () => 1))).toEqual([
			1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000
		]);
		expect([0, 1, 5].map((n) => retryDelay(n, () => 0))).toEqual([500, 1000, 15000]);
	});

	it('spreads a hall that lost its connection together over the window', () => {
		let seed = 1;
		const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
		const waits = Array.from({ length: 400 }, () => retryDelay(0, random));
		expect(Math.min(...waits)).toBeGreaterThanOrEqual(500);
		expect(Math.max(...waits)).toBeLessThanOrEqual(1000);
		expect(new Set(waits).size).toBeGreaterThan(200);
	});
});
