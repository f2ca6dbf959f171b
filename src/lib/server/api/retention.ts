// The retention job (supabase/API.md, "Server jobs"): erases free text of rounds whose retention
// period ran out and archives them. Runs as the server itself; nobody else may call it.
import type { z } from 'zod';
import { rpc } from './rpc';
import {
	RETENTION_FUNCTION,
	retentionArgs,
	retentionArgsSchema,
	retentionResultSchema
} from './retention-contract.js';

export { retentionResultSchema };
export type RetentionResult = z.infer<typeof retentionResultSchema>;

/** `now` moves the clock (tests, a catch-up run); by default the database's own clock decides. */
export const runRetention = (now?: Date): Promise<RetentionResult> =>
	rpc(
		'service',
		RETENTION_FUNCTION,
		{ args: retentionArgsSchema, result: retentionResultSchema },
		retentionArgs(now)
	);
