import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** SvelteKit's own CSRF check already covers these (form posts); see svelte.config.js. */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * True when a state-changing request that SvelteKit's form-post check does not cover (JSON, SSE
 * control, anything non-form) comes from another site. Browsers send Sec-Fetch-Site on every
 * request they make; older ones at least send Origin on POST. A request with neither is not from
 * a browser page, so it carries no victim's cookies worth forging.
 */
export function isCrossSiteRequest(request: Request, url: URL): boolean {
	if (!UNSAFE.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (FORM_TYPES.includes(type)) return false;
	const site = request.headers.get('sec-fetch-site');
	if (site !== null) return site !== 'same-origin';
	const origin = request.headers.get('origin');
	if (origin !== null) return origin !== url.origin;
	return false;
}

/** For a JSON/SSE endpoint that wants to check explicitly (the hook already does it for all). */
export function assertSameOrigin(event: Pick<RequestEvent, 'request' | 'url'>): void {
	if (isCrossSiteRequest(event.request, event.url)) error(403, m.error_cross_site());
}
