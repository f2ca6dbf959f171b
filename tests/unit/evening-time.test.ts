import { describe, expect, test } from 'vitest';
import { amsterdamInstant, amsterdamParts } from '../../src/lib/evening/time';

describe('evening time on a Dutch clock', () => {
	test('winter and summer time', () => {
		expect(amsterdamInstant('2027-01-14', '19:30')?.toISOString()).toBe('2027-01-14T18:30:00.000Z');
		expect(amsterdamInstant('2027-07-14', '19:30')?.toISOString()).toBe('2027-07-14T17:30:00.000Z');
	});
	test('the day the clocks go forward and back', () => {
		expect(amsterdamInstant('2027-03-28', '20:00')?.toISOString()).toBe('2027-03-28T18:00:00.000Z');
		expect(amsterdamInstant('2027-10-31', '20:00')?.toISOString()).toBe('2027-10-31T19:00:00.000Z');
	});
	test('round trip to the form fields', () => {
		expect(amsterdamParts('2027-07-14T17:30:00.000Z')).toEqual({
			date: '2027-07-14',
			time: '19:30'
		});
		expect(amsterdamParts('2027-01-14T23:30:00.000Z')).toEqual({
			date: '2027-01-15',
			time: '00:30'
		});
	});
	test('not a date', () => {
		expect(amsterdamInstant('2027-02-31', '19:30')).toBeNull();
		expect(amsterdamInstant('14-01-2027', '19:30')).toBeNull();
		expect(amsterdamInstant('2027-01-14', '25:00')).toBeNull();
		expect(amsterdamInstant('', '')).toBeNull();
	});
});
