import type { HandleClientError } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

// The interview form is checked in the browser too (it must work offline). zod's fast path builds
// functions with `new Function`, which the CSP (script-src 'self') rightly forbids: a violation
// report on every form. The plain path is fast enough for a form.
z.config({ jitless: true });

/** Errors in the browser: the same calm message as on the server, with an id for the console. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(`[error ${errorId}] ${status} ${message}`, error);
	return { message: m.error_unexpected(), errorId };
};
