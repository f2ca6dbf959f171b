// The retention job (supabase/API.md, "Server jobs"): erases free text of rounds whose retention
// period ran out and archives them. Runs as the server itself; nobody else may call it.
import { z } from 'zod';
import { rpc } from './rpc';
import { count } from './shapes';

export const retentionResultSchema = z.object({
	rounds_archived: count,
	findings_erased: count,
	answers_erased: count
});
export type RetentionResult = z.infer<typeof retentionResultSchema>;

const args = z.object({ p_now: z.iso.datetime({ offset: true }).optional() });

/** `now` moves the clock (tests, a catch-up run); by default the database's own clock decides. */
export const runRetention = (now?: Date): Promise<RetentionResult> =>
	rpc(
		'service',
		'retention_run',
		{ args, result: retentionResultSchema },
		now ? { p_now: now.toISOString() } : {}
	);
