import type { HandleClientError } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** Errors in the browser: the same calm message as on the server, with an id for the console. */
export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status === 404) return { message: m.error_not_found() };
	const errorId = crypto.randomUUID().slice(0, 8);
	console.error(`[error ${errorId}] ${status} ${message}`, error);
	return { message: m.error_unexpected(), errorId };
};
