/**
 * Spots text that could identify an interviewee (promise 4: warn, never block). Pure and shared by
 * the browser (live warning while typing) and the server (warning after a submit without JS).
 *
 * It errs on the side of warning: a false alarm costs one tap, a missed phone number can cost a
 * family its privacy. Names are not detected (too many false alarms in free Dutch text); the form
 * says in words that names do not belong there.
 */
export type IdentifyingKind = 'phone' | 'email' | 'bsn' | 'postcode' | 'birthdate';

export type IdentifyingMatch = { kind: IdentifyingKind; start: number; end: number; text: string };

const MONTHS =
	'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';

// Order matters only for overlaps: earlier patterns win when two matches start at the same place.
const PATTERNS: [IdentifyingKind, RegExp][] = [
	['email', /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}/gu],
	// Dutch numbers: a leading 0 (or +31 / 0031, optionally "(0)") and then nine digits, with
	// spaces or dashes anywhere in between: 06-12345678, 020 123 4567, +31 6 1234 5678.
	['phone', /(?<![\d+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){8}(?![\d])/g],
	// Dates before numbers, so 12-03-2011 is a birth date and not part of something else.
	['birthdate', /(?<!\d)(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:19|20)\d{2}(?!\d)/g],
	[
		'birthdate',
		new RegExp(`(?<!\\d)(?:0?[1-9]|[12]\\d|3[01])\\s+(?:${MONTHS})\\s+(?:19|20)\\d{2}(?!\\d)`, 'gi')
	],
	// Postcode with house number, either order. Lower-case letters only count when glued to the
	// digits ("1234ab 5"), so ordinary text like "in 2024 en 2025" is not flagged.
	[
		'postcode',
		/(?<!\d)[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\s*,?\s+\d{1,5}(?:[\s-]?[a-zA-Z](?![a-zA-Z]))?(?!\d)/g
	],
	['postcode', /(?<!\d)\d{1,5}[a-zA-Z]?\s*,?\s+[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})(?![\p{L}\d])/gu],
	// BSN-like: nine digits in a row, or written as 1234.56.789.
	['bsn', /(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d])/g]
];

/** All identifying-looking spans in `text`, in reading order, never overlapping. */
export function findIdentifying(text: string): IdentifyingMatch[] {
	const found: IdentifyingMatch[] = [];
	for (const [kind, pattern] of PATTERNS) {
		for (const match of text.matchAll(pattern)) {
			const start = match.index ?? 0;
			found.push({ kind, start, end: start + match[0].length, text: match[0] });
		}
	}
	found.sort((a, b) => a.start - b.start || b.end - a.end);
	const result: IdentifyingMatch[] = [];
	for (const match of found) {
		const last = result.at(-1);
		if (last && match.start < last.end) continue;
		result.push(match);
	}
	return result;
}

/** `text` with every identifying span replaced by `replacement` (one tap "weghalen"). */
export function redactIdentifying(text: string, replacement: string): string {
	let out = '';
	let at = 0;
	for (const match of findIdentifying(text)) {
		out += text.slice(at, match.start) + replacement;
		at = match.end;
	}
	return out + text.slice(at);
}

/** The distinct kinds found, for a short warning ("telefoonnummer, e-mailadres"). */
export function identifyingKinds(text: string): IdentifyingKind[] {
	return [...new Set(findIdentifying(text).map((match) => match.kind))];
}
