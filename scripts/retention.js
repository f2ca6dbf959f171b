#!/usr/bin/env node
// Run the retention job once, now, against the configured backend (the same environment settings
// as the app: embedded PGlite in .data/ by default, or PostgREST / Supabase), and say what it did.
// The server also runs it daily by itself (src/hooks.server.ts); this is for cron or by hand.
//
//   npm run retention                     # the database's own clock
//   npm run retention -- 2031-01-01T00:00Z  # pretend it is that moment (a catch-up, a dry look ahead)
//
// The app's TypeScript modules are loaded through Vite, as `vite dev` and bench/cold-start.js do,
// so this calls exactly the wrapper the server calls.
//
// Embedded mode: one process per data directory. Stop the server first (it runs this daily
// anyway), or point KLANKBORD_DATA_DIR elsewhere; two PGlite instances would corrupt .data/.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = process.argv[2];
const now = arg ? new Date(arg) : undefined;
if (now && Number.isNaN(now.getTime())) {
	console.error(`retention: "${arg}" is not a date and time (try 2031-01-01T00:00Z)`);
	process.exit(2);
}

const vite = await createServer({
	root,
	logLevel: 'error',
	appType: 'custom',
	server: { middlewareMode: true, hmr: false, watch: null }
});
let code = 0;
try {
	const { runRetention } = await vite.ssrLoadModule('/src/lib/server/api/retention.ts');
	const result = await runRetention(now);
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
	const { closeEmbeddedDb } = await vite.ssrLoadModule('/src/lib/server/embedded/database.ts');
	await closeEmbeddedDb().catch(() => {});
	await vite.close();
}
process.exit(code);
