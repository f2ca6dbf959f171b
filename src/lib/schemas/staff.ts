// Staff forms: login, first-coordinator setup and a new round. Schemas are built per call so
// every message comes out in the language of the request that is being answered.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { targetGroups, type QuestionKind, type TargetGroup } from './domain';
import { fieldErrors, text, texts, type FieldErrors } from './form';
import { name, typed } from './text';

export const TITLE_MAX = 120;
export const PROMPT_MAX = 300;
export const THEME_MAX = 60;
export const SCALE_LABEL_MAX = 60;
export const OPTIONS_MAX = 20;
export const OPTION_MAX = 100;
export const QUESTIONS_MAX = 40;
/** Rows the form shows without JavaScript; with JavaScript people can add more. */
export const QUESTION_ROWS = 6;
/** app.rounds.presenter_quorum: other interviewers who confirm a presenter, 2 to 5. */
export const PRESENTER_QUORUM_DEFAULT = 2;
export const PRESENTER_QUORUM_CHOICES = ['2', '3', '4', '5'] as const;
/** questions.key in the database. */
export const QUESTION_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function loginSchema() {
	return z.object({
		email: typed()
			.trim()
			.toLowerCase()
			.pipe(z.email({ error: m.staff_error_email() })),
		password: typed().min(1, m.staff_error_password_empty()).max(200)
	});
}

export function setupSchema() {
	return z
		.object({
			organisation_name: name()
				.min(2, m.staff_error_org_empty())
				.max(120, m.staff_error_org_long()),
			display_name: name().min(1, m.staff_error_name_empty()).max(80, m.staff_error_name_long()),
			email: typed()
				.trim()
				.toLowerCase()
				.pipe(z.email({ error: m.staff_error_email() })),
			password: typed()
				.min(10, m.staff_error_password_short())
				.max(200, m.staff_error_password_long()),
			password_repeat: typed()
		})
		.refine((form) => form.password === form.password_repeat, {
			message: m.staff_error_password_repeat(),
			path: ['password_repeat']
		});
}

/** Accepting an invitation: the setup form without the organisation (the invitation has one). */
export function acceptSchema() {
	return z
		.object({
			display_name: z
				.string()
				.trim()
				.min(1, m.staff_error_name_empty())
				.max(80, m.staff_error_name_long()),
			email: z
				.string()
				.trim()
				.toLowerCase()
				.pipe(z.email({ error: m.staff_error_email() })),
			password: z
				.string()
				.min(10, m.staff_error_password_short())
				.max(200, m.staff_error_password_long()),
			password_repeat: z.string()
		})
		.refine((form) => form.password === form.password_repeat, {
			message: m.staff_error_password_repeat(),
			path: ['password_repeat']
		});
}

/** One question row exactly as typed, so a failed form can be shown again without losing a word. */
export type QuestionRow = {
	kind: string;
	prompt: string;
	theme: string;
	scale_min_label: string;
	scale_max_label: string;
	options: string;
	/** The question's stable key (hidden): set when the row came from a starter guide. */
	key: string;
};

/** A question in the shape `round_create` takes (supabase/API.md), as the form parses it. */
export type QuestionInput = z.output<ReturnType<typeof questionSchema>>;

export type RoundFormValues = {
	title: string;
	target_group: string;
	municipality_ids: string[];
	questions: QuestionRow[];
	/** How many other interviewers confirm a presenter: '2' to '5' (app.rounds.presenter_quorum). */
	presenter_quorum: string;
};

export type RoundFormResult =
	| {
			ok: true;
			values: RoundFormValues;
			title: string;
			targetGroup: TargetGroup;
			municipalityIds: string[];
			questions: QuestionInput[];
			presenterQuorum: number;
	  }
	| { ok: false; values: RoundFormValues; errors: FieldErrors };

/** The fields of a question row, as the forms name them. */
export const ROW_FIELDS = [
	'kind',
	'prompt',
	'theme',
	'scale_min_label',
	'scale_max_label',
	'options',
	'key'
] as const;

export function emptyRow(kind: QuestionKind = 'open'): QuestionRow {
	return {
		kind,
		prompt: '',
		theme: '',
		scale_min_label: '',
		scale_max_label: '',
		options: '',
		key: ''
	};
}

export function isEmptyRow(row: QuestionRow): boolean {
	return ROW_FIELDS.every(
		(field) => field === 'kind' || field === 'key' || row[field].trim() === ''
	);
}

function optionLines(options: string): string[] {
	return options
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

function questionSchema() {
	const label = (missing: string) =>
		typed()
			.trim()
			.min(1, missing)
			.max(SCALE_LABEL_MAX, m.staff_error_scale_label_long({ max: SCALE_LABEL_MAX }));
	const common = {
		prompt: typed()
			.trim()
			.min(3, m.staff_error_prompt_empty())
			.max(PROMPT_MAX, m.staff_error_prompt_long({ max: PROMPT_MAX })),
		theme: name()
			.min(1, m.staff_error_theme_empty())
			.max(THEME_MAX, m.staff_error_theme_long({ max: THEME_MAX })),
		// Hidden in the form; a key that is not well formed is dropped, not shown as an error.
		key: z
			.string()
			.optional()
			.transform((key) => (key && QUESTION_KEY.test(key) ? key : undefined))
	};
	const options = typed()
		.transform(optionLines)
		.pipe(
			z
				.array(z.string().max(OPTION_MAX, m.staff_error_options_long({ max: OPTION_MAX })))
				.min(2, m.staff_error_options_few())
				.max(OPTIONS_MAX, m.staff_error_options_many({ max: OPTIONS_MAX }))
				.refine(
					(lines) => new Set(lines.map((line) => line.toLowerCase())).size === lines.length,
					m.staff_error_options_duplicate()
				)
		);
	return z.discriminatedUnion(
		'kind',
		[
			z.object({ kind: z.literal('open'), ...common }),
			z.object({
				kind: z.literal('scale'),
				...common,
				scale_min_label: label(m.staff_error_scale_low()),
				scale_max_label: label(m.staff_error_scale_high())
			}),
			z.object({ kind: z.literal('single'), ...common, options }),
			z.object({ kind: z.literal('multi'), ...common, options })
		],
		{ error: m.staff_error_kind() }
	);
}

function roundSchema() {
	return z.object({
		title: name()
			.min(3, m.staff_error_title_empty())
			.max(TITLE_MAX, m.staff_error_title_long({ max: TITLE_MAX })),
		target_group: z.enum(targetGroups, { error: m.staff_error_group() }),
		municipality_ids: z.array(z.uuid()).min(1, m.staff_error_municipalities()),
		presenter_quorum: z
			.string()
			.regex(/^[2-5]$/, m.staff_error_quorum())
			.transform(Number),
		questions: z
			.array(questionSchema())
			.max(QUESTIONS_MAX, m.staff_error_too_many_questions({ max: QUESTIONS_MAX }))
	});
}

/** Rows come in as q0_kind, q0_prompt, …; any number up to the maximum (JS may add rows). */
export function readRoundForm(data: FormData): RoundFormValues {
	const questions: QuestionRow[] = [];
	for (let i = 0; i < QUESTIONS_MAX + QUESTION_ROWS; i++) {
		if (!data.has(`q${i}_kind`) && !data.has(`q${i}_prompt`)) break;
		const row = emptyRow();
		for (const field of ROW_FIELDS) row[field] = text(data, `q${i}_${field}`);
		questions.push(row);
	}
	return {
		title: text(data, 'title'),
		target_group: text(data, 'target_group'),
		municipality_ids: [...new Set(texts(data, 'municipality_ids'))],
		questions,
		// A form from before the field existed (an old page in a tab) keeps the default.
		presenter_quorum: data.has('presenter_quorum')
			? text(data, 'presenter_quorum')
			: String(PRESENTER_QUORUM_DEFAULT)
	};
}

/** Validate a new-round form into `round_create` input, or field-keyed Dutch/English errors. */
export function parseRoundForm(data: FormData): RoundFormResult {
	const values = readRoundForm(data);
	const filled = values.questions.flatMap((row, index) =>
		isEmptyRow(row) ? [] : [{ row, index }]
	);
	const parsed = roundSchema().safeParse({ ...values, questions: filled.map(({ row }) => row) });
	const errors: FieldErrors = parsed.success
		? {}
		: fieldErrors(parsed.error, (path) => {
				if (path[0] !== 'questions' || typeof path[1] !== 'number')
					return String(path[0] ?? 'form');
				const field = path[2] === undefined ? 'kind' : String(path[2]);
				return `q${filled[path[1]].index}_${field}`;
			});
	const kinds = new Set(filled.map(({ row }) => row.kind));
	if (!errors.questions && !kinds.has('open')) errors.questions = m.staff_error_need_open();
	else if (!errors.questions && !kinds.has('scale')) errors.questions = m.staff_error_need_scale();
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, values, errors };
	return {
		ok: true,
		values,
		title: parsed.data.title,
		targetGroup: parsed.data.target_group,
		municipalityIds: parsed.data.municipality_ids,
		questions: parsed.data.questions,
		presenterQuorum: parsed.data.presenter_quorum
	};
}
