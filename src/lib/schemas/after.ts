import { z } from 'zod';
import {
	RESPONSE_BODY_MAX,
	RESPONSE_BODY_MIN,
	RESPONSE_REASON_MAX,
	VERDICT_COMMENT_MAX,
	responseStatuses,
	verdictKinds
} from './domain';

/**
 * The arguments of the after-the-evening functions (API.md), as the server sends them. Comfort
 * checks only: the database checks the same (and more: a reason for "niet mogelijk", no date in
 * the past) and says which field is wrong.
 */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const responseArgsSchema = z.object({
	p_finding_id: z.uuid(),
	p_status: z.enum(responseStatuses),
	p_body: z.string().trim().min(RESPONSE_BODY_MIN).max(RESPONSE_BODY_MAX),
	p_reason: z.preprocess(blankToNull, z.string().trim().max(RESPONSE_REASON_MAX).nullable()),
	p_planned_for: z.preprocess(blankToNull, z.iso.date().nullable())
});
export type ResponseArgs = z.input<typeof responseArgsSchema>;

export const verdictArgsSchema = z.object({
	p_response_id: z.uuid(),
	p_verdict: z.enum(verdictKinds),
	p_comment: z.preprocess(blankToNull, z.string().trim().max(VERDICT_COMMENT_MAX).nullable())
});
export type VerdictArgs = z.input<typeof verdictArgsSchema>;
