import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import { refused, type RefusalPlaces } from '$lib/server/form-errors';
import { parseInterviewForm } from '$lib/schemas/field';
import type { FieldErrors } from '$lib/schemas/form';
import { heldForPii, INTERVIEW_FIELDS, type InterviewFailure } from './interview-action';
import type { Actions, PageServerLoad } from './$types';

/** Where a database refusal is shown: next to its field when we know it, else above the form. */
const PLACES: RefusalPlaces = {
	...INTERVIEW_FIELDS,
	messages: {
		withdrawn: () => m.field_interview_withdrawn_resend(),
		submission_conflict: () => m.field_interview_conflict()
	}
};

export const load = (async ({ locals, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	const savedId = url.searchParams.get('opgeslagen');
	const me = await interviews.me(person);
	return {
		round: me.round,
		// A fresh id per rendered form: sending the same form twice stores one interview.
		clientId: crypto.randomUUID(),
		saved: savedId && /^[0-9a-f-]{36}$/i.test(savedId) ? savedId : null
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals }): Promise<InterviewFailure> => {
		const person = interviews.requireInterviewer(locals.person);
		const { round } = await interviews.me(person);
		const form = await request.formData();
		const parsed = parseInterviewForm(form, round);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });

		const pii = heldForPii(round.questions, parsed.values);
		if (pii) return fail(400, { values: parsed.values, errors: {} as FieldErrors, pii });

		let saved: { id: string };
		try {
			saved = await interviews.submit(person, parsed.data);
		} catch (cause) {
			return refused(cause, parsed.values, PLACES);
		}
		redirect(303, `/gesprekken/nieuw?opgeslagen=${saved.id}`);
	}
} satisfies Actions;
