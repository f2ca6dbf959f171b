import { csvResponse } from '$lib/server/results-export';
import { loadPublicResults } from '../results.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params }) =>
	csvResponse(await loadPublicResults(params.token));
