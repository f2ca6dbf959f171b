// One event as an iCalendar file (RFC 5545): CRLF line ends, text escaped, lines folded at 75
// octets, times in UTC (a trailing Z), so every calendar shows the Dutch clock time correctly.
export type CalendarEvent = {
	uid: string;
	start: Date;
	end: Date;
	summary: string;
	location: string;
	description?: string;
	url?: string;
	now?: Date;
};

/** RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

const stamp = (d: Date) =>
	d
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');

/** RFC 5545 3.1: a line longer than 75 octets continues on the next line after CRLF + space. */
function fold(line: string): string {
	const bytes = new TextEncoder();
	const out: string[] = [];
	let current = '';
	for (const ch of line) {
		if (bytes.encode(current + ch).length > (out.length ? 74 : 75)) {
			out.push(current);
			current = '';
		}
		current += ch;
	}
	out.push(current);
	return out.join('\r\n ');
}

export function icsEvent(e: CalendarEvent): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Klankbord//Avond//NL',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${e.uid}`,
		`DTSTAMP:${stamp(e.now ?? new Date())}`,
		`DTSTART:${stamp(e.start)}`,
		`DTEND:${stamp(e.end)}`,
		`SUMMARY:${escapeText(e.summary)}`,
		`LOCATION:${escapeText(e.location)}`,
		...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
		...(e.url ? [`URL:${e.url}`] : []),
		'END:VEVENT',
		'END:VCALENDAR'
	];
	return lines.map(fold).join('\r\n') + '\r\n';
}
