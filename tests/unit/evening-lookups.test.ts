import { describe, expect, test } from 'vitest';
import {
	ADDRESS_MISSES,
	DEVICE_MISSES,
	EveningLookups,
	WINDOW_MS,
	isEveningLookup
} from '$lib/server/evening-lookups';

describe('evening-code look-ups', () => {
	test('a device that keeps guessing is stopped; its neighbours on the Wi-Fi are not', () => {
		const lookups = new EveningLookups();
		for (let i = 0; i < DEVICE_MISSES; i++) lookups.miss('venue', 'guesser');
		expect(lookups.blocked('venue', 'guesser')).toBe(true);
		expect(lookups.blocked('venue', 'phone-2')).toBe(false);
	});

	test('a hall of phones each mistyping twice stays under the address ceiling', () => {
		const lookups = new EveningLookups();
		for (let phone = 0; phone < 140; phone++) {
			lookups.miss('venue', `phone-${phone}`);
			lookups.miss('venue', `phone-${phone}`);
		}
		expect(lookups.blocked('venue', 'phone-141')).toBe(false);
	});

	test('a script without cookies meets the address ceiling, and the count forgets after 15 minutes', () => {
		let now = 0;
		const lookups = new EveningLookups(() => now);
		for (let i = 0; i < ADDRESS_MISSES; i++) lookups.miss('attacker', null);
		expect(lookups.blocked('attacker', null)).toBe(true);
		expect(lookups.blocked('someone-else', null)).toBe(false);
		now += WINDOW_MS + 1;
		expect(lookups.blocked('attacker', null)).toBe(false);
	});

	test('which paths look a code up', () => {
		expect(isEveningLookup('/avond/K7P2QX')).toBe(true);
		expect(isEveningLookup('/avond/K7P2QX/live')).toBe(true);
		expect(isEveningLookup('/verifieer/K7P2QX/gegevens')).toBe(true);
		expect(isEveningLookup('/beheer')).toBe(false);
	});
});
