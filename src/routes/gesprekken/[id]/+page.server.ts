import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import { ApiError } from '$lib/server/api/rpc';
import { refused, type RefusalPlaces } from '$lib/server/form-errors';
import { parseInterviewForm } from '$lib/schemas/field';
import type { FieldErrors } from '$lib/schemas/form';
import type { Person } from '$lib/server/session';
import { heldForPii, INTERVIEW_FIELDS, type InterviewFailure } from '../nieuw/interview-action';
import { sentValues } from './sent-values';
import type { Actions, PageServerLoad } from './$types';

// Correcting an interview (issue 9, item 6): its author, until the evening opens, on the
// questions of the interview's own guide version. Corrections go straight to the server: there
// is no outbox for them (the page says so when the phone is offline).

const PLACES: RefusalPlaces = {
	...INTERVIEW_FIELDS,
	messages: {
		withdrawn: () => m.field_correct_withdrawn(),
		not_allowed: () => m.field_correct_not_yours()
	}
};

/**
 * One of my interviews. Someone else's is not found (RLS), as an id that is no id: the page says
 * only that it is not one of mine, never whether it exists.
 */
async function mine(person: Person, id: string) {
	if (!z.uuid().safeParse(id).success) error(404, m.field_correct_not_yours());
	try {
		return await interviews.one(person, id);
	} catch (cause) {
		if (cause instanceof ApiError && cause.status === 404) error(404, m.field_correct_not_yours());
		throw cause;
	}
}

export const load = (async ({ locals, params, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const [me, interview] = await Promise.all([interviews.me(person), mine(person, params.id)]);
	return {
		interview: {
			id: interview.id,
			submitted_at: interview.submitted_at,
			corrected_at: interview.corrected_at,
			withdrawn: interview.withdrawn_at !== null
		},
		questions: interview.questions,
		municipalities: me.round.municipalities,
		// Corrections end when the evening opens (the round leaves fieldwork then).
		open: me.round.state === 'veldwerk',
		sent: sentValues(interview),
		saved: url.searchParams.has('gewijzigd')
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, params }): Promise<InterviewFailure> => {
		const person = interviews.requireInterviewer(locals.person);
		const [me, interview] = await Promise.all([interviews.me(person), mine(person, params.id)]);
		const form = await request.formData();
		form.set('id', interview.id); // the id is the page's, never the form's
		const parsed = parseInterviewForm(form, {
			municipalities: me.round.municipalities,
			questions: interview.questions
		});
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		const pii = heldForPii(interview.questions, parsed.values);
		if (pii) return fail(400, { values: parsed.values, errors: {} as FieldErrors, pii });
		try {
			await interviews.correct(person, parsed.data);
		} catch (cause) {
			return refused(cause, parsed.values, PLACES);
		}
		redirect(303, `/gesprekken/${interview.id}?gewijzigd`);
	}
} satisfies Actions;
