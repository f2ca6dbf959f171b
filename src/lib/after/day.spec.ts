import { describe, expect, test } from 'vitest';
import { calendarDay, eveningDay } from './day';

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

describe('the evening’s day (EveningDetails)', () => {
	test('in Dutch and in English, the day before the month (never US-style)', () => {
		expect(eveningDay('2026-12-16T19:00:00Z', 'nl')).toBe('woensdag 16 december 2026');
		expect(eveningDay('2026-12-16T19:00:00Z', 'en')).toMatch(/^Wednesday,? 16 December 2026$/);
		// The same words as a look-back date of that day.
		expect(eveningDay('2027-06-03T17:30:00Z', 'en')).toBe(calendarDay('2027-06-03', 'en'));
	});

	test('read on a Dutch clock: just after midnight in Amsterdam is the next day', () => {
		expect(eveningDay('2026-12-31T23:30:00Z', 'nl')).toBe('vrijdag 1 januari 2027');
		expect(eveningDay(new Date('2027-07-15T22:30:00Z'), 'nl')).toBe('vrijdag 16 juli 2027');
	});
});
