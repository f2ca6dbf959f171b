// Where the time of one submit goes (bench/submit.js): the server's own CPU profile during the
// concurrent run, summed by where the code lives, and the database's part timed on its own: one
// caller, one call after the other, straight in SQL as the app's calls run (SET LOCAL ROLE and
// the JWT claims in one transaction), with and without the hash-chain trigger.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Buckets for the profile, first match wins (url of the function's script). */
const BUCKETS = [
	['PGlite (Postgres in WASM)', (url) => url.includes('pglite') || url.startsWith('wasm://')],
	['supabase-js / postgrest-js', (url) => url.includes('supabase') || url.includes('postgrest')],
	['fetch to PostgREST (undici)', (url) => url.includes('undici')],
	['Node core (HTTP, streams, crypto, timers)', (url) => url.startsWith('node:')],
	['the app, SvelteKit and bundled libraries', (url) => url.includes('/build/')],
	['other JavaScript', (url) => url !== '']
];

/**
 * Self time per bucket and the top functions, from the .cpuprofile files node wrote into `dir`
 * (--cpu-prof). Returns null when there is none (the server did not exit on its own).
 */
export function summariseProfile(dir, kept = null) {
	let files;
	try {
		files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	} catch {
		return null;
	}
	if (files.length === 0) return null;
	const buckets = new Map();
	const functions = new Map();
	let total = 0;
	for (const file of files) {
		const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		const byId = new Map(profile.nodes.map((node) => [node.id, node]));
		const self = new Map();
		profile.samples.forEach((id, index) => {
			const delta = (profile.timeDeltas[index] ?? 0) / 1000;
			self.set(id, (self.get(id) ?? 0) + delta);
		});
		for (const [id, ms] of self) {
			const { functionName, url } = byId.get(id).callFrame;
			if (functionName === '(idle)') continue;
			total += ms;
			const bucket =
				functionName === '(garbage collector)'
					? 'garbage collection'
					: functionName === '(program)'
						? 'V8 itself (compiling, runtime)'
						: (BUCKETS.find(([, test]) => test(url))?.[0] ?? 'other');
			buckets.set(bucket, (buckets.get(bucket) ?? 0) + ms);
			const where = url ? url.replace(/^.*\/(node_modules|build)\//, '$1/') : '';
			const name = `${functionName || '(anonymous)'} ${where}`.trim();
			functions.set(name, (functions.get(name) ?? 0) + ms);
		}
	}
	const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
	return { total, buckets: sorted(buckets), top: sorted(functions).slice(0, 12), kept };
}

/**
 * The database's part of one submit, on a database that `exec` reaches as superuser: the session
 * lookup (as service_role, as hooks.server.ts does it) and interview_submit (as the interviewer),
 * each `n` times in a row; then interview_submit again with the chain trigger switched off, to
 * see what the trigger (the answers' hash, the advisory lock, the append) costs. The ids are new,
 * so every call stores a real interview; they are returned so the caller can leave them out of
 * the lost/duplicated count.
 */
export async function databaseTimings(exec, { phone, makeInterview, n = 100 }) {
	const claims = JSON.stringify({
		role: 'authenticated',
		sub: phone.interviewerId,
		session_id: phone.sessionId
	});
	const inTransaction = async (role, sql, params, settings = []) => {
		await exec.query('begin');
		try {
			await exec.query(`set local role ${role}`);
			if (role === 'authenticated') {
				await exec.query(`select set_config('request.jwt.claims', $1, true)`, [claims]);
			}
			for (const setting of settings) await exec.query(setting);
			await exec.query(sql, params);
			await exec.query('commit');
		} catch (error) {
			await exec.query('rollback');
			throw error;
		}
	};
	const time = async (call) => {
		const times = [];
		for (let i = 0; i < n; i++) {
			const t0 = performance.now();
			await call();
			times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		return times[times.length >> 1];
	};
	const ids = [];
	const submit = () => {
		const args = makeInterview();
		ids.push(args.p_id);
		return inTransaction(
			'authenticated',
			`select api.interview_submit(p_id => $1, p_consent_form => $2, p_guardian_consent => $3,
				p_interviewee_group => $4, p_age_band => $5, p_municipality_id => $6,
				p_answers => $7::jsonb, p_guide_version => $8)`,
			[
				args.p_id,
				args.p_consent_form,
				args.p_guardian_consent,
				args.p_interviewee_group,
				args.p_age_band,
				args.p_municipality_id,
				JSON.stringify(args.p_answers),
				args.p_guide_version
			]
		);
	};
	const session = await time(() =>
		inTransaction('service_role', 'select api.session_resolve(p_token => $1)', [phone.token])
	);
	const withChain = await time(submit);
	await exec.query('alter table app.interviews disable trigger interviews_chain');
	let withoutChain;
	try {
		withoutChain = await time(submit);
	} finally {
		await exec.query('alter table app.interviews enable trigger interviews_chain');
	}
	return { session, withChain, withoutChain, ids, withoutChainIds: ids.slice(n) };
}
