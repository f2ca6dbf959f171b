/**
 * A quote as typed, without the quote marks around it: the screens put their own around every
 * quote, and people often type them too ("„Het duurde lang."" on the wall). Only a pair that
 * encloses the whole text (and no other mark of its kind) is taken off; marks inside stay as they were written.
 */
const OPEN = `"'“”„‟‘’‚«»‹›`;

export function withoutOuterQuotes(text: string): string {
	const trimmed = text.trim();
	if (trimmed.length < 2) return trimmed;
	const first = trimmed[0];
	const last = trimmed[trimmed.length - 1];
	if (OPEN.includes(first) && OPEN.includes(last)) {
		const inner = trimmed.slice(1, -1).trim();
		// "Wacht," zei ze, "nu." starts and ends with a mark but is two quotes: leave it.
		const another = [...inner].some((char) => char === first || char === last);
		return inner.length > 0 && !another ? inner : trimmed;
	}
	return trimmed;
}
