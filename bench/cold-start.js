#!/usr/bin/env node
// Cold start of the embedded mode: how long until the first `api` call answers, on a fresh data
// directory (create + migrate + seed) and on restarts (existing data directory). Each run is a new
// Node process, so nothing is warm. Numbers only, no assertions (STYLE.md: timings live here).
//
//   node bench/cold-start.js [restarts=3]
//
// The app's own modules are loaded through Vite (as `vite dev` does), so the TypeScript runs
// unchanged; module loading is reported separately from the database start.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[2] === '--child') {
	const { createServer } = await import('vite');
	const vite = await createServer({
		root,
		logLevel: 'error',
		appType: 'custom',
		server: { middlewareMode: true, hmr: false, watch: null }
	});
	const loaded = performance.now();
	const { clientFor } = await vite.ssrLoadModule('/src/lib/server/supabase.ts');
	const imported = performance.now();
	const { data, error } = await clientFor({ role: 'anon' })
		.schema('api')
		.rpc('evening_board', { p_evening_code: 'JONG27' });
	const answered = performance.now();
	// A clean shutdown, as the app does on SIGTERM, so the next run measures a normal restart.
	const { closeEmbeddedDb } = await vite.ssrLoadModule('/src/lib/server/embedded/database.ts');
	await closeEmbeddedDb();
	await vite.close();
	console.log(
		JSON.stringify({
			ok: !error && data !== null,
			error: error?.message,
			viteMs: loaded,
			importMs: imported - loaded,
			firstCallMs: answered - imported,
			totalMs: answered
		})
	);
	process.exit(0);
}

const restarts = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'klankbord-bench-'));

function run(label) {
	const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child'], {
		cwd: root,
		env: { ...process.env, KLANKBORD_DATA_DIR: dir },
		encoding: 'utf8'
	});
	const line = child.stdout
		.trim()
		.split('\n')
		.findLast((l) => l.startsWith('{'));
	if (!line) throw new Error(`${label} failed:\n${child.stdout}\n${child.stderr}`);
	return { label, ...JSON.parse(line) };
}

try {
	const rows = [run('first start (create + migrate + seed)')];
	for (let i = 1; i <= restarts; i++) rows.push(run(`restart ${i} (existing data dir)`));
	const ms = (n) => `${Math.round(n)} ms`.padStart(9);
	console.log('\nKlankbord embedded cold start (wall time until the first api call answers)\n');
	console.log(`| ${'run'.padEnd(38)} | first api call | process total | answered |`);
	console.log(`|${'-'.repeat(40)}|----------------|---------------|----------|`);
	for (const r of rows) {
		console.log(
			`| ${r.label.padEnd(38)} | ${ms(r.firstCallMs).padStart(14)} | ${ms(r.totalMs).padStart(13)} | ${(r.ok ? 'yes' : `no: ${r.error}`).padEnd(8)} |`
		);
	}
	console.log(
		`\n"first api call" = PGlite start + migrations (+ seed) + the call itself (evening_board JONG27).`
	);
	console.log(
		`"process total" adds Node start, Vite and module loading (${ms(rows[0].viteMs + rows[0].importMs).trim()} on the first run).`
	);
	console.log(`Node ${process.version}, ${process.platform}-${process.arch}.`);
} finally {
	rmSync(dir, { recursive: true, force: true });
}
