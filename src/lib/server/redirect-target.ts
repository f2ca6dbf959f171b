/**
 * A same-site path to send someone back to, or '/' — never an open redirect: '//evil.example'
 * and '/\evil.example' are read by browsers as other hosts. The path comes back as the URL
 * parser writes it (percent-encoded ASCII), because a Location header cannot carry other
 * characters: '/é' or a lone surrogate would otherwise fail the response with a 500.
 */
export function safeRedirectTarget(value: unknown): string {
	if (typeof value !== 'string' || !value.startsWith('/')) return '/';
	if (value.startsWith('//') || value.startsWith('/\\') || /[\r\n\t]/.test(value)) return '/';
	const base = 'http://same.invalid';
	let url: URL;
	try {
		url = new URL(value, base);
	} catch {
		return '/';
	}
	if (url.origin !== base) return '/';
	return url.pathname + url.search + url.hash;
}
