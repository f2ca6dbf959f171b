import { describe, expect, test } from 'vitest';
import { calendarDay } from './day';

describe('a calendar day for people', () => {
	test('weekday and month in words, in Dutch and in English', () => {
		expect(calendarDay('2026-12-16', 'nl')).toBe('woensdag 16 december 2026');
		// ICU versions differ on the comma after the weekday.
		expect(calendarDay('2026-12-16', 'en')).toMatch(/^Wednesday,? 16 December 2026$/);
	});

	test('the stored day, also from a timestamp and whatever the time zone', () => {
		expect(calendarDay('2027-01-01T00:00:00+00:00', 'nl')).toBe('vrijdag 1 januari 2027');
		expect(calendarDay('2027-03-31', 'nl')).toBe('woensdag 31 maart 2027');
	});

	test('what is no date is shown as it came', () => {
		expect(calendarDay('binnenkort', 'nl')).toBe('binnenkort');
		expect(calendarDay('2027-13-45', 'en')).toBe('2027-13-45');
	});
});
