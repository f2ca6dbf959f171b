import type { RequestHandler } from './$types';

const MAX_BYTES = 8_000;

/** Browsers post CSP violations here (report-uri in svelte.config.js); we log a bounded summary. */
export const POST: RequestHandler = async ({ request }) => {
	const body = await request.text();
	if (body.length <= MAX_BYTES) {
		try {
			const report = JSON.parse(body)?.['csp-report'] ?? JSON.parse(body);
			console.warn('[csp] violation', {
				directive: report?.['violated-directive'] ?? report?.['effective-directive'],
				blocked: report?.['blocked-uri'],
				// The setup link is a secret: never write it to a log.
				page: String(report?.['document-uri'] ?? '').replace(/\/setup\/[^/?#]+/, '/setup/…')
			});
		} catch {
			console.warn('[csp] unreadable report');
		}
	}
	return new Response(null, { status: 204 });
};
