// What the two interview actions share: a new interview (./+page.server.ts) and a correction
// (../[id]/+page.server.ts) hold back identifying-looking text and place refusals alike.
import type { ActionFailure } from '@sveltejs/kit';
import {
	piiWarnings,
	questionField,
	type GuideQuestion,
	type InterviewValues
} from '$lib/schemas/field';
import type { FormFailure, RefusalPlaces } from '$lib/server/form-errors';

/** `pii`: the open answers that look identifying, held back until "toch opslaan" is ticked. */
export type InterviewFailure = ActionFailure<
	FormFailure<InterviewValues> & { pii?: ReturnType<typeof piiWarnings> }
>;

/** Where a database refusal of consent or profile is shown: next to its field. */
export const INTERVIEW_FIELDS = {
	reasons: { consent_required: 'consent', guardian_consent_required: 'guardian_consent' },
	fields: ['consent_form', 'guardian_consent', 'interviewee_group', 'age_band', 'municipality_id']
} as const satisfies RefusalPlaces;

/**
 * Promise 4: warn, never block. Without JavaScript the warning can only come from the server, so
 * the first submit with identifying-looking text returns with a warning and a "toch opslaan" box;
 * ticking it (or removing the text) lets the second submit through. Null: nothing to hold.
 */
export function heldForPii(
	questions: GuideQuestion[],
	values: InterviewValues
): ReturnType<typeof piiWarnings> | null {
	const openTexts = Object.fromEntries(
		questions
			.filter((question) => question.kind === 'open')
			.map((question) => questionField(question.id))
			.map((name) => [name, String(values.answers[name] ?? '')])
	);
	const pii = piiWarnings(openTexts);
	return Object.keys(pii).length && !values.pii_ok ? pii : null;
}
