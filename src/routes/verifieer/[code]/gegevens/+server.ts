import { json } from '@sveltejs/kit';
import { loadVerification } from '../verification.server';
import type { RequestHandler } from './$types';

/**
 * Exactly what api.round_verification returns, for `npm run verify` and for anyone who wants to
 * check with their own tools. Public data (the same the page shows), so any site may read it; it
 * changes when a finding is added, so caches keep it only briefly.
 */
export const GET: RequestHandler = async ({ params, url }) => {
	const { code, verification } = await loadVerification(params.code, url);
	return json(verification, {
		headers: {
			'cache-control': 'public, max-age=10, must-revalidate',
			'access-control-allow-origin': '*',
			'content-disposition': `inline; filename="klankbord-${code}.json"`
		}
	});
};
