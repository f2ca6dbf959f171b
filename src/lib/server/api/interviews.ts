import { z } from 'zod';
import { redirect } from '@sveltejs/kit';
import type { Person } from '$lib/server/session';
import { roundStateSchema } from '$lib/schemas/domain';
import { questionSchema } from '$lib/schemas/question';
import { interviewArgsSchema, type InterviewArgs } from '$lib/schemas/submissions';
import { rememberEveningCode } from '$lib/server/live/board-changes';
import { rpc } from './rpc';
import { count, municipalitySchema, noArgs } from './shapes';

/** The interviewer's side of the data API: who am I, my round, my interviews (API.md, "Interviewer"). */

const meSchema = z.object({
	id: z.string(),
	display_name: z.string(),
	is_presenter: z.boolean(),
	round: z.object({
		id: z.string(),
		title: z.string(),
		target_group: z.string(),
		state: roundStateSchema,
		evening_code: z.string().nullish(),
		guide_version: z.number().int().nullish(),
		municipalities: z.array(municipalitySchema),
		questions: z.array(questionSchema),
		themes: z.array(z.string())
	})
});

export type InterviewerMe = z.infer<typeof meSchema>;

const interviewRowSchema = z.object({
	id: z.string(),
	submitted_at: z.string(),
	/** Null once consent was withdrawn: the profile is erased with the answers. */
	age_band: z.string().nullable(),
	municipality_name: z.string().nullable(),
	answer_count: z.number().int(),
	finding_count: z.number().int(),
	withdrawn_at: z.string().nullish()
});

export type MyInterview = z.infer<typeof interviewRowSchema>;

export async function me(person: Person): Promise<InterviewerMe> {
	const me = await rpc(person, 'interviewer_me', { args: noArgs, result: meSchema }, {});
	// So that waking this round's board after a change needs no lookup (live/board-changes.ts).
	rememberEveningCode(me.round.id, me.round.evening_code);
	return me;
}

export const submit = (person: Person, args: InterviewArgs) =>
	rpc(
		person,
		'interview_submit',
		{ args: interviewArgsSchema, result: z.object({ id: z.string(), created: z.boolean() }) },
		args
	);

export const mine = (person: Person) =>
	rpc(person, 'my_interviews', { args: noArgs, result: z.array(interviewRowSchema) }, {});

/**
 * Withdraw the interviewee's consent: erases the answers and profile, withdraws the findings linked
 * to the interview. The author only; allowed until the round is archived; twice changes nothing.
 */
export const withdrawInterview = (person: Person, interviewId: string) =>
	rpc(
		person,
		'interview_withdraw',
		{
			args: z.object({ p_interview_id: z.uuid() }),
			result: z.object({ id: z.string(), findings_withdrawn: count })
		},
		{ p_interview_id: interviewId }
	);

/** Interviewer pages and their actions start here: anyone else is sent to the join page. */
export function requireInterviewer(person: Person | null): Person {
	if (person?.kind !== 'interviewer') redirect(303, '/meedoen');
	return person;
}
