// What the outbox does with each answer, and how long it waits before the next try.
import { describe, expect, it } from 'vitest';
import { backoffMs, outcomeOf, outboxFileSchema } from '$lib/offline/outbox-item';

describe('outcomeOf', () => {
	it.each([
		[200, undefined, 'sent'],
		[409, 'submission_conflict', 'conflict'],
		[400, 'withdrawn', 'refused'],
		[400, 'wrong_state', 'refused'],
		[403, 'not_allowed', 'refused'],
		[401, 'session_invalid', 'login'],
		[429, 'rate_limited', 'retry'],
		[500, 'unexpected', 'retry'],
		[502, undefined, 'retry'],
		[0, undefined, 'retry']
	])('%i %s → %s', (status, reason, outcome) => {
		expect(outcomeOf(status, reason)).toBe(outcome);
	});
});

describe('backoffMs', () => {
	it('doubles from 2 s and stops at 5 minutes, with at most a quarter more at random', () => {
		expect(backoffMs(0, 0)).toBe(2000);
		expect(backoffMs(1, 0)).toBe(4000);
		expect(backoffMs(3, 0)).toBe(16000);
		expect(backoffMs(20, 0)).toBe(300_000);
		expect(backoffMs(0, 1)).toBe(2500);
	});
});

describe('the outbox file', () => {
	it('refuses a file of another kind', () => {
		expect(outboxFileSchema.safeParse({ format: 'iets', version: 1, items: [] }).success).toBe(
			false
		);
	});
});
