// The guide editor and a youth round's own questions (supabase/schemas/api/guide.sql). The
// database decides who may edit and when a version is frozen; this module only types the calls.
import { z } from 'zod';
import { questionKinds, roundStateSchema } from '$lib/schemas/domain';
import type { Person, StaffPerson } from '$lib/server/session';
import { rpc } from './rpc';
import { count, noArgs, nothing } from './shapes';

const uuid = z.uuid();

export const guideQuestionSchema = z.object({
	id: z.string(),
	position: z.number().int(),
	kind: z.enum(questionKinds),
	prompt: z.string(),
	theme: z.string(),
	scale_min_label: z.string().nullable(),
	scale_max_label: z.string().nullable(),
	options: z.array(z.string()).nullable(),
	key: z.string(),
	origin: z.enum(['coordinator', 'interviewer'])
});
export type GuideQuestion = z.infer<typeof guideQuestionSchema>;

const guideSchema = z.object({
	round: z.object({
		id: z.string(),
		title: z.string(),
		target_group: z.string(),
		state: roundStateSchema,
		guide_version: z.number().int(),
		interviewers_add_questions: z.boolean()
	}),
	version: z.number().int(),
	editable: z.boolean(),
	frozen: z.boolean(),
	themes: z.array(z.string()),
	versions: z.array(
		z.object({
			version: z.number().int(),
			questions: count,
			interviews: count,
			by_interviewers: z.boolean()
		})
	),
	questions: z.array(guideQuestionSchema),
	earlier: z.array(
		z.object({ key: z.string(), prompt: z.string(), kind: z.string(), round_title: z.string() })
	)
});
export type Guide = z.infer<typeof guideSchema>;

export function get(person: StaffPerson, roundId: string, version?: number): Promise<Guide> {
	return rpc(
		person,
		'guide_get',
		{
			args: z.object({ p_round_id: uuid, p_version: z.number().int().optional() }),
			result: guideSchema
		},
		{ p_round_id: roundId, ...(version ? { p_version: version } : {}) }
	);
}

/** The fields of one question as a form sends them (the database checks and cleans each one). */
export type QuestionFields = {
	kind: string;
	prompt: string;
	theme: string;
	scaleMinLabel: string | null;
	scaleMaxLabel: string | null;
	options: string[] | null;
};

const fieldArgs = {
	p_kind: z.string().max(20),
	p_prompt: z.string().max(400),
	p_theme: z.string().max(100),
	p_scale_min_label: z.string().max(100).nullable(),
	p_scale_max_label: z.string().max(100).nullable(),
	p_options: z.array(z.string().max(300)).max(30).nullable()
};
const fieldValues = (q: QuestionFields) => ({
	p_kind: q.kind,
	p_prompt: q.prompt,
	p_theme: q.theme,
	p_scale_min_label: q.scaleMinLabel,
	p_scale_max_label: q.scaleMaxLabel,
	p_options: q.options
});
const versionResult = z.object({ guide_version: z.number().int() });

export function save(
	person: StaffPerson,
	roundId: string,
	questionId: string | null,
	q: QuestionFields & { key: string | null }
) {
	return rpc(
		person,
		'guide_question_save',
		{
			args: z.object({
				p_round_id: uuid,
				p_question_id: uuid.nullable(),
				...fieldArgs,
				p_key: z.string().max(100).nullable()
			}),
			result: versionResult.extend({ id: z.string() })
		},
		{ p_round_id: roundId, p_question_id: questionId, ...fieldValues(q), p_key: q.key }
	);
}

export function remove(person: StaffPerson, roundId: string, questionId: string) {
	return rpc(
		person,
		'guide_question_delete',
		{ args: z.object({ p_round_id: uuid, p_question_id: uuid }), result: versionResult },
		{ p_round_id: roundId, p_question_id: questionId }
	);
}

export function move(person: StaffPerson, roundId: string, questionId: string, position: number) {
	return rpc(
		person,
		'guide_question_move',
		{
			args: z.object({ p_round_id: uuid, p_question_id: uuid, p_position: z.number().int() }),
			result: versionResult
		},
		{ p_round_id: roundId, p_question_id: questionId, p_position: position }
	);
}

export async function setOwnQuestions(person: StaffPerson, roundId: string, allowed: boolean) {
	await rpc(
		person,
		'round_set_own_questions',
		{ args: z.object({ p_round_id: uuid, p_allowed: z.boolean() }), result: nothing },
		{ p_round_id: roundId, p_allowed: allowed }
	);
}

const ownSchema = z.object({
	allowed: z.boolean(),
	guide_version: z.number().int(),
	themes: z.array(z.string()),
	questions: z.array(
		guideQuestionSchema
			.omit({ position: true, key: true })
			.extend({ added_by: z.string().nullable() })
	)
});
export type OwnQuestions = z.infer<typeof ownSchema>;

/** The interviewer's view: the round's guide, with who of the group added which question. */
export function own(person: Person): Promise<OwnQuestions> {
	return rpc(person, 'own_questions', { args: noArgs, result: ownSchema }, {});
}

export function addOwn(person: Person, q: QuestionFields) {
	return rpc(
		person,
		'own_question_add',
		{ args: z.object(fieldArgs), result: versionResult.extend({ id: z.string() }) },
		fieldValues(q)
	);
}
