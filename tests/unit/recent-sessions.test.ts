// One session lookup serves a phone's outbox for a few seconds (src/lib/server/recent-sessions.ts).
import { describe, expect, test } from 'vitest';
import { RECENT_MS, RecentSessions } from '../../src/lib/server/recent-sessions';
import type { Person } from '../../src/lib/server/session';

const daan: Person = {
	kind: 'interviewer',
	id: 'interviewer-1',
	sessionId: 'session-1',
	displayName: 'Daan'
};

function counted(answer: () => Promise<Person | null> = async () => daan) {
	const asked: string[] = [];
	let clock = 1_000_000;
	const recent = new RecentSessions(
		(token) => {
			asked.push(token);
			return answer();
		},
		() => clock
	);
	return { recent, asked, wait: (ms: number) => (clock += ms) };
}

describe('recent sessions', () => {
	test('sends that arrive together share one lookup, also while it is in flight', async () => {
		const { recent, asked } = counted();
		const people = await Promise.all(Array.from({ length: 5 }, () => recent.resolve('token-a')));
		expect(people).toEqual(Array(5).fill(daan));
		expect(asked).toEqual(['token-a']);
		await recent.resolve('token-b');
		expect(asked).toEqual(['token-a', 'token-b']);
	});

	test('a lookup serves for RECENT_MS and no longer', async () => {
		const { recent, asked, wait } = counted();
		await recent.resolve('token-a');
		wait(RECENT_MS - 1);
		await recent.resolve('token-a');
		expect(asked).toHaveLength(1);
		wait(1);
		await recent.resolve('token-a');
		expect(asked).toHaveLength(2);
	});

	test('a forgotten token is looked up again; an unknown one is remembered as unknown', async () => {
		const { recent, asked } = counted(async () => null);
		expect(await recent.resolve('token-a')).toBeNull();
		expect(await recent.resolve('token-a')).toBeNull();
		expect(asked).toHaveLength(1);
		recent.forget('token-a');
		await recent.resolve('token-a');
		expect(asked).toHaveLength(2);
	});

	test('a failed lookup (database away) is not remembered', async () => {
		let fail = true;
		const { recent, asked } = counted(async () => {
			if (fail) throw new Error('database away');
			return daan;
		});
		await expect(recent.resolve('token-a')).rejects.toThrow('database away');
		fail = false;
		expect(await recent.resolve('token-a')).toEqual(daan);
		expect(asked).toHaveLength(2);
	});

	test('memory stays bounded whatever arrives', async () => {
		const { recent } = counted();
		await Promise.all(Array.from({ length: 10_050 }, (_, i) => recent.resolve(`token-${i}`)));
		expect(recent.size).toBeLessThanOrEqual(10_000);
	});
});
