import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import * as findings from '$lib/server/api/findings';
import * as responses from '$lib/server/api/responses';
import { noticesEnabled } from '$lib/after/notices.server';
import { refused } from '$lib/server/form-errors';
import { text } from '$lib/schemas/form';
import type { Actions, PageServerLoad } from './$types';

const NOTICES = [
	'bevinding-opgeslagen',
	'bevinding-aangepast',
	'bevinding-ingetrokken',
	'toestemming-ingetrokken'
] as const;

export const load = (async ({ locals, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const [me, myInterviews, myFindings, news] = await Promise.all([
		interviews.me(person),
		interviews.mine(person),
		findings.mine(person),
		responses.news(person)
	]);
	const notice = NOTICES.find((name) => name === url.searchParams.get('melding')) ?? null;
	return {
		me,
		interviews: myInterviews,
		findings: myFindings,
		news,
		notice,
		// Links only to what works here: a youth round that lets its interviewers add questions
		// (/vragen), and e-mail notices where this installation has SMTP (/meldingen).
		canAddQuestions: me.round.can_add_questions,
		noticesOn: noticesEnabled()
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The responses listed as new are seen: the list is empty until the next one comes. */
	nieuws_gezien: async ({ locals }) => {
		await responses.seen(interviews.requireInterviewer(locals.person));
		redirect(303, '/gesprekken');
	},
	/**
	 * Consent withdrawn: the database erases the interview and withdraws its findings (the api
	 * layer wakes a live evening's screens). `values.interview_id` says which card the message is for.
	 */
	toestemming_intrekken: async ({ locals, request }) => {
		const person = interviews.requireInterviewer(locals.person);
		const values = { interview_id: text(await request.formData(), 'interview_id') };
		const interviewId = z.uuid().safeParse(values.interview_id);
		if (!interviewId.success) {
			return fail(400, { values, errors: { form: m.field_err_interview() } });
		}
		try {
			await interviews.withdrawInterview(person, interviewId.data);
		} catch (cause) {
			return refused(cause, values);
		}
		redirect(303, '/gesprekken?melding=toestemming-ingetrokken');
	}
} satisfies Actions;
