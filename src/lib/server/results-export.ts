// The downloads of a round's results (CSV, JSON): the document the database protected, as files.
// Staff-only fields (the public link's date) stay out, so a file can be passed on as it is.
import type { Results } from '$lib/server/api/results';
import { exportName, resultsCsv } from '$lib/results/csv';

function shared(results: Results & { public_link?: unknown }): Results {
	const { public_link: _, ...rest } = results;
	return rest;
}

const headers = (type: string, name: string) => ({
	'content-type': type,
	'content-disposition': `attachment; filename="${encodeURIComponent(name)}"`,
	// Results can change (a withdrawal of consent): never serve an old copy from a cache.
	'cache-control': 'no-store'
});

export function csvResponse(results: Results): Response {
	return new Response(resultsCsv(results), {
		headers: headers('text/csv; charset=utf-8', exportName(results, 'csv'))
	});
}

export function jsonResponse(results: Results): Response {
	return new Response(JSON.stringify(shared(results), null, 2), {
		headers: headers('application/json; charset=utf-8', exportName(results, 'json'))
	});
}
