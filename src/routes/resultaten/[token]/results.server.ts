import { m } from '$lib/paraglide/messages';
import * as results from '$lib/server/api/results';
import { orNotFound } from '$lib/server/not-found';

/** A wrong, stopped or not yet published link: one 404, nothing about which. */
export const loadPublicResults = (token: string) =>
	orNotFound(results.getPublic(token), m.error_not_found(), [400, 404]);
