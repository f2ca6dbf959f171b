// The security headers of every response, pages and static files alike. hooks.server.ts adds
// them to what SvelteKit answers; scripts/server.js to everything adapter-node serves itself
// (/_app/immutable/*, static/), which never passes through the hooks. Plain JS for that reason.

/** @type {Readonly<Record<string, string>>} */
export const SECURITY_HEADERS = Object.freeze({
	'strict-transport-security': 'max-age=31536000; includeSubDomains',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'strict-origin-when-cross-origin',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'cross-origin-opener-policy': 'same-origin'
});
