#!/usr/bin/env node
// `npm test`: everything this machine can run, and a loud list of what it could not.
//   1. vitest (projects unit + db + components; db runs on embedded PGlite and on PostgREST over
//      Postgres; components renders *.svelte.spec.ts in Debian's Chromium, when it is there)
//   2. Playwright e2e in Debian's Chromium, when Chromium and the e2e tests are there
// KLANKBORD_STRICT=1 (CI) turns every skip into a failure. Exit code is non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath as chromium } from '../chromium.config.js';
import { canConnect, DEFAULT_PG_URL } from './lib/postgres.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const strict = process.env.KLANKBORD_STRICT === '1';
const work = mkdtempSync(join(tmpdir(), 'klankbord-npm-test-'));

/** @type {{ step: string, passed: number, failed: number, skipped: number, notes: string[], ok: boolean, notRun?: boolean }[]} */
const steps = [];
/** @type {string[]} */
const skips = [];

const readJson = (/** @type {string} */ file) => {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
};

function run(/** @type {string} */ command, /** @type {string[]} */ args, env = {}) {
	const result = spawnSync(command, args, {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	return result.status ?? 1;
}

// The Postgres leg: use KLANKBORD_PG_URL, else the default URL if something answers there.
if (!process.env.KLANKBORD_PG_URL) {
	const probe = await canConnect(DEFAULT_PG_URL);
	if (probe.ok) process.env.KLANKBORD_PG_URL = DEFAULT_PG_URL;
	else console.warn(`⚠️  No Postgres at the default URL (${probe.reason}).`);
}

// 1. vitest
{
	const report = join(work, 'vitest.json');
	const legs = join(work, 'legs.json');
	// The components project needs a browser; without one it is left out, loudly.
	const projects = existsSync(chromium) ? [] : ['--project=unit', '--project=db'];
	const status = run(
		'npx',
		[
			'vitest',
			'run',
			...projects,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`
		],
		{ KLANKBORD_TEST_REPORT: legs }
	);
	const json = readJson(report);
	const passed = json?.numPassedTests ?? 0;
	const failed = json?.numFailedTests ?? 0;
	const skipped = (json?.numPendingTests ?? 0) + (json?.numTodoTests ?? 0);
	const notes = [];
	for (const [name, leg] of Object.entries(readJson(legs) ?? {})) {
		if (leg && typeof leg === 'object' && leg.available === false) {
			notes.push(`tests/db ${name} leg skipped: ${leg.reason}`);
		}
	}
	if (projects.length) {
		notes.push(
			`component tests (vitest project "components") skipped: no Chromium at ${chromium} (apt-get install chromium)`
		);
	}
	if (skipped) notes.push(`${skipped} vitest test(s) skipped`);
	skips.push(...notes);
	steps.push({
		step: 'vitest (unit + db + components)',
		passed,
		failed,
		skipped,
		notes,
		ok: status === 0 && !!json
	});
}

// 2. Playwright
{
	const config = join(root, 'playwright.config.ts');
	const e2eDir = join(root, 'tests/e2e');
	const hasTests =
		existsSync(e2eDir) &&
		readdirSync(e2eDir, { recursive: true }).some((f) => /\.(spec|test)\.[jt]s$/.test(String(f)));
	const why = !existsSync(config)
		? 'playwright.config.ts does not exist yet'
		: !existsSync(chromium)
			? `no Chromium at ${chromium} (apt-get install chromium)`
			: !hasTests
				? 'no e2e tests in tests/e2e yet'
				: null;
	if (why) {
		skips.push(`e2e (Playwright) skipped: ${why}`);
		steps.push({
			step: 'e2e (Playwright)',
			passed: 0,
			failed: 0,
			skipped: 0,
			notes: [why],
			ok: true,
			notRun: true
		});
	} else {
		const report = join(work, 'playwright.json');
		const status = run('npx', ['playwright', 'test', '--reporter=list,json'], {
			PLAYWRIGHT_JSON_OUTPUT_NAME: report
		});
		const stats = readJson(report)?.stats ?? {};
		const skipped = stats.skipped ?? 0;
		const notes = skipped ? [`${skipped} e2e test(s) skipped`] : [];
		skips.push(...notes);
		steps.push({
			step: 'e2e (Playwright)',
			passed: (stats.expected ?? 0) + (stats.flaky ?? 0),
			failed: stats.unexpected ?? 0,
			skipped,
			notes,
			ok: status === 0
		});
	}
}

rmSync(work, { recursive: true, force: true });

// Summary, loud.
const bar = '='.repeat(78);
console.log(
	`\n${bar}\nKlankbord npm test — summary${strict ? ' (KLANKBORD_STRICT=1: skips fail)' : ''}\n${bar}`
);
for (const s of steps) {
	const mark = !s.ok ? 'FAIL' : s.notRun ? 'SKIP' : 'ok  ';
	const counts = s.notRun
		? `not run: ${s.notes[0]}`
		: `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
	console.log(`${mark}  ${s.step.padEnd(32)} ${counts}`);
}
if (skips.length) {
	console.log(`\n⚠️  SKIPPED — this run did NOT test everything:`);
	for (const note of skips) console.log(`   - ${note}`);
}
const failedSteps = steps.filter((s) => !s.ok);
const strictFailure = strict && skips.length > 0;
const total = steps.reduce(
	(sum, s) => ({
		passed: sum.passed + s.passed,
		failed: sum.failed + s.failed,
		skipped: sum.skipped + s.skipped
	}),
	{ passed: 0, failed: 0, skipped: 0 }
);
if (failedSteps.length) console.log(`\n❌ Failed: ${failedSteps.map((s) => s.step).join(', ')}`);
if (strictFailure) console.log('\n❌ KLANKBORD_STRICT=1 and something was skipped: failing.');
console.log(bar);
console.log(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSteps.length || strictFailure ? 1 : 0);
