import { z } from 'zod';
import { redirect } from '@sveltejs/kit';
import type { Person } from '$lib/server/session';
import { roundStateSchema } from '$lib/schemas/domain';
import { questionSchema } from '$lib/schemas/question';
import { answerSchema, interviewArgsSchema, type InterviewArgs } from '$lib/schemas/submissions';
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
		/** A youth round that lets its interviewers add questions, in fieldwork (/vragen). */
		can_add_questions: z.boolean(),
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

const storedInterviewSchema = z.object({
	id: z.string(),
	guide_version: z.number().int(),
	/** Null once consent was withdrawn: the profile is erased with the answers. */
	consent_form: z.string().nullable(),
	guardian_consent: z.boolean(),
	interviewee_group: z.string().nullable(),
	age_band: z.string().nullable(),
	municipality_id: z.string().nullable(),
	submitted_at: z.string(),
	corrected_at: z.string().nullable(),
	withdrawn_at: z.string().nullable(),
	/** The questions of the interview's own guide version, which may be older than the round's. */
	questions: z.array(questionSchema),
	answers: z.array(answerSchema)
});

export type StoredInterview = z.infer<typeof storedInterviewSchema>;

/** One of my own interviews, with its answers, to correct it (someone else's: not_found). */
export const one = (person: Person, interviewId: string) =>
	rpc(
		person,
		'my_interview',
		{ args: z.object({ p_id: z.uuid() }), result: storedInterviewSchema },
		{ p_id: interviewId }
	);

/**
 * Correct an interview: profile, consent and answers replaced, checked as at submit; its guide
 * version stays. The author only, until the evening opens (interviews_frozen), never once
 * consent was withdrawn (withdrawn).
 */
export const correct = (person: Person, args: InterviewArgs) =>
	rpc(
		person,
		'interview_update',
		{ args: interviewArgsSchema.omit({ p_guide_version: true }), result: z.unknown() },
		{
			p_id: args.p_id,
			p_consent_form: args.p_consent_form,
			p_guardian_consent: args.p_guardian_consent,
			p_interviewee_group: args.p_interviewee_group,
			p_age_band: args.p_age_band,
			p_municipality_id: args.p_municipality_id,
			p_answers: args.p_answers
		}
	);

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
