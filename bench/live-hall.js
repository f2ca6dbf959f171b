// What bench/live.js and bench/live-storm.js share: the production build on a fresh embedded
// data directory with a presenter, the bare Node SSE server beside it, and the presenter's moves
// through the real HTTP path. One home, so both benches measure the same app the same way.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePresenter } from './live-presenter.js';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const PORT = Number(process.env.BENCH_PORT ?? process.env.E2E_PORT ?? 4186);
export { TICK, usage } from './proc.js';
const keepAlive = new http.Agent({ keepAlive: true });

/** `npm run build`, unless the bench was started with --no-build. */
export function buildUnlessAsked() {
	if (process.argv.includes('--no-build')) return;
	console.log('building (npm run build) …');
	const built = spawnSync('npm', ['run', 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (built.status !== 0) process.exit(1);
}

/**
 * A hall for one bench run: its own data directory and child processes, both gone at exit.
 * `maxClients`: the most streams the bench opens, all from 127.0.0.1.
 */
export function hall(prefix, maxClients) {
	const dataDir = mkdtempSync(join(tmpdir(), `klankbord-bench-${prefix}-`));
	const children = [];
	process.on('exit', () => {
		for (const child of children) child.kill();
		rmSync(dataDir, { recursive: true, force: true });
	});

	/** The demo, a presenter session, and the evening code. */
	async function prepare() {
		const { openEmbedded } = await import('../src/lib/server/embedded/instance.js');
		const { sourcesFromDisk } = await import('../src/lib/server/embedded/migrate.js');
		const { db } = await openEmbedded(join(dataDir, 'pglite'), sourcesFromDisk(root));
		const joined = (await db.query(`select api.session_join('DEMO-OUDR', 'Bench', 'bench') as j`))
			.rows[0].j;
		await makePresenter(db, joined.round_id, joined.interviewer_id);
		const { evening_code: code } = (
			await db.query('select evening_code from app.rounds where id = $1', [joined.round_id])
		).rows[0];
		await db.close();
		return { token: joined.token, code };
	}

	async function startApp() {
		// BENCH_NODE_ARGS: extra node flags for the app only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p".
		const flags = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
		const child = spawn(process.execPath, [...flags, 'build'], {
			cwd: root,
			env: {
				...process.env,
				PORT: String(PORT),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${PORT}`,
				KLANKBORD_DATA_DIR: dataDir,
				// Every bench client comes from 127.0.0.1: without this, the per-address cap (1,000,
				// a hall behind one Wi-Fi) refuses the rest, and they count as missed.
				KLANKBORD_SSE_PER_ADDRESS: String(maxClients * 2)
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		children.push(child);
		child.stdout.resume();
		for (let i = 0; i < 300; i++) {
			const ok = await new Promise((resolve) => {
				http
					.get(`http://127.0.0.1:${PORT}/avond/DEMO00/live`, (res) => {
						res.destroy();
						resolve(true);
					})
					.on('error', () => resolve(false));
			});
			if (ok) return { child };
			await sleep(200);
		}
		throw new Error('the production server did not start');
	}

	/** The bare Node SSE server (bench/live-bare.js) with the app's boards from `boardsFile`. */
	async function startBare(boardsFile) {
		const child = spawn(process.execPath, [join(root, 'bench/live-bare.js'), boardsFile], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		children.push(child);
		const port = await new Promise((resolve) =>
			child.stdout.on('data', (chunk) => {
				const found = /port (\d+)/.exec(String(chunk));
				if (found) resolve(Number(found[1]));
			})
		);
		return { child, port };
	}

	return { dataDir, children, prepare, startApp, startBare };
}

/** The presenter's move (POST /presentatie/zet, or the bare server's /move). */
export async function move(url, position, headers) {
	return JSON.parse(await post(url, JSON.stringify({ position }), headers));
}

export function post(url, body, headers) {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method: 'POST', headers, agent: keepAlive }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () =>
				res.statusCode < 400 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))
			);
		});
		request.on('error', reject);
		request.end(body);
	});
}

export function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
