import { jsonResponse } from '$lib/server/results-export';
import { loadResults } from '../results.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) =>
	jsonResponse((await loadResults(locals, params.id)).results);
