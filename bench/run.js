#!/usr/bin/env node
// `npm run bench`: every benchmark in bench/, one after the other (they share the two cores, so
// never in parallel), each printing its own report. Timings are reported here, never asserted.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benches = [
	['Cold start of the embedded mode (first start and restarts)', 'bench/cold-start.js'],
	['From a presenter’s “next” to the screens (SSE)', 'bench/live-latency.js'],
	['A hall of phones on the production build, beside a bare Node SSE server', 'bench/live.js'],
	// --no-build: live.js has just built it.
	[
		'A reconnect storm: 400 of 2,000 phones back at once, beside a bare Node SSE server',
		'bench/live-storm.js --no-build'
	],
	['A database call on a new client against the shared one', 'bench/client-reuse.js'],
	['The round page of a big round beside a plain count (RLS)', 'bench/counts.js'],
	['The results page of a published round beside a plain group by', 'bench/results.js'],
	['A region sending interviews at once, beside a bare Node form handler', 'bench/submit.js']
];

let failed = 0;
for (const [title, file] of benches) {
	console.log(`\n## ${title}\n`);
	const { status } = spawnSync(process.execPath, file.split(' '), { cwd: root, stdio: 'inherit' });
	if (status !== 0) {
		failed++;
		console.log(`(${file} exited with ${status})`);
	}
}
process.exit(failed ? 1 : 0);
