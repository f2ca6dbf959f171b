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
import { count, municipalitySchema, noArgs, nothing, roundArgs } from './shapes';

const uuid = z.uuid();

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
	return rpc(person, 'rounds_list', { args: noArgs, result: z.array(summarySchema) }, {});
}

const createSchemas = {
	args: z.object({
		p_title: z.string(),
		p_target_group: z.enum(targetGroups),
		p_municipality_ids: z.array(uuid).min(1),
		p_questions: z.array(z.record(z.string(), z.unknown())).min(1).max(40),
		p_presenter_quorum: z.number().int().min(2).max(5)
	}),
	result: z.object({ id: z.string(), join_code: z.string() })
};

export type RoundInput = {
	title: string;
	targetGroup: TargetGroup;
	municipalityIds: string[];
	questions: QuestionInput[];
	presenterQuorum: number;
};

export function create(person: StaffPerson, input: RoundInput) {
	return rpc(person, 'round_create', createSchemas, {
		p_title: input.title,
		p_target_group: input.targetGroup,
		p_municipality_ids: input.municipalityIds,
		p_questions: input.questions,
		p_presenter_quorum: input.presenterQuorum
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
	presenter_quorum: z.number().int(),
	results_min_cell: z.number().int(),
	retention_months: z.number().int(),
	evening_starts_at: z.string().nullable(),
	evening_ends_at: z.string().nullable(),
	evening_place: z.string().nullable(),
	municipalities: z.array(municipalitySchema),
	questions: z.array(questionSchema.partial({ id: true, position: true })),
	interviewers: z.array(
		z.object({
			id: z.string(),
			display_name: z.string(),
			tag: z.string(),
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

const interviewerArgs = z.object({ p_interviewer_id: uuid });

export function get(person: StaffPerson, roundId: string): Promise<RoundDetail> {
	return rpc(
		person,
		'round_get',
		{ args: roundArgs, result: detailSchema },
		{ p_round_id: roundId }
	);
}

/** A step in a round's life, taken by a coordinator of its organisation; the database checks it. */
const roundStep = (fn: string) => async (person: StaffPerson, roundId: string) => {
	await rpc(person, fn, { args: roundArgs, result: nothing }, { p_round_id: roundId });
};

export const startFieldwork = roundStep('round_start_fieldwork');

/** After the evening closed: results become visible to councillors; retention starts counting. */
export const publishRound = roundStep('round_publish');

export async function revokeInterviewer(person: StaffPerson, interviewerId: string): Promise<void> {
	await rpc(
		person,
		'interviewer_revoke',
		{ args: interviewerArgs, result: nothing },
		{ p_interviewer_id: interviewerId }
	);
}

export type RoundDetails = {
	startsAt: Date;
	endsAt: Date;
	place: string;
	retentionMonths: number;
};

/** The evening's date, time and place and the retention period; the database checks each value. */
export async function setDetails(person: StaffPerson, roundId: string, d: RoundDetails) {
	await rpc(
		person,
		'round_set_details',
		{
			args: z.object({
				p_round_id: uuid,
				p_starts_at: z.string(),
				p_ends_at: z.string(),
				p_place: z.string().max(400),
				p_retention_months: z.number().int()
			}),
			result: nothing
		},
		{
			p_round_id: roundId,
			p_starts_at: d.startsAt.toISOString(),
			p_ends_at: d.endsAt.toISOString(),
			p_place: d.place,
			p_retention_months: d.retentionMonths
		}
	);
}

/** Join codes are stored as 8 characters; people read them best as two groups: ABCD-EFGH. */
export function formatJoinCode(code: string): string {
	const plain = code.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
	return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}
