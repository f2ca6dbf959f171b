import * as findings from '$lib/server/api/findings';
import { requireInterviewer } from '$lib/server/api/interviews';
import type { PageServerLoad } from './$types';

/** "Bevindingen van de groep": the round's findings, for its interviewers only (API.md). */
export const load = (async ({ locals }) => {
	const person = requireInterviewer(locals.person);
	return { group: await findings.group(person) };
}) satisfies PageServerLoad;
