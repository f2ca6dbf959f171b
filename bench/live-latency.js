// How long from a presenter's move to a screen receiving it over the live stream?
//
//   node bench/live-latency.js            (env: BENCH_MOVES=50, BENCH_CLIENTS=20)
//
// Runs in-process, against a fresh embedded database in a temporary directory (the seeded demo),
// so it needs no running server and no presenter account: it loads the app's own modules through
// Vite (same $lib aliases, same code the server runs), joins the demo round "DEMO-OUDR" via
// session_join as the server does, marks that interviewer presenter with superuser SQL (the one
// shortcut: in the product a coordinator does that), opens the evening, and connects
// BENCH_CLIENTS screens to the real SSE handler of /avond/[code]/live. Then, per move:
//   t0: the presenter's evening.move is called  →  evening_move  →  the api layer wakes the hub
//   (one board load, fan-out; src/lib/server/live/board-changes.ts)  →  each screen reads the event.
// Printed: per-sample latency (median, p95, max) over moves × screens, and the cost of the whole
// evening.move call (the write and the wake it awaits). Numbers are a report, never an assertion.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makePresenter } from './live-presenter.js';

const MOVES = Number(process.env.BENCH_MOVES ?? 50);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const dataDir = mkdtempSync(join(tmpdir(), 'klankbord-live-bench-'));
process.env.KLANKBORD_DATA_DIR = dataDir;

const { createServer } = await import('vite');
const vite = await createServer({
	server: { middlewareMode: true, hmr: false, watch: null },
	appType: 'custom',
	logLevel: 'error'
});
const load = (path) => vite.ssrLoadModule(path);

try {
	const t = performance.now();
	const { embeddedDb } = await load('/src/lib/server/embedded/database.ts');
	const db = await embeddedDb();
	console.log(`embedded database ready in ${Math.round(performance.now() - t)} ms (${dataDir})`);

	const sessions = await load('/src/lib/server/api/sessions.ts');
	const evening = await load('/src/lib/server/api/evening.ts');
	const { clientKeyFor } = await load('/src/lib/server/client-key.ts');
	const { hub } = await load('/src/lib/server/live/instance.ts');
	const { GET } = await load('/src/routes/avond/[code]/live/+server.ts');

	const joined = await sessions.join('DEMO-OUDR', 'Bench', clientKeyFor('127.0.0.1'));
	await makePresenter(db, joined.round_id, joined.interviewer_id);
	const presenter = await sessions.resolve(joined.token);
	await evening.open(presenter, joined.round_id);
	const code = (
		await db.query('select evening_code from app.rounds where id = $1', [joined.round_id])
	).rows[0].evening_code;
	const { slide_count: slides } = await evening.board(code);
	console.log(`evening ${code} open with ${slides} slides; ${CLIENTS} screens, ${MOVES} moves`);

	// Screens: the real SSE handler, read as a browser would read the stream.
	const screens = [];
	for (let i = 0; i < CLIENTS; i++) screens.push(await connect(GET, code));

	const samples = [];
	const moveMs = [];
	for (let n = 0; n < MOVES; n++) {
		const target = 1 + (n % (slides - 1)); // never the current slide, so every move is news
		const waits = screens.map((screen) => screen.next((board) => board.position === target));
		const t0 = performance.now();
		// Exactly the presenter's form action: the api layer wakes the screens before it returns.
		await evening.move(presenter, joined.round_id, target);
		moveMs.push(performance.now() - t0);
		for (const at of await Promise.all(waits)) samples.push(at - t0);
	}
	for (const screen of screens) screen.close();
	await new Promise((resolve) => setTimeout(resolve, 50));

	console.log('\nlive latency: evening.move called → screen received the board');
	console.log(row('move → screen', samples));
	console.log(row('evening.move (with wake)', moveMs));
	console.log(`listeners left after closing: ${hub.listeners(code)}`);
	await db.close();
} finally {
	await vite.close();
	rmSync(dataDir, { recursive: true, force: true });
}

/** Open one SSE stream through the route handler; `next(test)` resolves at the matching board. */
async function connect(handler, code) {
	const controller = new AbortController();
	const url = new URL(`http://bench.invalid/avond/${code}/live`);
	const request = new Request(url, { signal: controller.signal });
	const response = await handler({ params: { code }, request, url });
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let waiting = [];
	let buffer = '';
	let open = true;
	(async () => {
		while (open) {
			const { value, done } = await reader.read();
			if (done) break;
			const at = performance.now();
			buffer += decoder.decode(value, { stream: true });
			let end;
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const message = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				const data = message.split('\n').find((line) => line.startsWith('data: '));
				if (!message.includes('event: board') || !data) continue;
				const board = JSON.parse(data.slice(6));
				waiting = waiting.filter((wait) => !(wait.test(board) && (wait.resolve(at), true)));
			}
		}
	})().catch(() => {});
	return {
		next: (test) => new Promise((resolve) => waiting.push({ test, resolve })),
		close() {
			open = false;
			controller.abort();
			reader.cancel().catch(() => {});
		}
	};
}

function row(label, values) {
	const sorted = [...values].sort((a, b) => a - b);
	const pick = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	const f = (ms) => `${ms.toFixed(2)} ms`.padStart(10);
	return `${label.padEnd(24)} n=${String(sorted.length).padEnd(5)} median ${f(pick(0.5))}  p95 ${f(pick(0.95))}  max ${f(sorted.at(-1))}`;
}
