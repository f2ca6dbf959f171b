import { z } from 'zod';
import { findingArgsSchema, interviewArgsSchema } from '$lib/schemas/submissions';

/**
 * What waits on the device until the server confirmed it: a finished interview or finding, with
 * the id the device made (so a resend is stored once, API.md "interview_submit"). The same shape
 * is what "bewaar als bestand" writes and "bestand laden" reads, on this phone or another.
 */
export const outboxItemSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('interview'),
		id: z.uuid(),
		args: interviewArgsSchema,
		saved_at: z.string(),
		status: z.enum(['waiting', 'conflict', 'refused']),
		message: z.string().optional(),
		attempts: z.number().int().min(0)
	}),
	z.object({
		kind: z.literal('finding'),
		id: z.uuid(),
		args: findingArgsSchema,
		saved_at: z.string(),
		status: z.enum(['waiting', 'conflict', 'refused']),
		message: z.string().optional(),
		attempts: z.number().int().min(0)
	})
]);
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type OutboxKind = OutboxItem['kind'];

/** What the send endpoint (/gesprekken/versturen) takes. */
export const sendRequestSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('interview'), args: interviewArgsSchema }),
	z.object({ kind: z.literal('finding'), args: findingArgsSchema })
]);
export type SendRequest = z.infer<typeof sendRequestSchema>;

/** The file "bewaar als bestand" writes. */
export const outboxFileSchema = z.object({
	format: z.literal('klankbord-wachtrij'),
	version: z.literal(1),
	saved_at: z.string(),
	items: z.array(outboxItemSchema).max(500)
});

/**
 * The delay before the next try after `attempts` failed ones: 2 s, 4 s, 8 s … at most 5 minutes,
 * with up to a quarter more at random, so a whole region coming back online does not send at once.
 */
export function backoffMs(attempts: number, random = Math.random()): number {
	const base = Math.min(2000 * 2 ** Math.max(0, attempts), 5 * 60_000);
	return Math.round(base * (1 + random / 4));
}

/** What the outbox does with the answer to one send (the endpoint's status and reason). */
export type SendOutcome = 'sent' | 'conflict' | 'refused' | 'login' | 'retry';

export function outcomeOf(status: number, reason: string | undefined): SendOutcome {
	if (status >= 200 && status < 300) return 'sent';
	if (reason === 'submission_conflict') return 'conflict';
	if (status === 401 || reason === 'session_invalid') return 'login';
	// Refusals that another try cannot change (withdrawn, wrong state, bad input): shown, kept.
	if (status >= 400 && status < 500 && status !== 408 && status !== 429) return 'refused';
	return 'retry';
}

/** The moment, as stored on the device (ISO 8601). */
export const nowIso = () => new Date().toISOString();
