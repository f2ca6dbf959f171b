/**
 * Spots text that could identify an interviewee (promise 4: warn, never block). Pure and shared by
 * the browser (a warning at the spot while typing) and the server (the same warning after a
 * submit without JavaScript): one detector, so the two can never disagree.
 *
 * It errs on the side of warning where a check cannot decide (a false alarm costs one tap, a
 * missed phone number can cost a family its privacy), but uses the checks that exist: a BSN must
 * pass the elfproef and an IBAN its mod-97 check digits, so ordinary nine-digit numbers and
 * reference codes pass quietly. First names come from a list (pii-names.ts); names that are also
 * ordinary words ("Roos", "Mark") count only inside a sentence.
 */
import { AMBIGUOUS_NAMES, FIRST_NAMES } from './pii-names';

export type IdentifyingKind =
	'phone' | 'email' | 'bsn' | 'postcode' | 'birthdate' | 'iban' | 'name';

export type IdentifyingMatch = { kind: IdentifyingKind; start: number; end: number; text: string };

const MONTHS =
	'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';

/** The elfproef of a BSN: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not 0). */
export function passesElfproef(digits: string): boolean {
	const d = digits.replace(/\D/g, '');
	if (d.length !== 9) return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += (9 - i) * Number(d[i]);
	sum -= Number(d[8]);
	return sum !== 0 && sum % 11 === 0;
}

/** ISO 13616: the first four characters to the end, letters as 10…35, mod 97 must be 1. */
export function passesIbanCheck(iban: string): boolean {
	const compact = iban.replace(/\s/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)) return false;
	if (compact.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(compact)) return false;
	const moved = compact.slice(4) + compact.slice(0, 4);
	let rest = 0;
	for (const char of moved) {
		const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
		for (const digit of value) rest = (rest * 10 + Number(digit)) % 97;
	}
	return rest === 1;
}

type Pattern = [IdentifyingKind, RegExp, ((match: RegExpMatchArray) => boolean)?];

// Order matters only for overlaps: earlier patterns win when two matches start at the same place.
const PATTERNS: Pattern[] = [
	['email', /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[\p{L}]{2,}/gu],
	// Before phone numbers: an IBAN's digits could look like one.
	[
		'iban',
		/(?<![\p{L}\d])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){3,7}(?: ?[A-Za-z0-9]{1,3})?(?![\p{L}\d])/gu,
		(match) => passesIbanCheck(match[0])
	],
	// Dutch numbers: a leading 0 (or +31 / 0031, optionally "(0)") and then nine digits, with
	// spaces or dashes anywhere in between: 06-12345678, 020 123 4567, +31 6 1234 5678.
	// Not glued to letters: the digits of a mistyped IBAN or a code are no phone number.
	['phone', /(?<![\p{L}\d+])(?:(?:\+|00)31[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){8}(?!\d)/gu],
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
	// Nine digits in a row, or written as 1234.56.789, that pass the elfproef: only those are a BSN.
	['bsn', /(?<![\d.])(?:\d{9}|\d{4}\.\d{2}\.\d{3})(?![\d])/g, (match) => passesElfproef(match[0])],
	[
		'name',
		/(?<![\p{L}\d'’-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?(?![\p{L}\d'’-])/gu,
		(match) => isName(match[0], match.input ?? '', match.index ?? 0)
	]
];

/** At the start of the text or after . ! ? (and a line break): where every word has a capital. */
function startsSentence(text: string, at: number): boolean {
	return /(?:^|[.!?:…]\s*|\n\s*|["“‘(]\s*)$/u.test(text.slice(Math.max(0, at - 4), at)) || at === 0;
}

function isName(word: string, text: string, at: number): boolean {
	// A double name (Jan-Willem) counts when both halves are names.
	if (!FIRST_NAMES.has(word) && !word.split('-').every((part) => FIRST_NAMES.has(part))) {
		return false;
	}
	return !AMBIGUOUS_NAMES.has(word) || !startsSentence(text, at);
}

/** All identifying-looking spans in `text`, in reading order, never overlapping. */
export function findIdentifying(text: string): IdentifyingMatch[] {
	const found: IdentifyingMatch[] = [];
	for (const [kind, pattern, accept] of PATTERNS) {
		for (const match of text.matchAll(pattern)) {
			if (accept && !accept(match)) continue;
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

/**
 * `text` with identifying spans replaced by a placeholder ("[naam]", "[telefoon]"): all of them,
 * or only `only` (one tap on one warning). `replacement` is one string or a word per kind.
 */
export function redactIdentifying(
	text: string,
	replacement: string | ((kind: IdentifyingKind) => string),
	only?: Pick<IdentifyingMatch, 'start' | 'text'>
): string {
	const placeholder = typeof replacement === 'string' ? () => replacement : replacement;
	let out = '';
	let at = 0;
	for (const match of findIdentifying(text)) {
		if (only && (match.start !== only.start || match.text !== only.text)) continue;
		out += text.slice(at, match.start) + placeholder(match.kind);
		at = match.end;
	}
	return out + text.slice(at);
}

/** The distinct kinds found, for a short warning ("telefoonnummer, e-mailadres"). */
export function identifyingKinds(text: string): IdentifyingKind[] {
	return [...new Set(findIdentifying(text).map((match) => match.kind))];
}
