import { m } from '$lib/paraglide/messages';

const escape = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * What the service worker shows for a page it has not cached while there is no network: calm,
 * in both languages (a worker cannot read the language cookie), and with what still works. No
 * script, inline style only: it passes the site's CSP.
 */
export function offlinePage(): Response {
	const part = (locale: 'nl' | 'en') => `
		<section lang="${locale}">
			<h1>${escape(m.offline_title({}, { locale }))}</h1>
			<p>${escape(m.offline_body({}, { locale }))}</p>
			<p><a href="/gesprekken">${escape(m.offline_link({}, { locale }))}</a></p>
		</section>`;
	const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8">
		<meta name="viewport" content="width=device-width, initial-scale=1">
		<title>Klankbord</title></head>
		<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
		${part('nl')}<hr>${part('en')}</body></html>`;
	return new Response(html, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': "default-src 'self'; style-src 'unsafe-inline'; base-uri 'none'"
		}
	});
}
