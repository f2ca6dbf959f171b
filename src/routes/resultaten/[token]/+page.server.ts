import { loadPublicResults } from './results.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => ({
	results: await loadPublicResults(params.token),
	token: params.token
})) satisfies PageServerLoad;
