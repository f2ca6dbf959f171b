// What a database call costs on the server before it leaves the process: a new supabase-js client
// per call (as until issue 7) against the one shared client per backend and role (callAs), in the
// same run. The backend is a fetch that answers at once, so only the client's own work is timed:
// building it, minting the JWT, building the request.
//
//   node bench/client-reuse.js            (env: BENCH_CALLS=2000)
//
// The app's own module (src/lib/server/supabase.ts) is loaded through Vite, as the server runs it.
// Numbers are a report, never a test assertion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const dataDir = mkdtempSync(join(tmpdir(), 'klankbord-client-bench-'));
process.env.KLANKBORD_DATA_DIR = dataDir; // the JWT key pair is made here

const { createServer } = await import('vite');
const vite = await createServer({
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	logLevel: 'error'
});

try {
	const { callAs, createApiClient } = await vite.ssrLoadModule('/src/lib/server/supabase.ts');
	const { mintJwt } = await vite.ssrLoadModule('/src/lib/server/jwt.ts');
	const target = {
		mode: 'postgrest',
		url: 'http://bench.invalid',
		key: 'bench',
		fetch: async () => new Response('{}', { headers: { 'content-type': 'application/json' } })
	};
	const claims = {
		role: 'authenticated',
		sub: crypto.randomUUID(),
		session_id: crypto.randomUUID()
	};

	const perCall = async () => {
		const client = createApiClient(target, async () => mintJwt(claims));
		return client.schema('api').rpc('bench', {});
	};
	const reused = () => callAs(claims, (client) => client.schema('api').rpc('bench', {}), target);
	const jwtOnly = async () => mintJwt(claims);
	const buildOnly = async () => createApiClient(target, async () => null);

	// Warm both paths (JIT, the shared client itself), then alternate rounds so neither gains from
	// running second.
	for (let i = 0; i < 200; i++) await Promise.all([perCall(), reused(), jwtOnly(), buildOnly()]);
	const times = { perCall: [], reused: [], jwtOnly: [], buildOnly: [] };
	const ROUNDS = 10;
	for (let round = 0; round < ROUNDS; round++) {
		for (const [name, call] of Object.entries({ perCall, reused, jwtOnly, buildOnly })) {
			const start = performance.now();
			for (let i = 0; i < CALLS / ROUNDS; i++) await call();
			times[name].push((performance.now() - start) / (CALLS / ROUNDS));
		}
	}
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
	const f = (ms) => `${(ms * 1000).toFixed(0).padStart(5)} µs`;
	const built = median(times.perCall);
	const shared = median(times.reused);
	const jwt = median(times.jwtOnly);
	console.log(`${CALLS} calls each, median of ${ROUNDS} rounds, per call:`);
	console.log(`new client per call      ${f(built)}`);
	console.log(`shared client (callAs)   ${f(shared)}`);
	console.log(`  of which minting the JWT ${f(jwt)} (the same in both)`);
	console.log(`building one client alone ${f(median(times.buildOnly))}`);
	console.log(`ratio new / shared: ${(built / shared).toFixed(1)}×`);
} finally {
	await vite.close();
	rmSync(dataDir, { recursive: true, force: true });
}
