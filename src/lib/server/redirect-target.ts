/**
 * A same-site path to send someone back to, or '/' — never an open redirect: '//evil.example'
 * and '/\evil.example' are read by browsers as other hosts.
 */
export function safeRedirectTarget(value: unknown): string {
	if (typeof value !== 'string' || !value.startsWith('/')) return '/';
	if (value.startsWith('//') || value.startsWith('/\\') || /[\r\n\t]/.test(value)) return '/';
	return value;
}
