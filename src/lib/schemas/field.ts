import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { identifyingKinds, type IdentifyingKind } from '$lib/pii';
import {
	ageBands,
	consentForms,
	guardianBands,
	intervieweeGroups,
	OPEN_ANSWER_MAX,
	QUOTE_MAX,
	STATEMENT_MAX,
	STATEMENT_MIN
} from './domain';
import { fieldErrors, text, texts, type FieldErrors } from './form';
import type { Question } from './question';
import { name, typed } from './text';
import type { Answer, FindingArgs, InterviewArgs } from './submissions';

/**
 * The interviewer's forms: join, interview, finding. Each parser takes the raw FormData and
 * returns either the arguments for the data API or the typed values plus Dutch messages per
 * field, so a refused form comes back with everything still filled in. Messages are built at
 * parse time, so they follow the language of the request.
 */

export type Parsed<D, V> =
	{ ok: true; data: D; values: V } | { ok: false; values: V; errors: FieldErrors };

// ---------------------------------------------------------------------------------------- join

export type JoinValues = { code: string; display_name: string };

export function parseJoinForm(form: FormData): Parsed<JoinValues, JoinValues> {
	const values = { code: text(form, 'code'), display_name: text(form, 'display_name') };
	const schema = z.object({
		code: z
			.string()
			.transform((code) => code.replace(/[\s-]/g, ''))
			.pipe(
				z
					.string()
					.min(1, { error: () => m.field_err_code_required() })
					.regex(/^[A-Za-z0-9]{3,32}$/, { error: () => m.field_err_code_format() })
			),
		display_name: name()
			.min(1, { error: () => m.field_err_name_required() })
			.max(40, { error: () => m.field_err_name_too_long() })
	});
	const result = schema.safeParse(values);
	return result.success
		? { ok: true, data: result.data, values }
		: { ok: false, values, errors: fieldErrors(result.error) };
}

// ----------------------------------------------------------------------------------- interview

/** What the interview form needs to know of a guide question. */
export type GuideQuestion = Pick<Question, 'id' | 'kind' | 'options'>;

export type InterviewValues = {
	id: string;
	consent: boolean;
	consent_form: string;
	guardian_consent: boolean;
	interviewee_group: string;
	age_band: string;
	municipality_id: string;
	answers: Record<string, string | string[]>;
	pii_ok: boolean;
};

export const questionField = (id: string) => `q_${id}`;

export function readInterviewValues(form: FormData, questions: GuideQuestion[]): InterviewValues {
	const answers: Record<string, string | string[]> = {};
	for (const question of questions) {
		const name = questionField(question.id);
		answers[name] = question.kind === 'multi' ? texts(form, name) : text(form, name);
	}
	return {
		id: text(form, 'id'),
		consent: form.get('consent') === 'on',
		consent_form: text(form, 'consent_form'),
		guardian_consent: form.get('guardian_consent') === 'on',
		interviewee_group: text(form, 'interviewee_group'),
		age_band: text(form, 'age_band'),
		municipality_id: text(form, 'municipality_id'),
		answers,
		pii_ok: form.get('pii_ok') === 'on'
	};
}

function answerSchema(question: GuideQuestion) {
	const options = question.options ?? [];
	const choice = z.string().refine((value) => options.includes(value), {
		error: () => m.field_err_choice()
	});
	switch (question.kind) {
		case 'open':
			return typed()
				.trim()
				.max(OPEN_ANSWER_MAX, {
					error: (issue) =>
						m.field_err_open_too_long({
							max: OPEN_ANSWER_MAX,
							count: String(issue.input).trim().length
						})
				});
		case 'scale':
			return z.union([z.literal(''), z.enum(['1', '2', '3', '4', '5'])], {
				error: () => m.field_err_scale()
			});
		case 'single':
			return z.union([z.literal(''), choice]);
		case 'multi':
			return z.array(choice);
	}
}

function toAnswer(question: GuideQuestion, value: unknown): Answer | null {
	if (question.kind === 'multi') {
		const choices = value as string[];
		return choices.length ? { question_id: question.id, choices } : null;
	}
	if (value === '') return null; // skipped
	if (question.kind === 'scale') return { question_id: question.id, scale: Number(value) };
	if (question.kind === 'single') return { question_id: question.id, choices: [String(value)] };
	return { question_id: question.id, text: String(value) };
}

export function parseInterviewForm(
	form: FormData,
	round: { municipalities: { id: string }[]; questions: GuideQuestion[] }
): Parsed<InterviewArgs, InterviewValues> {
	const values = readInterviewValues(form, round.questions);
	const municipalityIds = round.municipalities.map((municipality) => municipality.id);
	const schema = z.object({
		id: z.uuid({ error: () => m.field_err_form_id() }),
		consent: z.literal(true, { error: () => m.field_err_consent() }),
		consent_form: z.enum(consentForms, { error: () => m.field_err_consent_form() }),
		guardian_consent: z.boolean(),
		interviewee_group: z.enum(intervieweeGroups, { error: () => m.field_err_group() }),
		age_band: z.enum(ageBands, { error: () => m.field_err_age() }),
		municipality_id: z
			.string()
			.refine((id) => municipalityIds.includes(id), { error: () => m.field_err_municipality() }),
		...Object.fromEntries(
			round.questions.map((question) => [questionField(question.id), answerSchema(question)])
		)
	});
	const result = schema.safeParse({ ...values, ...values.answers });
	const errors = result.success ? {} : fieldErrors(result.error);
	// Checked apart from zod so it shows together with the other messages, not after them.
	if (guardianBands.includes(values.age_band) && !values.guardian_consent) {
		errors.guardian_consent = m.field_err_guardian();
	}
	if (!result.success || Object.keys(errors).length) return { ok: false, values, errors };

	const data = result.data as Record<string, unknown> & z.infer<typeof schema>;
	const answers = round.questions
		.map((question) => toAnswer(question, data[questionField(question.id)]))
		.filter((answer): answer is Answer => answer !== null);
	return {
		ok: true,
		values,
		data: {
			p_id: data.id,
			p_consent_form: data.consent_form,
			p_guardian_consent: data.guardian_consent,
			p_interviewee_group: data.interviewee_group,
			p_age_band: data.age_band,
			p_municipality_id: data.municipality_id,
			p_answers: answers
		}
	};
}

// ------------------------------------------------------------------------------------- finding

export type FindingValues = {
	id: string;
	statement: string;
	quote: string;
	theme: string;
	interview_id: string;
	pii_ok: boolean;
};

export function parseFindingForm(
	form: FormData,
	themes: string[]
): Parsed<FindingArgs, FindingValues> {
	const values: FindingValues = {
		id: text(form, 'id'),
		statement: text(form, 'statement'),
		quote: text(form, 'quote'),
		theme: text(form, 'theme'),
		interview_id: text(form, 'interview_id'),
		pii_ok: form.get('pii_ok') === 'on'
	};
	const schema = z.object({
		id: z.uuid({ error: () => m.field_err_form_id() }),
		statement: typed()
			.trim()
			.min(STATEMENT_MIN, { error: () => m.field_err_statement_required() })
			.max(STATEMENT_MAX, {
				error: (issue) =>
					m.field_err_statement_long({
						max: STATEMENT_MAX,
						count: String(issue.input).trim().length
					})
			}),
		quote: typed()
			.trim()
			.max(QUOTE_MAX, {
				error: (issue) =>
					m.field_err_quote_long({ max: QUOTE_MAX, count: String(issue.input).trim().length })
			}),
		theme: z.union([z.literal(''), z.enum(themes.length ? themes : [''])], {
			error: () => m.field_err_theme()
		}),
		interview_id: z.union([z.literal(''), z.uuid()], { error: () => m.field_err_interview() })
	});
	const result = schema.safeParse(values);
	if (!result.success) return { ok: false, values, errors: fieldErrors(result.error) };
	const data = result.data;
	return {
		ok: true,
		values,
		data: {
			p_id: data.id,
			p_statement: data.statement,
			p_quote: data.quote || null,
			p_theme: data.theme || null,
			p_interview_id: data.interview_id || null
		}
	};
}

// ------------------------------------------------------------------------------------- privacy

/**
 * Which of these texts look identifying, by field name. The server uses it to hold a submit
 * (without JavaScript) until the interviewer ticks "toch opslaan": a warning, never a block.
 */
export function piiWarnings(texts: Record<string, string>): Record<string, IdentifyingKind[]> {
	const warnings: Record<string, IdentifyingKind[]> = {};
	for (const [field, value] of Object.entries(texts)) {
		const kinds = identifyingKinds(value);
		if (kinds.length) warnings[field] = kinds;
	}
	return warnings;
}
