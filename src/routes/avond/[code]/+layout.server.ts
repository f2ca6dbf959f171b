// Every page of an evening can show when and where it is (EveningDetails.svelte reads this from
// page data), so the pages themselves only place the component. An unknown code is left to each
// page's own load (404); here it just means "no details".
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';
import * as details from '$lib/server/api/evening-details';
import { ApiError } from '$lib/server/api/rpc';
import type { LayoutServerLoad } from './$types';

export const load = (async ({ params }) => {
	const code = normaliseCode(params.code);
	if (!eveningCodeSchema.safeParse(code).success) return { eveningDetails: null };
	const eveningDetails = await details.get(code).catch((cause) => {
		if (cause instanceof ApiError && cause.status < 500) return null;
		throw cause;
	});
	return { eveningDetails };
}) satisfies LayoutServerLoad;
