import { jsonResponse } from '$lib/server/results-export';
import { loadPublicResults } from '../results.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) =>
	jsonResponse(await loadPublicResults(params.token));
