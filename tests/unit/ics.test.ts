import { describe, expect, test } from 'vitest';
import { escapeText, icsEvent } from '../../src/lib/evening/ics';

describe('the evening as an iCalendar file', () => {
	const body = icsEvent({
		uid: 'avond-ABC123@klankbord.test',
		start: new Date('2027-03-04T18:30:00Z'),
		end: new Date('2027-03-04T20:30:00Z'),
		summary: 'Jongeren aan het woord, Ermelo',
		location: 'Dorpshuis; zaal 2\nKerkstraat 4',
		description: 'x'.repeat(100),
		now: new Date('2027-01-01T12:00:00.123Z')
	});

	test('CRLF everywhere, and every line at most 75 octets', () => {
		expect(body.endsWith('\r\n')).toBe(true);
		expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of body.split('\r\n'))
			expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	});

	test('the fields a calendar needs, times in UTC', () => {
		const lines = body.split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines).toContain('UID:avond-ABC123@klankbord.test');
		expect(lines).toContain('DTSTAMP:20270101T120000Z');
		expect(lines).toContain('DTSTART:20270304T183000Z');
		expect(lines).toContain('DTEND:20270304T203000Z');
		expect(lines).toContain('SUMMARY:Jongeren aan het woord\\, Ermelo');
		expect(lines).toContain('LOCATION:Dorpshuis\\; zaal 2\\nKerkstraat 4');
		// Unfolded, the long description is whole again.
		expect(body.replace(/\r\n /g, '')).toContain(`DESCRIPTION:${'x'.repeat(100)}`);
	});

	test('escaping', () => {
		expect(escapeText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne');
	});
});
