import { fail, redirect, type ActionFailure } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import { refused, type FormFailure, type RefusalPlaces } from '$lib/server/form-errors';
import {
	parseInterviewForm,
	piiWarnings,
	questionField,
	type InterviewValues
} from '$lib/schemas/field';
import type { FieldErrors } from '$lib/schemas/form';
import type { Actions, PageServerLoad } from './$types';

/** `pii`: the open answers that look identifying, held back until "toch opslaan" is ticked. */
type InterviewFailure = ActionFailure<
	FormFailure<InterviewValues> & { pii?: ReturnType<typeof piiWarnings> }
>;

/** Where a database refusal is shown: next to its field when we know it, else above the form. */
const PLACES: RefusalPlaces = {
	reasons: { consent_required: 'consent', guardian_consent_required: 'guardian_consent' },
	fields: ['consent_form', 'guardian_consent', 'interviewee_group', 'age_band', 'municipality_id'],
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

		// Promise 4: warn, never block. Without JavaScript the warning can only come from here, so
		// the first submit with identifying-looking text returns with a warning and a "toch
		// opslaan" box; ticking it (or removing the text) lets the second submit through.
		const openTexts = Object.fromEntries(
			round.questions
				.filter((question) => question.kind === 'open')
				.map((question) => questionField(question.id))
				.map((name) => [name, String(parsed.values.answers[name] ?? '')])
		);
		const pii = piiWarnings(openTexts);
		if (Object.keys(pii).length && !parsed.values.pii_ok) {
			return fail(400, { values: parsed.values, errors: {} as FieldErrors, pii });
		}

		let saved: { id: string };
		try {
			saved = await interviews.submit(person, parsed.data);
		} catch (cause) {
			return refused(cause, parsed.values, PLACES);
		}
		redirect(303, `/gesprekken/nieuw?opgeslagen=${saved.id}`);
	}
} satisfies Actions;
