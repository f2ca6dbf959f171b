#!/usr/bin/env node
// Run the retention job once, now, against the configured backend (the same environment settings
// as the app: embedded PGlite in .data/ by default, or PostgREST / Supabase), and say what it did.
// The server also runs it daily by itself (src/hooks.server.ts); this is for cron or by hand.
//
//   npm run retention                     # the database's own clock
//   npm run retention -- 2031-01-01T00:00Z  # pretend it is that moment (a catch-up, a dry look ahead)
//
// It runs from a production install (`npm ci --omit=dev`): everything it loads is plain
// JavaScript shared with the server (src/lib/server/*.js) or a runtime dependency, never Vite or
// TypeScript. It calls what the server calls: api.retention_run as service_role, with a JWT
// minted by the server's own code, through the same client and, when embedded, the same route.
// tests/unit/scripts-production.test.ts runs it from such an install.
//
// Embedded mode: one process per data directory. Stop the server first (it runs this daily
// anyway), or point KLANKBORD_DATA_DIR elsewhere; two PGlite instances would corrupt .data/.
// The migrations come from the supabase/ folder beside this script.
import { fileURLToPath } from 'node:url';
import { createApiClient, targetFromEnv } from '../src/lib/server/api-client.js';
import {
	RETENTION_FUNCTION,
	retentionArgs,
	retentionArgsSchema,
	retentionResultSchema
} from '../src/lib/server/api/retention-contract.js';
import { embeddedInstance } from '../src/lib/server/embedded/instance.js';
import { sourcesFromDisk } from '../src/lib/server/embedded/migrate.js';
import { mintJwt } from '../src/lib/server/jwt.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = process.argv[2];
const now = arg ? new Date(arg) : undefined;
if (now && Number.isNaN(now.getTime())) {
	console.error(`retention: "${arg}" is not a date and time (try 2031-01-01T00:00Z)`);
	process.exit(2);
}

const embedded = embeddedInstance(() => sourcesFromDisk(root));
let code = 0;
try {
	const target = targetFromEnv(process.env, embedded.db);
	const client = createApiClient(target, async () => mintJwt({ role: 'service_role' }));
	const { data, error } = await client
		.schema('api')
		.rpc(RETENTION_FUNCTION, retentionArgsSchema.parse(retentionArgs(now)));
	if (error) throw new Error(`${error.code}: ${error.message}`, { cause: error });
	const result = retentionResultSchema.parse(data);
	console.log(
		`retention (${now ? now.toISOString() : 'now'}): ${result.rounds_archived} round(s) archived, ` +
			`${result.findings_erased} finding text(s) and ${result.answers_erased} open answer(s) erased`
	);
} catch (error) {
	console.error('retention failed:', error);
	code = 1;
} finally {
	// The embedded database keeps its data directory consistent only after a clean close (a no-op
	// when the backend is PostgREST or Supabase: then it was never opened).
	await embedded.close().catch(() => {});
}
process.exit(code);
