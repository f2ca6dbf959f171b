// The public audit trail of a round: what the organisation (and the presenters) did, and when.
// Public once the evening is open; before that only the round's coordinators see it.
import { z } from 'zod';
import { roundStateSchema as roundState } from '$lib/schemas/domain';
import { rpc, type Caller } from './rpc';
import { count, eveningCodeArgs, sealedRoundSchema } from './shapes';

export const auditEventKinds = [
	'round_created',
	'fieldwork_started',
	'presenter_marked',
	'presenter_unmarked',
	'interviewer_revoked',
	'evening_opened',
	'evening_closed',
	'round_published',
	'retention_run',
	// Organisation actions: who got access to the organisation's workspace, and who lost it.
	'access_granted',
	'access_revoked',
	'response_posted'
] as const;

export const auditEventSchema = z.object({
	at: z.string(),
	kind: z.enum(auditEventKinds),
	/** Null when the system acted (retention, demo data). */
	actor_name: z.string().nullable(),
	subject_name: z.string().nullable(),
	/** presenter_marked / presenter_unmarked: how many interviewers confirmed them then. */
	confirmations: z.number().int().nonnegative().nullish()
});

const openSchema = z.object({
	sealed: z.literal(false),
	round: z.object({ title: z.string(), evening_code: z.string(), state: roundState }),
	counts: z.object({
		interviewers_joined: count,
		interviews_submitted: count,
		interviews_withdrawn: count,
		findings_submitted: count,
		findings_withdrawn: count
	}),
	events: z.array(auditEventSchema)
});

export const auditSchema = z.discriminatedUnion('sealed', [sealedRoundSchema, openSchema]);

export type AuditEvent = z.infer<typeof auditEventSchema>;
export type Audit = z.infer<typeof auditSchema>;

/**
 * As the caller, not as anon: before the evening opens a coordinator of the round's organisation
 * sees the trail, everyone else the sealed answer.
 */
export const getAudit = (code: string, caller: Caller): Promise<Audit> =>
	rpc(
		caller,
		'round_audit',
		{ args: eveningCodeArgs, result: auditSchema },
		{ p_evening_code: code }
	);
