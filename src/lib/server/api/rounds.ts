// Rounds as a coordinator sees them: set-up data and COUNTS ONLY (sealed until the evening).
import { z } from 'zod';
import {
	roundStateSchema as roundState,
	targetGroups,
	type TargetGroup
} from '$lib/schemas/domain';
import { questionSchema } from '$lib/schemas/question';
import type { QuestionInput } from '$lib/schemas/staff';
import type { StaffPerson } from '$lib/server/session';
import { rpc } from './rpc';

const uuid = z.uuid();
const nothing = z.unknown();
const count = z.number().int().nonnegative();

const summarySchema = z.object({
	id: z.string(),
	title: z.string(),
	target_group: z.string(),
	state: roundState,
	join_code: z.string(),
	evening_code: z.string(),
	created_at: z.string(),
	counts: z.object({ interviewers: count, interviews: count, findings: count })
});
export type RoundSummary = z.infer<typeof summarySchema>;

export function list(person: StaffPerson): Promise<RoundSummary[]> {
	return rpc(person, 'rounds_list', { args: z.object({}), result: z.array(summarySchema) }, {});
}

const createSchemas = {
	args: z.object({
		p_title: z.string(),
		p_target_group: z.enum(targetGroups),
		p_municipality_ids: z.array(uuid).min(1),
		p_questions: z.array(z.record(z.string(), z.unknown())).min(1).max(40)
	}),
	result: z.object({ id: z.string(), join_code: z.string() })
};

export type RoundInput = {
	title: string;
	targetGroup: TargetGroup;
	municipalityIds: string[];
	questions: QuestionInput[];
};

export function create(person: StaffPerson, input: RoundInput) {
	return rpc(person, 'round_create', createSchemas, {
		p_title: input.title,
		p_target_group: input.targetGroup,
		p_municipality_ids: input.municipalityIds,
		p_questions: input.questions
	});
}

const detailSchema = z.object({
	id: z.string(),
	title: z.string(),
	target_group: z.string(),
	state: roundState,
	join_code: z.string(),
	evening_code: z.string(),
	guide_version: z.number(),
	municipalities: z.array(z.object({ id: z.string(), name: z.string() })),
	questions: z.array(questionSchema.partial({ id: true, position: true })),
	interviewers: z.array(
		z.object({
			id: z.string(),
			display_name: z.string(),
			is_presenter: z.boolean(),
			joined_at: z.string()
		})
	),
	counts: z.object({
		interviewers: count,
		interviews: count,
		findings: count,
		consent_withdrawn: count
	}),
	evening: z
		.object({
			opened_at: z.string().nullish(),
			opened_by_name: z.string().nullish(),
			closed_at: z.string().nullish()
		})
		.nullable()
});
export type RoundDetail = z.infer<typeof detailSchema>;

export function get(person: StaffPerson, roundId: string): Promise<RoundDetail> {
	return rpc(
		person,
		'round_get',
		{ args: z.object({ p_round_id: uuid }), result: detailSchema },
		{ p_round_id: roundId }
	);
}

export async function startFieldwork(person: StaffPerson, roundId: string): Promise<void> {
	await rpc(
		person,
		'round_start_fieldwork',
		{ args: z.object({ p_round_id: uuid }), result: nothing },
		{ p_round_id: roundId }
	);
}

export async function setPresenter(
	person: StaffPerson,
	interviewerId: string,
	isPresenter: boolean
): Promise<void> {
	await rpc(
		person,
		'interviewer_set_presenter',
		{ args: z.object({ p_interviewer_id: uuid, p_is_presenter: z.boolean() }), result: nothing },
		{ p_interviewer_id: interviewerId, p_is_presenter: isPresenter }
	);
}

export async function revokeInterviewer(person: StaffPerson, interviewerId: string): Promise<void> {
	await rpc(
		person,
		'interviewer_revoke',
		{ args: z.object({ p_interviewer_id: uuid }), result: nothing },
		{ p_interviewer_id: interviewerId }
	);
}

/** After the evening closed: results become visible to councillors; retention starts counting. */
export async function publishRound(person: StaffPerson, roundId: string): Promise<void> {
	await rpc(
		person,
		'round_publish',
		{ args: z.object({ p_round_id: uuid }), result: nothing },
		{ p_round_id: roundId }
	);
}

/** Join codes are stored as 8 characters; people read them best as two groups: ABCD-EFGH. */
export function formatJoinCode(code: string): string {
	const plain = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
	return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}
