import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';
import * as interviews from '$lib/server/api/interviews';
import * as findings from '$lib/server/api/findings';
import { hub } from '$lib/server/live/instance';
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
		const refused = await saveFinding(form, round.themes, (args) =>
			findings.update(person, {
				p_id: args.p_id,
				p_statement: args.p_statement,
				p_quote: args.p_quote,
				p_theme: args.p_theme
			})
		);
		if (refused) return refused;
		// During the evening a change moves the chain's fingerprint on every screen.
		if (round.evening_code) await hub.wake(round.evening_code);
		redirect(303, '/gesprekken?melding=bevinding-aangepast');
	},
	finding_withdraw: async ({ locals, params }) => {
		const person = interviews.requireInterviewer(locals.person);
		try {
			await findings.withdraw(person, params.id);
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status === 500) throw cause;
			return fail(cause.status, { withdrawError: messageFor(cause.reason, cause.field) });
		}
		const { round } = await interviews.me(person);
		if (round.evening_code) await hub.wake(round.evening_code);
		redirect(303, '/gesprekken?melding=bevinding-ingetrokken');
	}
} satisfies Actions;
