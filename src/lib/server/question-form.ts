// One question as the editor's form sends it, and where a refusal lands. The database checks every
// rule (api.guide_question_save, api.own_question_add); this only reads the form and gives each
// hint its field and its sentence. Shared by the coordinator's editor and the interviewers' page.
import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api/rpc';
import { refused } from '$lib/server/form-errors';
import { text } from '$lib/schemas/form';
import { ROW_FIELDS } from '$lib/schemas/staff';
import { m } from '$lib/paraglide/messages';
import type { QuestionFields } from '$lib/server/api/guide';
import type { QuestionValues } from '$lib/components/question-values';

const FIELD_NAMES = ['question_id', ...ROW_FIELDS] as const;

export function readQuestion(data: FormData): { values: QuestionValues; fields: QuestionFields } {
	const values = Object.fromEntries(
		FIELD_NAMES.map((name) => [name, text(data, name).slice(0, 4000)])
	) as QuestionValues;
	const choice = values.kind === 'single' || values.kind === 'multi';
	return {
		values,
		fields: {
			kind: values.kind,
			prompt: values.prompt,
			theme: values.theme,
			// Only the fields of the chosen kind go to the database; the others stay in the form.
			scaleMinLabel: values.kind === 'scale' ? values.scale_min_label : null,
			scaleMaxLabel: values.kind === 'scale' ? values.scale_max_label : null,
			options: choice ? values.options.split(/\r?\n/).slice(0, 30) : null
		}
	};
}

const reasonMessages = {
	guide_frozen: () => m.guide_error_frozen(),
	last_question: () => m.guide_error_last(),
	wrong_state: () => m.guide_error_state()
};

const LIMIT_REASONS = { own_questions_hour: 'prompt', own_questions_round: 'prompt' };

/** Field-specific sentences: the general ones (errors.ts) do not say how to fix these. */
const fieldMessages: Record<string, () => string> = {
	kind: m.guide_error_kind,
	prompt: m.guide_error_prompt,
	theme: m.guide_error_theme,
	scale_min_label: m.guide_error_scale_min,
	scale_max_label: m.guide_error_scale_max,
	options: m.guide_error_options,
	key: m.guide_error_key,
	// Too many questions: shown at the top of the form.
	questions: m.guide_error_too_many
};

/** A refusal of a question's save, at its field with a sentence that says how to fix it. */
export function questionRefused<V>(cause: unknown, values: V) {
	if (cause instanceof ApiError && cause.reason === 'invalid_input' && cause.field) {
		const message = fieldMessages[cause.field];
		if (message) {
			const at = cause.field === 'questions' ? 'form' : cause.field;
			return fail(400, { values, errors: { [at]: message() } });
		}
	}
	// The rate limits of own_question_add land at the prompt: that is what the person just typed.
	return refused(cause, values, { messages: reasonMessages, reasons: LIMIT_REASONS });
}
