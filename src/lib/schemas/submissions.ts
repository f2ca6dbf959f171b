import { z } from 'zod';
import {
	ageBands,
	consentForms,
	intervieweeGroups,
	OPEN_ANSWER_MAX,
	QUOTE_MAX,
	STATEMENT_MAX,
	STATEMENT_MIN
} from './domain';

/**
 * What an interviewer sends the data API (supabase/API.md, "Interviewer"): the arguments of
 * interview_submit, finding_create and finding_update. The form parsers (field.ts) produce exactly
 * these, the api wrappers check them once more before they leave the server; the types come from
 * here, so the two can never drift apart.
 */

export const answerSchema = z.union([
	z.object({ question_id: z.string(), text: z.string().max(OPEN_ANSWER_MAX) }),
	z.object({ question_id: z.string(), scale: z.number().int().min(1).max(5) }),
	z.object({ question_id: z.string(), choices: z.array(z.string()) })
]);
export type Answer = z.infer<typeof answerSchema>;

export const interviewArgsSchema = z.object({
	p_id: z.uuid(),
	p_consent_form: z.enum(consentForms),
	p_guardian_consent: z.boolean(),
	p_interviewee_group: z.enum(intervieweeGroups),
	p_age_band: z.enum(ageBands),
	p_municipality_id: z.uuid(),
	p_answers: z.array(answerSchema),
	/** The guide the interview was started on (a draft may outlive a guide change); null: current. */
	p_guide_version: z.number().int().min(1).nullable().optional()
});
export type InterviewArgs = z.infer<typeof interviewArgsSchema>;

/** finding_update: the text of a finding; which interview it belongs to never changes. */
export const findingTextArgsSchema = z.object({
	p_id: z.uuid(),
	p_statement: z.string().min(STATEMENT_MIN).max(STATEMENT_MAX),
	p_quote: z.string().max(QUOTE_MAX).nullable(),
	p_theme: z.string().nullable()
});
export type FindingTextArgs = z.infer<typeof findingTextArgsSchema>;

/** finding_create: the text, optionally linked to one of the author's interviews. */
export const findingArgsSchema = findingTextArgsSchema.extend({
	p_interview_id: z.uuid().nullable()
});
export type FindingArgs = z.infer<typeof findingArgsSchema>;
