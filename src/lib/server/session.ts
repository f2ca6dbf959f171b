import type { Cookies } from '@sveltejs/kit';
import { redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import type { StaffRole } from '$lib/schemas/domain';

/** The signed-in person as the server knows them for one request (from `session_resolve`). */
export type Person = {
	kind: 'staff' | 'interviewer';
	id: string;
	sessionId: string;
	displayName: string;
	role?: StaffRole;
	roundId?: string;
	isPresenter?: boolean;
};

export type StaffPerson = Person & { kind: 'staff' };

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and path=/, so a
 * sibling subdomain cannot plant or overwrite a session (ASVS 3.3.1).
 */
export const SESSION_COOKIE = '__Host-kb_session';

/**
 * Only for development over plain http on a host that is not localhost (a phone on the LAN hitting
 * http://192.168.x.y:5173): browsers drop Secure cookies there, and `__Host-` requires Secure, so the
 * only way to sign in at all is a non-prefixed, non-Secure cookie. Never used over https or on
 * localhost/127.0.0.1, which Chromium treats as secure contexts, and never in production, where a
 * plain-http deployment must fail to sign anyone in rather than send sessions in the clear.
 */
export const INSECURE_DEV_SESSION_COOKIE = 'kb_session_dev';

/** Lifetimes match the absolute limits in the database (supabase/API.md, session_resolve). */
export const SESSION_MAX_AGE = {
	staff: 7 * 24 * 60 * 60,
	interviewer: 180 * 24 * 60 * 60
} as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function secureContext(url: URL): boolean {
	return !dev || url.protocol === 'https:' || LOOPBACK.has(url.hostname);
}

/** Which cookie name this request uses; see INSECURE_DEV_SESSION_COOKIE for the one exception. */
export function sessionCookieName(url: URL): string {
	return secureContext(url) ? SESSION_COOKIE : INSECURE_DEV_SESSION_COOKIE;
}

export function readSessionCookie(cookies: Cookies, url: URL): string | null {
	return cookies.get(sessionCookieName(url)) ?? null;
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	url: URL,
	kind: Person['kind'] = 'interviewer'
): void {
	const secure = secureContext(url);
	cookies.set(sessionCookieName(url), token, {
		path: '/',
		httpOnly: true,
		secure,
		sameSite: 'lax',
		maxAge: SESSION_MAX_AGE[kind]
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), {
		path: '/',
		httpOnly: true,
		secure: secureContext(url),
		sameSite: 'lax'
	});
}

/** For staff pages: load functions AND form actions must both call this (layouts do not guard actions). */
export function requireStaff(locals: App.Locals): StaffPerson {
	const person = locals.person;
	if (person?.kind !== 'staff') redirect(303, '/inloggen');
	return person as StaffPerson;
}
