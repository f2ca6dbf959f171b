import { redirect } from '@sveltejs/kit';
import * as interviews from '$lib/server/api/interviews';
import * as findings from '$lib/server/api/findings';
import { saveFinding } from '../finding-action';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const [me, mine] = await Promise.all([interviews.me(person), interviews.mine(person)]);
	// ?gesprek=<id> links the finding to one of my own interviews; anything else is ignored.
	// A withdrawn interview takes no new findings: its consent is gone.
	const interview =
		mine.find((row) => row.id === url.searchParams.get('gesprek') && !row.withdrawn_at) ?? null;
	return {
		themes: me.round.themes,
		interview: interview && { id: interview.id, submitted_at: interview.submitted_at },
		clientId: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }) => {
		const person = interviews.requireInterviewer(locals.person);
		const { round } = await interviews.me(person);
		const refusal = await saveFinding(await request.formData(), round.themes, (args) =>
			findings.create(person, args)
		);
		if (refusal) return refusal;
		redirect(303, '/gesprekken?melding=bevinding-opgeslagen');
	}
} satisfies Actions;
