import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import * as retention from '$lib/server/api/retention';
import * as sessions from '$lib/server/api/sessions';
import { clientKeyFor } from '$lib/server/client-key';
import { existingDeviceKey } from '$lib/server/device';
import { EveningLookups, isEveningLookup } from '$lib/server/evening-lookups';
import { isCrossSiteRequest } from '$lib/server/csrf';
import { SECURITY_HEADERS } from '$lib/server/security-headers.js';
import { clearSessionCookie, readSessionCookie } from '$lib/server/session';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

/** A hashed client address for rate limits; the raw IP never leaves this function. */
const clientKey: Handle = ({ event, resolve }) => {
	let address = 'unknown';
	try {
		address = event.getClientAddress();
	} catch {
		// No socket (e.g. during prerendering): every such request shares one key.
	}
	event.locals.clientKey = clientKeyFor(address);
	return resolve(event);
};

/** SvelteKit checks Origin for form posts only; JSON and SSE endpoints are guarded here. */
const csrf: Handle = ({ event, resolve }) => {
	// CSP violation reports change nothing and may arrive without Origin from older browsers.
	if (event.url.pathname !== '/csp-report' && isCrossSiteRequest(event.request, event.url)) {
		return new Response(m.error_cross_site(), {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};

/**
 * An address no page has: a control character (a NUL cannot even be stored in Postgres text) or
 * percent-encoding that is no UTF-8, anywhere in the path. Every route parameter (a code, a token,
 * an id) would otherwise carry it to the database, whose refusal is a 500 unless each page thinks
 * of it. Refused here once, before any route runs.
 */
const impossibleAddresses: Handle = ({ event, resolve }) => {
	let path: string;
	try {
		path = decodeURIComponent(event.url.pathname);
	} catch {
		path = '\u0000';
	}
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\u0000-\u001f\u007f]/.test(path)) {
		return new Response(m.error_not_found(), {
			status: 404,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	return resolve(event);
};

/**
 * Form posts that cannot be read are the sender's mistake, not ours: a 400, never a 500.
 * SvelteKit lets `text/plain` through as a form type (browsers can send it) and calls the
 * action, whose `request.formData()` then throws on it, as it does on broken multipart; and
 * `?/default` makes SvelteKit itself throw. Guarded here once, so no action can forget it.
 */
const unreadableForms: Handle = ({ event, resolve }) => {
	if (event.request.method !== 'POST') return resolve(event);
	const action = [...event.url.searchParams.keys()].find((key) => key.startsWith('/'));
	if (action === '/default') {
		return new Response(m.error_no_such_action(), {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	const request = event.request;
	const formData = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await formData();
		} catch {
			error(400, m.error_unreadable_form());
		}
	};
	return resolve(event);
};

const lookups = new EveningLookups();

/** Unknown evening codes are counted and, past a ceiling, refused (server/evening-lookups.ts). */
const eveningLookups: Handle = async ({ event, resolve }) => {
	if (!isEveningLookup(event.url.pathname)) return resolve(event);
	const device = existingDeviceKey(event.cookies);
	if (lookups.blocked(event.locals.clientKey, device)) {
		return new Response(m.reason_rate_limited(), {
			status: 429,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '900' }
		});
	}
	const response = await resolve(event);
	if (response.status === 404) lookups.miss(event.locals.clientKey, device);
	return response;
};

const OUTBOX_ROUTE = '/gesprekken/versturen';

const session: Handle = async ({ event, resolve }) => {
	event.locals.person = null;
	event.locals.sessionToken = readSessionCookie(event.cookies, event.url);
	if (event.locals.sessionToken) {
		try {
			// The outbox's sends share one lookup for a few seconds; the endpoint checks again when
			// the database refuses (server/recent-sessions.ts says why that is safe).
			event.locals.person = await (event.route.id === OUTBOX_ROUTE
				? sessions.recent.resolve(event.locals.sessionToken)
				: sessions.resolve(event.locals.sessionToken));
			if (!event.locals.person) {
				clearSessionCookie(event.cookies, event.url);
				event.locals.sessionToken = null;
			}
		} catch (error) {
			// Database unreachable: treat as signed out for this request, but keep the cookie so
			// the person is still signed in once the database is back.
			console.error('[session] could not resolve the session', error);
		}
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
		try {
			response.headers.set(name, value);
		} catch {
			// Some responses (e.g. a fetched Response passed through) have immutable headers.
		}
	}
	return response;
};

export const handle = sequence(
	securityHeaders,
	i18n,
	impossibleAddresses,
	unreadableForms,
	clientKey,
	csrf,
	eveningLookups,
	session
);

export const handleError: HandleServerError = ({ error: cause, event, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	// SvelteKit's own refusals (405, 415): the sender's mistake, nothing to log.
	if (status < 500) return { message: m.error_bad_request() };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(
		`[error ${errorId}] ${event.request.method} ${event.url.pathname} (${status} ${message})`,
		cause
	);
	return { message: m.error_unexpected(), errorId };
};

const RETENTION_FIRST_RUN_MS = 60_000;
const RETENTION_EVERY_MS = 24 * 60 * 60 * 1000;

async function runRetention() {
	try {
		const result = await retention.runRetention();
		if (result.rounds_archived > 0) {
			console.log(
				`Klankbord: retention archived ${result.rounds_archived} round(s), erased ${result.findings_erased} finding text(s) and ${result.answers_erased} open answer(s)`
			);
		}
	} catch (error) {
		// Logged, never thrown: a failed run is retried the next day (or by `npm run retention`).
		console.error('Klankbord: the retention run failed', error);
	}
}

/**
 * Retention is enforced by the software (SECURITY.md): shortly after start, then every 24 h.
 * The timers are unref'd, so they never keep a stopping server alive.
 */
function scheduleRetention() {
	const first = setTimeout(() => {
		void runRetention();
		setInterval(() => void runRetention(), RETENTION_EVERY_MS).unref();
	}, RETENTION_FIRST_RUN_MS);
	first.unref();
}

export const init: ServerInit = async () => {
	scheduleRetention();
	await printSetupLink();
};

/** First start: print a one-time link that creates the first coordinator. */
async function printSetupLink() {
	try {
		if (!(await sessions.setupNeeded())) return;
		const token = await sessions.issueSetupToken();
		// adapter-node listens on PORT (default 3000); `vite dev` on 5173 and sets no PORT.
		const local = `http://localhost:${env.PORT || (import.meta.env.DEV ? 5173 : 3000)}`;
		const origin = (env.ORIGIN || local).replace(/\/$/, '');
		const link = `${origin}/setup/${token}`;
		console.log(`Klankbord: maak de eerste coördinator aan via ${link}`);
		const dir = env.KLANKBORD_DATA_DIR || '.data';
		await mkdir(dir, { recursive: true });
		await writeFile(join(dir, 'setup-link.txt'), `${link}\n`, { mode: 0o600 });
	} catch (error) {
		console.error(
			'Klankbord: could not check whether setup is needed (database not ready?)',
			error
		);
	}
}
