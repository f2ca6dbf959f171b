import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import * as findings from '$lib/server/api/findings';
import { refused } from '$lib/server/form-errors';
import { saveFinding } from '../finding-action';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const [me, mine] = await Promise.all([interviews.me(person), findings.mine(person)]);
	// Only the author's own list is searched: someone else's id is simply not found.
	const finding = mine.find((row) => row.id === params.id);
	if (!finding) error(404, m.reason_not_found());
	return {
		finding,
		themes: me.round.themes,
		confirmWithdraw: url.searchParams.has('intrekken')
	};
}) satisfies PageServerLoad;

export const actions = {
	finding_update: async ({ request, locals, params }) => {
		const person = interviews.requireInterviewer(locals.person);
		const { round } = await interviews.me(person);
		const form = await request.formData();
		form.set('id', params.id); // the id is the page's, never the form's
		// The update schema drops p_interview_id: which interview a finding belongs to never changes.
		const refusal = await saveFinding(form, round.themes, (args) => findings.update(person, args));
		if (refusal) return refusal;
		redirect(303, '/gesprekken?melding=bevinding-aangepast');
	},
	finding_withdraw: async ({ locals, params }) => {
		const person = interviews.requireInterviewer(locals.person);
		try {
			await findings.withdraw(person, params.id);
		} catch (cause) {
			// `about`: the page has two forms, and this message belongs at the withdraw button.
			const { status, data } = refused(cause, {});
			return fail(status, { about: 'withdraw' as const, ...data });
		}
		redirect(303, '/gesprekken?melding=bevinding-ingetrokken');
	}
} satisfies Actions;
