#!/usr/bin/env node
// A whole region sending at once (issue 9): N interviewers, each with M finished interviews in the
// outbox, all sending at the same moment through the HTTP path a phone uses (the session cookie,
// POST /gesprekken/versturen: hooks, session lookup, JWT, data API, interview_submit, the chain
// trigger), on the production build, on the embedded database and on Postgres 15 via PostgREST,
// each beside a bare Node form handler (bench/submit-bare.js) measured in the same run.
//
//   node bench/submit.js [--quick] [--no-build] [--keep-profile]    (env: BENCH_PHONES=200 BENCH_PER_PHONE=5 BENCH_PORT)
//
// Per backend:
//   1. all phones send their interviews; then 2. every phone sends everything again (a resend
//      after lost answers): stored must equal sent, each once, in the database itself;
//   3. the same with new interviews, while the server is killed (SIGKILL) after a third of the
//      answers and started again; the phones retry as the outbox does: still zero lost, zero twice.
//   Then where the time goes: the server's CPU profile of step 1 and the database's own part
//   (session lookup, interview_submit with and without the chain trigger), timed alone.
// --quick: 20 phones. --keep-profile: keep the server's .cpuprofile files (for DevTools). Numbers are a
// report, never an assertion; the counts are checked.
// The last full run and where the time goes: bench/submit.md.
//
// Setup shortcut (the only one): the phones join the demo round with api.session_join straight in
// SQL before the server starts (the join page is rate-limited per address, as it should be).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, cpuSecondsNamed } from './proc.js';
import { percentile, sendAll, throughput } from './submit-clients.js';
import { databaseTimings, summariseProfile } from './submit-profile.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const QUICK = process.argv.includes('--quick');
const PHONES = Number(process.env.BENCH_PHONES ?? (QUICK ? 20 : 200));
const PER_PHONE = Number(process.env.BENCH_PER_PHONE ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? process.env.E2E_PORT ?? 4188);

if (!process.argv.includes('--no-build')) {
	console.log('building (npm run build) …');
	const built = spawnSync('npm', ['run', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (built.status !== 0) process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'klankbord-bench-submit-'));
process.env.KLANKBORD_DATA_DIR = dataDir; // the JWT key pair, shared by the app and PostgREST
const children = new Set();
const cleanup = [];
process.on('exit', () => {
	for (const child of children) child.kill('SIGKILL');
	rmSync(dataDir, { recursive: true, force: true });
});

const { sourcesFromDisk } = await import('../src/lib/server/embedded/migrate.js');
const { openEmbedded } = await import('../src/lib/server/embedded/instance.js');
const pgLib = await import('../scripts/lib/postgres.js');
const sources = sourcesFromDisk(root);

const results = [];
try {
	const embedded = {
		name: 'embedded (PGlite)',
		env: {},
		open: async () => {
			const { db } = await openEmbedded(join(dataDir, 'pglite'), sources);
			return { query: (sql, params) => db.query(sql, params), close: () => db.close() };
		}
	};
	results.push(await leg(embedded));

	const postgres = await postgresLeg();
	if (postgres.skip) console.log(`\nPostgres 15 leg skipped: ${postgres.skip}`);
	else results.push(await leg(postgres));
	report(results);
} catch (error) {
	console.error(error);
	process.exitCode = 1;
} finally {
	for (const step of cleanup.reverse()) await step().catch(() => undefined);
}
process.exit();

async function postgresLeg() {
	const adminUrl = pgLib.pgUrl();
	const reachable = await pgLib.canConnect(adminUrl);
	if (!reachable.ok) return { skip: `no Postgres at ${adminUrl} (${reachable.reason})` };
	if (!pgLib.postgrestBinary()) return { skip: `no PostgREST binary for ${process.platform}` };
	const database = 'klankbord_bench_submit';
	await pgLib.prepareDatabase(adminUrl, database, sources, { replace: true });
	cleanup.push(() => pgLib.dropDatabase(adminUrl, database));
	const { loadSigningKey } = await import('../src/lib/server/jwt-key.js');
	const postgrest = await pgLib.startPostgrest({
		adminUrl,
		database,
		jwk: loadSigningKey().publicJwk,
		quiet: true
	});
	cleanup.push(() => postgrest.stop());
	return {
		name: 'Postgres 15 via PostgREST',
		env: { KLANKBORD_POSTGREST_URL: postgrest.url },
		postgrestPid: postgrest.pid,
		databaseProcess: 'postgres',
		open: async () => {
			const client = await pgLib.connect(pgLib.withDatabase(adminUrl, database));
			return {
				query: (sql, params) => client.query(sql, params),
				close: () => client.end()
			};
		}
	};
}

/** One backend, all three steps and the profile. */
async function leg(backend) {
	console.log(`\n### ${backend.name}: ${PHONES} phones × ${PER_PHONE} interviews`);
	const db = await backend.open();
	const round = await prepare(db);
	await db.close();
	const makeInterview = interviewMaker(round);
	const fill = () =>
		round.phones.map((phone) => ({
			...phone,
			items: Array.from({ length: PER_PHONE }, makeInterview)
		}));
	const base = `http://127.0.0.1:${PORT}`;

	// Step 1 and 2, with the server's CPU profiled.
	const profileDir = join(dataDir, `profile-${results.length}`);
	mkdirSync(profileDir, { recursive: true });
	let app = await startApp(backend.env, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
	const warm = await warmUp(base, round.phones[0], makeInterview);
	const phones = fill();
	const cpuBefore = cpuOfAll(app.pid, backend);
	const first = await sendAll({ base, phones });
	const cpuAll = cpuSince(cpuBefore, cpuOfAll(app.pid, backend));
	const cpu = cpuAll.server;
	const again = await sendAll({ base, phones });
	const exitedCleanly = await stopApp(app);
	const bare = await bareRun(round.phones, makeInterview);

	// Step 3: killed and started again in the middle.
	const phones3 = fill();
	const total3 = PHONES * PER_PHONE;
	app = await startApp(backend.env);
	let answered = 0;
	let restart = null;
	let downMs = 0;
	const killed = sendAll({
		base,
		phones: phones3,
		onAnswer: () => {
			if (++answered !== Math.floor(total3 / 3)) return;
			restart = (async () => {
				const t0 = performance.now();
				app.child.kill('SIGKILL');
				await new Promise((resolve) => app.child.once('exit', resolve));
				app = await startApp(backend.env);
				downMs = performance.now() - t0;
			})();
		}
	});
	const third = await killed;
	await restart;
	await stopApp(app);

	// The database's own part, alone; then the count, in the database itself.
	const dbAfter = await backend.open();
	const timings = await databaseTimings(dbAfter, { phone: round.phones[0], makeInterview });
	const expected = [
		...warm.ids,
		...phones.flatMap((phone) => phone.items.map((item) => item.p_id)),
		...phones3.flatMap((phone) => phone.items.map((item) => item.p_id)),
		...timings.ids
	];
	const counted = await count(
		dbAfter,
		round,
		expected,
		timings.withoutChainIds,
		makeInterview.answerCount
	);
	await dbAfter.close();
	return {
		backend: backend.name,
		warm,
		first,
		again,
		third,
		downMs,
		cpu,
		cpuAll,
		bare,
		counted,
		timings,
		profile: exitedCleanly ? summariseProfile(profileDir, keepProfile(profileDir)) : null
	};
}

/** With --keep-profile: the .cpuprofile files outlive the run (open them in Chrome's DevTools). */
function keepProfile(dir) {
	if (!process.argv.includes('--keep-profile')) return null;
	const kept = mkdtempSync(join(tmpdir(), 'klankbord-submit-profile-'));
	cpSync(dir, kept, { recursive: true });
	return kept;
}

/** The demo round, its municipality and questions, and PHONES interviewers with a session each. */
async function prepare(db) {
	const roundRow = (
		await db.query(
			`select id, guide_version from app.rounds where join_code = app.normalise_code('DEMO-OUDR')`
		)
	).rows[0];
	const municipality = (
		await db.query(
			'select municipality_id from app.round_municipalities where round_id = $1 limit 1',
			[roundRow.id]
		)
	).rows[0].municipality_id;
	const questions = (
		await db.query(
			'select id, kind, options from app.questions where round_id = $1 and guide_version = $2 order by position',
			[roundRow.id, roundRow.guide_version]
		)
	).rows;
	const phones = [];
	for (let i = 0; i < PHONES; i++) {
		const joined = (
			await db.query(`select api.session_join('DEMO-OUDR', $1, $2) as j`, [
				`Bank ${i + 1}`,
				`bench-${i}`
			])
		).rows[0].j;
		if (!joined.token) throw new Error(`join ${i} failed: ${JSON.stringify(joined)}`);
		phones.push({
			token: joined.token,
			sessionId: joined.session_id,
			interviewerId: joined.interviewer_id
		});
	}
	return { id: roundRow.id, guideVersion: roundRow.guide_version, municipality, questions, phones };
}

/** A whole interview as the outbox holds it: every question answered, an open answer of ~400 characters. */
function interviewMaker(round) {
	const text =
		'Ze vertelde dat het lang duurde voor iemand terugbelde. Daarna ging het beter: de ' +
		'jeugdverpleegkundige kwam thuis en nam de tijd. Wat ze mist is één vaste persoon die ' +
		'weet wat er eerder is gezegd, zodat ze haar verhaal niet steeds opnieuw hoeft te doen. ';
	const answers = round.questions.map((question) =>
		question.kind === 'open'
			? { question_id: question.id, text }
			: question.kind === 'scale'
				? { question_id: question.id, scale: 4 }
				: { question_id: question.id, choices: [question.options[0]] }
	);
	const make = () => ({
		p_id: crypto.randomUUID(),
		p_consent_form: 'mondeling',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: '24_plus',
		p_municipality_id: round.municipality,
		p_answers: answers,
		p_guide_version: round.guideVersion
	});
	make.answerCount = answers.length;
	return make;
}

/** 40 sends one after the other, nobody else sending: JIT and caches warm, and one send alone. */
async function warmUp(base, phone, makeInterview) {
	const items = Array.from({ length: 40 }, makeInterview);
	const run = await sendAll({ base, phones: [{ ...phone, items }] });
	return { ids: items.map((item) => item.p_id), alone: run.latencies.slice(20) };
}

/** The bare handler with the same phones (their tokens) and new interviews. */
async function bareRun(phones, makeInterview) {
	const tokens = join(dataDir, 'tokens.txt');
	writeFileSync(tokens, phones.map((phone) => phone.token).join('\n'));
	const child = spawn(process.execPath, [join(root, 'bench/submit-bare.js'), tokens], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.add(child);
	const port = await new Promise((resolve) =>
		child.stdout.on('data', (chunk) => {
			const found = /port (\d+)/.exec(String(chunk));
			if (found) resolve(Number(found[1]));
		})
	);
	const base = `http://127.0.0.1:${port}`;
	await warmUp(base, phones[0], makeInterview);
	const filled = phones.map((phone) => ({
		...phone,
		items: Array.from({ length: PER_PHONE }, makeInterview)
	}));
	const cpuBefore = cpuOfAll(child.pid, {});
	const first = await sendAll({ base, phones: filled });
	const cpuAll = cpuSince(cpuBefore, cpuOfAll(child.pid, {}));
	const again = await sendAll({ base, phones: filled });
	const held = (await (await fetch(`${base}/count`)).json()).count - 40;
	child.kill();
	children.delete(child);
	return { first, again, held, cpuAll };
}

/**
 * CPU seconds so far of every process a send passes through: the server, PostgREST and Postgres
 * when the backend has them, and this process, where the phones run. All share the machine's
 * cores, so their sum per send is what bounds the throughput.
 */
function cpuOfAll(serverPid, backend) {
	const own = process.cpuUsage();
	return {
		server: cpuSeconds(serverPid),
		postgrest: backend.postgrestPid ? cpuSeconds(backend.postgrestPid) : 0,
		postgres: backend.databaseProcess ? cpuSecondsNamed(backend.databaseProcess) : 0,
		phones: (own.user + own.system) / 1e6
	};
}

function cpuSince(before, after) {
	return Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));
}

/**
 * Stored = sent, in the database: every id sent is there once, nothing else is there for these
 * interviewers, each with all its answers and one chain entry (except those stored with the
 * chain trigger off, on purpose, by databaseTimings).
 */
async function count(db, round, expected, withoutChain, answerCount) {
	const ids = round.phones.map((phone) => phone.interviewerId);
	const rows = (
		await db.query(
			`select v.id::text as id,
				(select count(*) from app.answers a where a.interview_id = v.id)::int as answers,
				(select count(*) from app.chain_entries c
					where c.round_id = v.round_id and c.subject_id = v.id and c.kind = 'interview_submitted')::int as chain
			from app.interviews v where v.interviewer_id = any($1::uuid[])`,
			[ids]
		)
	).rows;
	const stored = new Map(rows.map((row) => [row.id, row]));
	const noChain = new Set(withoutChain);
	return {
		sent: new Set(expected).size,
		stored: rows.length,
		lost: expected.filter((id) => !stored.has(id)).length,
		unexpected: rows.filter((row) => !expected.includes(row.id)).length,
		incomplete: rows.filter((row) => row.answers !== answerCount).length,
		chainWrong: rows.filter((row) => row.chain !== (noChain.has(row.id) ? 0 : 1)).length
	};
}

async function startApp(env, nodeFlags = []) {
	const child = spawn(process.execPath, [...nodeFlags, 'build'], {
		cwd: root,
		env: {
			...process.env,
			...env,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			KLANKBORD_DATA_DIR: dataDir,
			SHUTDOWN_TIMEOUT: '5'
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	child.stdout.resume();
	for (let i = 0; i < 600; i++) {
		const ok = await new Promise((resolve) => {
			http
				.get(`http://127.0.0.1:${PORT}/meedoen`, (res) => {
					res.resume();
					resolve(res.statusCode === 200);
				})
				.on('error', () => resolve(false));
		});
		if (ok) return { child, pid: child.pid };
		if (child.exitCode !== null) throw new Error('the production server exited at start');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('the production server did not start');
}

/** SIGTERM, as a deploy would; true when it exited by itself (then its CPU profile is written). */
async function stopApp(app) {
	if (app.child.exitCode !== null) return true;
	const exited = new Promise((resolve) => app.child.once('exit', () => resolve(true)));
	app.child.kill('SIGTERM');
	const clean = await Promise.race([
		exited,
		new Promise((resolve) => setTimeout(() => resolve(false), 15_000))
	]);
	if (!clean) {
		app.child.kill('SIGKILL');
		await exited;
	}
	return clean;
}

function report(all) {
	const ms = (value) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
	const line = (label, run) =>
		`  ${label.padEnd(34)} ${String(run.created + run.again).padStart(5)} answered, ` +
		`${throughput(run).toFixed(0).padStart(4)}/s, p50 ${ms(percentile(run.latencies, 0.5))}, ` +
		`p95 ${ms(percentile(run.latencies, 0.95))}` +
		(run.retries ? `, ${run.retries} retries` : '') +
		(run.refused.length
			? `, REFUSED ${run.refused.length} (${run.refused[0].status} ${run.refused[0].reason})`
			: '');
	// Where the machine's CPU went per send in step 1, and what that allows on all its cores.
	const cpuLine = (cpu, run) => {
		const per = (seconds) => (seconds / (run.created + run.again)) * 1000;
		const parts = [
			['server', cpu.server],
			['PostgREST', cpu.postgrest],
			['Postgres', cpu.postgres],
			['phones', cpu.phones]
		].filter(([, seconds]) => seconds > 0);
		const sum = parts.reduce((total, [, seconds]) => total + per(seconds), 0);
		return (
			`CPU per send: ${parts.map(([name, seconds]) => `${name} ${per(seconds).toFixed(1)}`).join(' + ')}` +
			` = ${sum.toFixed(1)} ms; ${cpus().length} cores allow ≤ ${((cpus().length * 1000) / sum).toFixed(0)}/s`
		);
	};
	console.log(`\n## bench/submit: ${PHONES} phones × ${PER_PHONE} interviews, all at once`);
	for (const r of all) {
		const c = r.counted;
		console.log(`\n${r.backend}`);
		console.log(`  one send alone (warm, nobody else): p50 ${ms(percentile(r.warm.alone, 0.5))}`);
		console.log(line('1. everybody sends', r.first));
		console.log(line('2. everybody sends it all again', r.again));
		console.log(
			`     created ${r.first.created} then ${r.again.created} (must be 0); ` +
				`server CPU ${((r.cpu / (r.first.created + r.first.again)) * 1000).toFixed(1)} ms per send`
		);
		console.log(`     ${cpuLine(r.cpuAll, r.first)}`);
		console.log(line('   bare Node handler, same run', r.bare.first));
		console.log(`     ${cpuLine(r.bare.cpuAll, r.bare.first)}`);
		console.log(line('   bare Node handler, again', r.bare.again));
		console.log(
			`     bare holds ${r.bare.held} of ${PHONES * PER_PHONE}; ` +
				`throughput ratio app / bare: ${(throughput(r.first) / throughput(r.bare.first)).toFixed(3)}×`
		);
		console.log(line('3. killed and restarted mid-way', r.third));
		console.log(
			`     server down and back in ${ms(r.downMs)}; connection errors seen: ${r.third.failures.length}`
		);
		console.log(
			`  in the database: sent ${c.sent}, stored ${c.stored}, lost ${c.lost}, unexpected ${c.unexpected}, ` +
				`incomplete ${c.incomplete}, chain entries wrong ${c.chainWrong}` +
				(c.lost || c.unexpected || c.incomplete || c.chainWrong ? '   <-- NOT OK' : '   (ok)')
		);
		const t = r.timings;
		console.log(
			`  the database alone, one caller, median: session lookup ${ms(t.session)}, ` +
				`interview_submit ${ms(t.withChain)} (without the chain trigger ${ms(t.withoutChain)})`
		);
		if (!r.profile) {
			console.log('  (no CPU profile: the server did not exit by itself)');
			continue;
		}
		console.log(
			`  server CPU profile of steps 1–2 (${(r.profile.total / 1000).toFixed(1)} s busy):`
		);
		for (const [bucket, value] of r.profile.buckets) {
			console.log(`    ${((value / r.profile.total) * 100).toFixed(0).padStart(3)} %  ${bucket}`);
		}
		if (r.profile.kept) console.log(`    (the profile is kept in ${r.profile.kept})`);
		console.log('    busiest functions (self time):');
		for (const [name, value] of r.profile.top.slice(0, 8)) {
			console.log(
				`      ${((value / r.profile.total) * 100).toFixed(1).padStart(5)} %  ${name.slice(0, 90)}`
			);
		}
	}
	const bad = all.some((r) => {
		const c = r.counted;
		return (
			c.lost ||
			c.unexpected ||
			c.incomplete ||
			c.chainWrong ||
			r.again.created ||
			r.first.refused.length
		);
	});
	if (bad) {
		console.log('\nNOT OK: something was lost, stored twice or refused (see above).');
		process.exitCode = 1;
	}
}
