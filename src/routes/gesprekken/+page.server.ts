import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';
import * as interviews from '$lib/server/api/interviews';
import * as findings from '$lib/server/api/findings';
import { hub } from '$lib/server/live/instance';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = [
	'bevinding-opgeslagen',
	'bevinding-aangepast',
	'bevinding-ingetrokken',
	'toestemming-ingetrokken'
] as const;

export const load = (async ({ locals, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const [me, myInterviews, myFindings] = await Promise.all([
		interviews.me(person),
		interviews.mine(person),
		findings.mine(person)
	]);
	const notice = NOTICES.find((name) => name === url.searchParams.get('melding')) ?? null;
	return {
		me,
		interviews: myInterviews,
		findings: myFindings,
		notice
	};
}) satisfies PageServerLoad;

export const actions = {
	/** Consent withdrawn: the database erases the interview and withdraws its findings. */
	toestemming_intrekken: async ({ locals, request }) => {
		const person = interviews.requireInterviewer(locals.person);
		const raw = (await request.formData()).get('interview_id');
		const interviewId = z.uuid().safeParse(raw);
		if (!interviewId.success) {
			return fail(400, { interviewId: String(raw ?? ''), error: m.field_err_interview() });
		}
		try {
			const { findings_withdrawn } = await interviews.withdrawInterview(person, interviewId.data);
			// Withdrawn findings leave the board: screens of a live evening must hear of it.
			if (findings_withdrawn > 0) {
				const { round } = await interviews.me(person);
				if (round.evening_code) await hub.wake(round.evening_code);
			}
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status === 500) throw cause;
			return fail(cause.status, {
				interviewId: interviewId.data,
				error: messageFor(cause.reason, cause.field)
			});
		}
		redirect(303, '/gesprekken?melding=toestemming-ingetrokken');
	}
} satisfies Actions;
