import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { limitsFrom, openFileLimit, StreamLimits } from '$lib/server/live/stream-limits';

describe('stream limits', () => {
	test('a place is given back once, however often release is called', () => {
		const limits = new StreamLimits({ perAddress: 1, total: 5 });
		const release = limits.tryOpen('hall');
		expect(release).not.toBeNull();
		expect(limits.tryOpen('hall')).toBeNull();
		release!();
		release!();
		expect(limits.open).toBe(0);
		expect(limits.tryOpen('hall')).not.toBeNull();
	});

	test('defaults: 1000 per address, the total below the open-file limit', () => {
		expect(limitsFrom({}, 65_536)).toEqual({ perAddress: 1000, total: 65_280 });
		expect(limitsFrom({}, null)).toEqual({ perAddress: 1000, total: 4000 });
		// A configured total above the descriptor limit is held below it.
		expect(limitsFrom({ KLANKBORD_SSE_TOTAL: '100000' }, 1024).total).toBe(768);
		expect(
			limitsFrom({ KLANKBORD_SSE_PER_ADDRESS: '2500', KLANKBORD_SSE_TOTAL: '50' }, 1024)
		).toEqual({ perAddress: 2500, total: 50 });
		expect(limitsFrom({ KLANKBORD_SSE_PER_ADDRESS: 'veel' }, null).perAddress).toBe(1000);
	});

	test('the open-file limit is read from /proc/self/limits', () => {
		const dir = mkdtempSync(join(tmpdir(), 'limits-'));
		const file = join(dir, 'limits');
		writeFileSync(
			file,
			'Limit                     Soft Limit           Hard Limit           Units     \nMax open files            1024                 524288               files     \n'
		);
		expect(openFileLimit(file)).toBe(1024);
		expect(openFileLimit(join(dir, 'missing'))).toBeNull();
	});
});
