// The retention job's arguments and result (supabase/API.md, "Server jobs"). Plain JavaScript so
// `node scripts/retention.js` checks what it sends and gets with the schemas the server uses.
import { z } from 'zod';

/** The api function; only service_role may execute it. */
export const RETENTION_FUNCTION = 'retention_run';

const count = z.number().int().nonnegative();

export const retentionResultSchema = z.object({
	rounds_archived: count,
	findings_erased: count,
	answers_erased: count
});

export const retentionArgsSchema = z.object({ p_now: z.iso.datetime({ offset: true }).optional() });

/**
 * `now` moves the clock (tests, a catch-up run); without it the database's own clock decides.
 * @param {Date} [now]
 */
export const retentionArgs = (now) => (now ? { p_now: now.toISOString() } : {});
