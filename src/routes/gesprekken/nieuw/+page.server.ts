import { fail, redirect } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';
import * as interviews from '$lib/server/api/interviews';
import { parseInterviewForm, piiWarnings, questionField, type Errors } from '$lib/schemas/field';
import type { IdentifyingKind } from '$lib/pii';

const noErrors: Errors = {};
const noPii: Record<string, IdentifyingKind[]> = {};
import type { Actions, PageServerLoad } from './$types';

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
	default: async ({ request, locals }) => {
		const person = interviews.requireInterviewer(locals.person);
		const { round } = await interviews.me(person);
		const form = await request.formData();
		const parsed = parseInterviewForm(form, round);
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, pii: noPii });

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
			return fail(400, { values: parsed.values, errors: noErrors, pii });
		}

		let saved: { id: string };
		try {
			saved = await interviews.submit(person, parsed.data);
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status === 500) throw cause;
			const field = fieldFor(cause);
			return fail(cause.status, {
				values: parsed.values,
				errors: { [field]: messageFor(cause.reason, cause.field) } as Errors,
				pii: noPii
			});
		}
		redirect(303, `/gesprekken/nieuw?opgeslagen=${saved.id}`);
	}
} satisfies Actions;

/** Where a database refusal is shown: next to its field when we know it, else above the form. */
function fieldFor(error: ApiError): string {
	if (error.reason === 'consent_required') return 'consent';
	if (error.reason === 'guardian_consent_required') return 'guardian_consent';
	if (error.field && error.field !== 'answers' && error.field !== 'id') return error.field;
	return 'form';
}
