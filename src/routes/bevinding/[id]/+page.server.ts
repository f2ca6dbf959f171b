import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import * as responses from '$lib/server/api/responses';
import * as teams from '$lib/server/api/teams';
import { refused } from '$lib/server/form-errors';
import { orNotFound } from '$lib/server/not-found';
import { requireStaff } from '$lib/server/session';
import { text } from '$lib/schemas/form';
import { noticesEnabled, queueNotices } from '$lib/after/notices.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * A finding's permanent public page (API.md, finding_story): the finding, what the organisation
 * and the municipality answered, and what the round's interviewers think of those answers. The
 * results pages link here; it exists from publication on, for good.
 */
// A finding id is a uuid; anything else (a NUL, a huge string) is no finding, not a database error.
const FINDING_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load = (async ({ locals, params, url }) => {
	if (!FINDING_ID.test(params.id)) error(404, m.after_not_found());
	const story = await orNotFound(responses.story(locals.person, params.id), m.after_not_found());
	const done = url.searchParams.get('melding');
	// What the organisation's teams did with it: how many discussed it, the published agreements.
	const learned = await orNotFound(teams.ofFinding(locals.person, params.id), m.after_not_found());
	return {
		story,
		learned,
		notice: done === 'antwoord' || done === 'oordeel' ? done : null,
		// The way to e-mail notices, for the round's interviewers, only where mail can be sent.
		noticesOn: story.viewer.can_judge && noticesEnabled()
	};
}) satisfies PageServerLoad;

export const actions = {
	respond: async ({ locals, params, request, url }) => {
		const person = requireStaff(locals);
		const form = await request.formData();
		const values = {
			status: text(form, 'status'),
			body: text(form, 'body'),
			reason: text(form, 'reason'),
			planned_for: text(form, 'planned_for')
		};
		let posted: { id: string };
		try {
			posted = await responses.post(person, {
				p_finding_id: params.id,
				p_status: values.status,
				p_body: values.body,
				p_reason: values.reason,
				p_planned_for: values.planned_for
			});
		} catch (cause) {
			const { status, data } = refused(cause, values, {
				fields: ['status', 'body', 'reason', 'planned_for']
			});
			return fail(status, { which: 'respond' as const, ...data });
		}
		// Queued, not awaited: a slow or broken mail server never holds up the answer.
		queueNotices(posted.id, url.origin);
		redirect(303, `/bevinding/${params.id}?melding=antwoord#tijdlijn`);
	},
	judge: async ({ locals, params, request }) => {
		const person = interviews.requireInterviewer(locals.person);
		const form = await request.formData();
		const values = {
			response_id: text(form, 'response_id'),
			verdict: text(form, 'verdict'),
			comment: text(form, 'comment')
		};
		try {
			await responses.judge(person, {
				p_response_id: values.response_id,
				p_verdict: values.verdict,
				p_comment: values.comment
			});
		} catch (cause) {
			// `about`: one verdict form per response; the message belongs to the one that was sent.
			const { status, data } = refused(cause, values, { fields: ['verdict', 'comment'] });
			return fail(status, { which: 'judge' as const, about: values.response_id, ...data });
		}
		redirect(303, `/bevinding/${params.id}?melding=oordeel#antwoord-${values.response_id}`);
	}
} satisfies Actions;
