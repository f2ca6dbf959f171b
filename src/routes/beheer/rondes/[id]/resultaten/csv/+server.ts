import { csvResponse } from '$lib/server/results-export';
import { loadResults } from '../results.server';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) =>
	csvResponse((await loadResults(locals, params.id)).results);
