#!/usr/bin/env node
// The results page of a published round (issue 12, item 7): how long does its data take, beside a
// plain group by over the same rows?
//
//   node bench/results.js           (env: BENCH_RUNS=30; KLANKBORD_PG_URL for the Postgres leg)
//
// Per leg (Postgres 15 behind real PostgREST 12; the embedded PGlite behind the in-process route),
// a fresh database (migrations + seed) gets an organisation's 30 published rounds with 20,000
// interviews and 200,000 answers (10 questions: 4 scale, 3 single choice, 2 multiple choice with
// 3 options, 1 open), spread over five municipalities, two groups and five age bands. Then,
// alternating, BENCH_RUNS times each, for round 1 (667 interviews, 6,670 answers):
//   results page  results.get() as a coordinator: the app's own path (zod, supabase-js, a JWT, the
//                 route or PostgREST, api.round_results with its small-cell protection);
//   in SQL        api.round_results as the coordinator's role in SQL, without HTTP;
//   baseline      a plain count(*) group by over the same rows (the round's answers joined to
//                 their interviews, by question, answer and municipality), as the superuser.
// Printed: medians and the ratio results page / baseline (aim: ≤ 1.5×, under 300 ms on Postgres
// 15). A report, never a test.
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
const ROUNDS = 30;
const INTERVIEWS = 20000;

/** The data, as one superuser script. Triggers off (replica mode): no chain or audit work. */
function dataSql(
	/** @type {string} */ staffId,
	/** @type {string} */ sessionId,
	/** @type {string} */ token
) {
	const tokenHash = createHash('sha256').update(token).digest('hex');
	return `
		set session_replication_role = replica;
		insert into app.staff (id, organisation_id, role, display_name, email, password_hash)
		values ('${staffId}', '${ORG}', 'coordinator', 'Bench', 'bench@klankbord.invalid', '$2a$10$bench');
		insert into app.sessions (id, token_hash, staff_id, expires_at)
		values ('${sessionId}', '\\x${tokenHash}', '${staffId}', now() + interval '1 day');
		insert into app.rounds (id, organisation_id, title, target_group, state, join_code, evening_code,
			published_at)
		select ('0f000000-0000-4000-8000-' || lpad(r::text, 12, '0'))::uuid, '${ORG}', 'Benchronde ' || r,
			'ouders', 'gepubliceerd', 'BENCH' || lpad(r::text, 3, '0'), 'BNC' || lpad(r::text, 3, '0'),
			now() - r * interval '30 days'
		from generate_series(1, ${ROUNDS}) r;
		insert into app.round_municipalities (round_id, municipality_id)
		select r.id, m.id from app.rounds r, app.municipalities m
		where r.title like 'Benchronde %' and m.organisation_id = '${ORG}';
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme, options, key)
		select r.id, 1, p,
			case when p < 4 then 'scale' when p < 7 then 'single' when p < 9 then 'multi' else 'open' end,
			'Vraag ' || p, 'Thema ' || (p % 3),
			case when p between 4 and 8 then array['Ja', 'Soms', 'Nee'] end, 'vraag-' || p
		from app.rounds r, generate_series(0, 9) p where r.title like 'Benchronde %';
		-- member_no is filled by a trigger, which replica mode switches off: given here.
		insert into app.interviewers (round_id, display_name, member_no)
		select r.id, 'Interviewer', 1 from app.rounds r where r.title like 'Benchronde %';
		insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
			interviewee_group, age_band, municipality_id)
		select gen_random_uuid(), r.id, i.id, 1, 'mondeling',
			case when n % 3 = 0 then 'jongere' else 'ouder' end,
			(array['16_17', '18_23', '24_plus', '24_plus', '24_plus'])[1 + n % 5],
			(select m.id from app.municipalities m where m.organisation_id = '${ORG}'
				order by m.name offset (n * 7 % 11) % 5 limit 1)
		from generate_series(0, ${INTERVIEWS - 1}) n
		join app.rounds r on r.id = ('0f000000-0000-4000-8000-' || lpad((1 + n % ${ROUNDS})::text, 12, '0'))::uuid
		join app.interviewers i on i.round_id = r.id;
		insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
		select v.id, q.id,
			case when q.kind = 'open' then 'Antwoord' end,
			case when q.kind = 'scale' then (1 + (abs(hashtext(v.id::text || q.position)) % 5))::smallint end,
			case q.kind
				when 'single' then array[(array['Ja', 'Soms', 'Nee'])[1 + abs(hashtext(v.id::text || q.position)) % 3]]
				when 'multi' then case abs(hashtext(v.id::text || q.position)) % 3
					when 0 then array['Ja'] when 1 then array['Soms', 'Nee'] else array['Ja', 'Nee'] end
			end
		from app.interviews v join app.questions q on q.round_id = v.round_id
		where v.round_id in (select r.id from app.rounds r where r.title like 'Benchronde %');
		set session_replication_role = origin;
		analyze;`;
}

const BASELINE = `
	select a.question_id, coalesce(a.scale_value::text, a.choices[1]) as value, v.municipality_id,
		count(*)
	from app.answers a join app.interviews v on v.id = a.interview_id
	where v.round_id = $1 and v.consent_withdrawn_at is null
	group by 1, 2, 3`;

const median = (/** @type {number[]} */ xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function child(/** @type {'postgres' | 'embedded'} */ leg) {
	const dir = mkdtempSync(join(tmpdir(), 'klankbord-results-bench-'));
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
		const results = await load('/src/lib/server/api/results.ts');
		const staff = await load('/src/lib/server/api/staff.ts');
		const person = await sessions.resolve(token);
		if (person?.kind !== 'staff') throw new Error('the bench coordinator did not resolve');
		const roundId = '0f000000-0000-4000-8000-000000000001';
		const [{ answers }] = /** @type {{ answers: number | string }[]} */ (
			await sql(`select count(*) as answers from app.answers`)
		);
		const claims = JSON.stringify({ sub: staffId, role: 'authenticated', session_id: sessionId });
		const asCoordinator = `
			begin;
			set local role authenticated;
			select set_config('request.jwt.claims', '${claims}', true);
			select api.round_results('${roundId}');
			commit;`;

		const page = await results.get(person, roundId);
		const cells = /** @type {unknown[]} */ (await sql(BASELINE, [roundId])).length;
		/** @type {Record<'page' | 'sql' | 'baseline' | 'floor', number[]>} */
		const samples = { page: [], sql: [], baseline: [], floor: [] };
		const time = async (/** @type {() => Promise<unknown>} */ fn) => {
			const t = performance.now();
			await fn();
			return performance.now() - t;
		};
		for (let i = 0; i < RUNS + 3; i++) {
			const p = await time(() => results.get(person, roundId));
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
			interviews: page.counts.interviews,
			items: page.items.length,
			answers: Number(answers),
			cells,
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
	`\nKlankbord results page: 30 published rounds, 20,000 interviews, 200,000 answers (medians of ${RUNS})\n`
);
console.log(
	`| leg                              | results page | api.round_results in SQL | plain group by | ratio | smallest call |`
);
console.log(
	`|----------------------------------|--------------|--------------------------|----------------|-------|---------------|`
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
		`| ${name.padEnd(32)} | ${ms(r.page).padStart(12)} | ${ms(r.sql).padStart(24)} | ${ms(r.baseline).padStart(14)} | ${`${(r.page / r.baseline).toFixed(1)}×`.padStart(5)} | ${ms(r.floor).padStart(13)} |`
	);
}
for (const r of results.filter((x) => !x.error)) {
	console.log(
		`${r.leg}: ${r.answers} answers in the database; round 1's page counted ${r.interviews} interviews over ${r.items} items; the baseline returned ${r.cells} groups.`
	);
}
console.log(
	'ratio = results page / plain group by over the same rows (aim: ≤ 1.5×). "smallest call" = staff.me() by the\n' +
		'same path (what any call costs: JWT, HTTP or route, zod). Data loaded with triggers off (no hash chain).'
);
console.log(`Node ${process.version}, ${process.platform}-${process.arch}.`);
process.exit(failed ? 1 : 0);
