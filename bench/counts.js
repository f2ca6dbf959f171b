#!/usr/bin/env node
// The coordinator's round page with a big round: how long does its data take, beside a plain count?
//
//   node bench/counts.js            (env: BENCH_RUNS=30; KLANKBORD_PG_URL for the Postgres leg)
//
// Per leg (Postgres 15 behind real PostgREST 12; the embedded PGlite behind the in-process route),
// a fresh database (migrations + seed) gets 20,000 interviews, 5,000 findings and 600 interviewers
// over four rounds of the demo organisation; round A, the one measured, has 540 interviewers,
// 8,000 interviews and 2,000 findings. Then, alternating, BENCH_RUNS times each:
//   round page  rounds.get() as a coordinator: the app's own path (zod, supabase-js, a JWT, the
//               route or PostgREST, RLS, api.round_get);
//   in SQL      api.round_get as the coordinator's role in SQL, without HTTP (where the time goes);
//   baseline    a plain count(*) … group by over the same rows (round A's interviewers, interviews,
//               findings), as the superuser, in the same run.
// Printed: medians and the ratio round page / baseline (the aim is ≤ 3×). A report, never a test.
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ORG = '0a000000-0000-4000-8000-000000000001'; // the seeded demo organisation
const ROUNDS = [
	{ code: 'A', interviewers: 540, interviews: 8000, findings: 2000 },
	{ code: 'B', interviewers: 20, interviews: 4000, findings: 1000 },
	{ code: 'C', interviewers: 20, interviews: 4000, findings: 1000 },
	{ code: 'D', interviewers: 20, interviews: 4000, findings: 1000 }
];

/** The data, as one superuser script. Triggers off (replica mode): no chain or audit work. */
function dataSql(
	/** @type {string} */ staffId,
	/** @type {string} */ sessionId,
	/** @type {string} */ token
) {
	const tokenHash = createHash('sha256').update(token).digest('hex');
	const rounds = ROUNDS.map((r, i) => {
		const id = `0f000000-0000-4000-8000-00000000000${i + 1}`;
		return `
		insert into app.rounds (id, organisation_id, title, target_group, state, join_code, evening_code)
		values ('${id}', '${ORG}', 'Benchronde ${r.code}', 'ouders', 'veldwerk', 'BENCH00${r.code}', 'BNCH0${r.code}');
		insert into app.round_municipalities (round_id, municipality_id)
		select '${id}', m.id from app.municipalities m where m.organisation_id = '${ORG}';
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme)
		values ('${id}', 1, 0, 'open', 'Wat wilt u kwijt?', 'Algemeen');
		insert into app.interviewers (round_id, display_name, joined_at)
		select '${id}', 'Interviewer ' || n, now() - n * interval '1 minute'
		from generate_series(1, ${r.interviewers}) n;
		insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
			interviewee_group, age_band, municipality_id, consent_withdrawn_at)
		select gen_random_uuid(), '${id}', i.id, 1, 'mondeling', 'ouder', '24_plus',
			(select m.id from app.municipalities m where m.organisation_id = '${ORG}' order by m.name limit 1),
			case when n % 50 = 0 then now() end
		from generate_series(1, ${r.interviews}) n
		join (select id, row_number() over (order by id) - 1 as k from app.interviewers
			where round_id = '${id}') i on i.k = n % ${r.interviewers};
		insert into app.findings (id, round_id, interviewer_id, statement)
		select gen_random_uuid(), '${id}', i.id, 'Bevinding nummer ' || n
		from generate_series(1, ${r.findings}) n
		join (select id, row_number() over (order by id) - 1 as k from app.interviewers
			where round_id = '${id}') i on i.k = n % ${r.interviewers};`;
	}).join('\n');
	return `
		set session_replication_role = replica;
		insert into app.staff (id, organisation_id, role, display_name, email, password_hash)
		values ('${staffId}', '${ORG}', 'coordinator', 'Bench', 'bench@klankbord.invalid', '$2a$10$bench');
		insert into app.sessions (id, token_hash, staff_id, expires_at)
		values ('${sessionId}', '\\x${tokenHash}', '${staffId}', now() + interval '1 day');
		${rounds}
		set session_replication_role = origin;
		analyze;`;
}

const BASELINE = `
	select x.kind, count(*) from (
		select 'interviewer' as kind from app.interviewers where round_id = $1
		union all select 'interview' from app.interviews where round_id = $1
		union all select 'finding' from app.findings where round_id = $1
	) x group by x.kind`;

const median = (/** @type {number[]} */ xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function child(/** @type {'postgres' | 'embedded'} */ leg) {
	const dir = mkdtempSync(join(tmpdir(), 'klankbord-counts-bench-'));
	process.env.KLANKBORD_DATA_DIR = dir;
	const { createServer } = await import('vite');
	const vite = await createServer({
		root,
		logLevel: 'error',
		appType: 'custom',
		server: { middlewareMode: true, hmr: false, watch: null }
	});
	const load = (/** @type {string} */ path) => vite.ssrLoadModule(path);
	/** @type {(sql: string, params?: unknown[]) => Promise<unknown[]>} */
	let sql;
	/** @type {() => Promise<void>} */
	let stop = async () => {};
	const staffId = randomUUID();
	const sessionId = randomUUID();
	const token = `bench-${randomUUID()}`;
	try {
		if (leg === 'postgres') {
			const pg = await import('../scripts/lib/postgres.js');
			const { sourcesFromDisk } = await import('../src/lib/server/embedded/migrate.js');
			const { loadSigningKey } = await import('../src/lib/server/jwt-key.js');
			const adminUrl = pg.pgUrl();
			const reachable = await pg.canConnect(adminUrl);
			if (!reachable.ok) throw new Error(`no Postgres (${reachable.reason}); set KLANKBORD_PG_URL`);
			const database = `klankbord_bench_${process.pid}`;
			await pg.prepareDatabase(adminUrl, database, sourcesFromDisk(root), { replace: true });
			const client = await pg.connect(pg.withDatabase(adminUrl, database));
			await client.query(dataSql(staffId, sessionId, token));
			const server = await pg.startPostgrest({
				adminUrl,
				database,
				jwk: loadSigningKey().publicJwk,
				quiet: true
			});
			process.env.KLANKBORD_POSTGREST_URL = server.url;
			sql = async (text, params) => (await client.query(text, params)).rows;
			stop = async () => {
				await server.stop();
				await client.end();
				await pg.dropDatabase(adminUrl, database);
			};
		} else {
			delete process.env.KLANKBORD_POSTGREST_URL;
			const { embeddedDb, closeEmbeddedDb } = await load('/src/lib/server/embedded/database.ts');
			const db = await embeddedDb();
			await db.exec(dataSql(staffId, sessionId, token));
			// Without parameters, several statements at once (as pg's simple protocol allows).
			sql = async (text, params) =>
				params ? (await db.query(text, params)).rows : ((await db.exec(text)).at(-1)?.rows ?? []);
			stop = closeEmbeddedDb;
		}

		const sessions = await load('/src/lib/server/api/sessions.ts');
		const rounds = await load('/src/lib/server/api/rounds.ts');
		const staff = await load('/src/lib/server/api/staff.ts');
		const person = await sessions.resolve(token);
		if (person?.kind !== 'staff') throw new Error('the bench coordinator did not resolve');
		const roundId = '0f000000-0000-4000-8000-000000000001';
		const claims = JSON.stringify({ sub: staffId, role: 'authenticated', session_id: sessionId });
		const asCoordinator = `
			begin;
			set local role authenticated;
			select set_config('request.jwt.claims', '${claims}', true);
			select api.round_get('${roundId}');
			commit;`;

		const page = await rounds.get(person, roundId);
		const counted = /** @type {{ kind: string, count: number | string }[]} */ (
			await sql(BASELINE, [roundId])
		);
		/** @type {Record<'page' | 'sql' | 'baseline' | 'floor', number[]>} */
		const samples = { page: [], sql: [], baseline: [], floor: [] };
		const time = async (/** @type {() => Promise<unknown>} */ fn) => {
			const t = performance.now();
			await fn();
			return performance.now() - t;
		};
		for (let i = 0; i < RUNS + 3; i++) {
			const p = await time(() => rounds.get(person, roundId));
			const s = await time(() => sql(asCoordinator));
			const b = await time(() => sql(BASELINE, [roundId]));
			const f = await time(() => staff.me(person));
			if (i < 3) continue; // warm-up
			samples.page.push(p);
			samples.sql.push(s);
			samples.baseline.push(b);
			samples.floor.push(f);
		}
		return {
			leg,
			interviewers: page.interviewers.length,
			counts: page.counts,
			baselineCounts: Object.fromEntries(counted.map((r) => [r.kind, Number(r.count)])),
			page: median(samples.page),
			sql: median(samples.sql),
			baseline: median(samples.baseline),
			floor: median(samples.floor)
		};
	} finally {
		await stop();
		await vite.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--child') {
	try {
		console.log(JSON.stringify(await child(/** @type {any} */ (process.argv[3]))));
		process.exit(0);
	} catch (error) {
		console.log(JSON.stringify({ leg: process.argv[3], error: String(error) }));
		process.exit(1);
	}
}

const results = [];
for (const leg of ['postgres', 'embedded']) {
	const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', leg], {
		cwd: root,
		env: process.env,
		encoding: 'utf8'
	});
	const line = run.stdout
		.trim()
		.split('\n')
		.findLast((l) => l.startsWith('{'));
	results.push(line ? JSON.parse(line) : { leg, error: run.stderr.trim().split('\n').at(-1) });
}

const ms = (/** @type {number} */ n) => `${n.toFixed(1)} ms`;
console.log(
	`\nKlankbord round page with 20,000 interviews, 5,000 findings, 600 interviewers (medians of ${RUNS})\n`
);
console.log(
	`| leg                              | round page | api.round_get in SQL | count(*) group by | ratio | smallest call |`
);
console.log(
	`|----------------------------------|------------|----------------------|-------------------|-------|---------------|`
);
let failed = false;
for (const r of results) {
	const name = r.leg === 'postgres' ? 'Postgres 15 + PostgREST 12' : 'embedded (PGlite + route)';
	if (r.error) {
		failed = true;
		console.log(`| ${name.padEnd(32)} | failed: ${r.error}`);
		continue;
	}
	console.log(
		`| ${name.padEnd(32)} | ${ms(r.page).padStart(10)} | ${ms(r.sql).padStart(20)} | ${ms(r.baseline).padStart(17)} | ${`${(r.page / r.baseline).toFixed(1)}×`.padStart(5)} | ${ms(r.floor).padStart(13)} |`
	);
}
for (const r of results.filter((x) => !x.error)) {
	console.log(
		`${r.leg}: the page listed ${r.interviewers} interviewers and counted ${JSON.stringify(r.counts)}; the baseline counted ${JSON.stringify(r.baselineCounts)}.`
	);
}
console.log(
	'ratio = round page / count(*) group by over the same rows (aim: ≤ 3×). "smallest call" = staff.me() by the\n' +
		'same path (what any call costs: JWT, HTTP or route, zod). Data loaded with triggers off (no hash chain).'
);
console.log(`Node ${process.version}, ${process.platform}-${process.arch}.`);
process.exit(failed ? 1 : 0);
