#!/usr/bin/env node
// A reconnect storm on its own (issue 11: "2,000 clients of which 400 reconnect together all
// have the current board within 2 s", embedded database): the production build beside a bare
// Node SSE server (bench/live-bare.js) with the same boards, measured the same way in one run.
//
//   node bench/live-storm.js [--quick] [--no-build]
//   (env: BENCH_CLIENTS=2000 BENCH_CUT=400 BENCH_PORT BENCH_NODE_ARGS)
//
// Per server: the clients connect to one evening, held by two worker threads
// (bench/live-storm-clients.js) so that one client event loop is not what is measured. The
// presenter moves once a second through the real HTTP path (POST /presentatie/zet with the
// presenter's session cookie). Then 400 clients are cut, the presenter makes one more move while
// they are away (so they are behind), and all 400 come back in the same instant with the seq they
// had (half as Last-Event-ID, as EventSource retries; half as ?since=, as the page reopens).
// Reported, per server:
//   storm      for the 400: from its reconnect request to a board at least as new as the last
//              move made before the reconnect (p50/p95/max, and how many within 2 s); `answered`
//              is the part until the response began (accept, hooks, subscribe)
//   stayed     the others, during the whole run: missed (a move never seen in that or a later
//              board), skipped (a move whose own board was replaced by a newer one before it was
//              written: allowed, the board is complete state), duplicates (a seq seen twice)
//   CPU-s      the server process's user+system time from the cut until everyone is current
// --quick: 400 clients of which 80 reconnect. Numbers are a report, never an assertion; the run
// exits 1 only when a client missed a move or got one twice.
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildUnlessAsked, hall, move, post, PORT, sleep, TICK, usage } from './live-hall.js';

const QUICK = process.argv.includes('--quick');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? (QUICK ? 400 : 2000));
const CUT = Number(process.env.BENCH_CUT ?? Math.round(CLIENTS / 5));
const WORKERS = 2;
const MOVE_EVERY_MS = 1000;
const AFTER_MS = 5000;

buildUnlessAsked();
const { dataDir, children, prepare, startApp, startBare } = hall('storm', CLIENTS);

try {
	const { token, code } = await prepare();
	const app = await startApp();
	const base = `http://127.0.0.1:${PORT}`;
	const presenterHeaders = {
		cookie: `__Host-kb_session=${token}`,
		origin: base,
		'content-type': 'application/json'
	};
	await post(`${base}/presentatie?/open`, '', {
		...presenterHeaders,
		'content-type': 'application/x-www-form-urlencoded',
		'x-sveltekit-action': 'true'
	});
	const slides = await captureBoards(base, code, presenterHeaders);
	const bare = await startBare(join(dataDir, 'boards.json'));
	const bareBase = `http://127.0.0.1:${bare.port}`;
	// Warm both up (JIT, database caches) before anything is measured.
	for (let n = 0; n < 50; n++) {
		await move(`${base}/presentatie/zet`, 1 + (n % (slides - 1)), presenterHeaders);
		await move(`${bareBase}/move`, 1 + (n % (slides - 1)), {});
	}
	const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
	console.log(
		`evening ${code}: ${slides} slides; ${CLIENTS} clients in ${WORKERS} worker threads, ` +
			`${CUT} cut and back at once, the presenter moving every ${MOVE_EVERY_MS} ms; load average ${load}`
	);
	const ours = await storm('klankbord', app.child.pid, `${base}/avond/${code}/live`, (n) =>
		move(`${base}/presentatie/zet`, 1 + (n % (slides - 1)), presenterHeaders)
	);
	const theirs = await storm('bare Node', bare.child.pid, `${bareBase}/live`, (n) =>
		move(`${bareBase}/move`, 1 + (n % (slides - 1)), {})
	);
	report(ours, theirs);
	if (ours.missed + ours.duplicates + theirs.missed + theirs.duplicates > 0) process.exitCode = 1;
} catch (error) {
	console.error(error);
	process.exitCode = 1;
}
for (const child of children) child.kill();
process.exit();

/** One storm: connect everyone, move, cut, one move while away, all back at once, collect. */
async function storm(label, pid, url, moveTo) {
	const workers = [];
	for (let w = 0; w < WORKERS; w++) {
		const count = Math.floor(CLIENTS / WORKERS) + (w < CLIENTS % WORKERS ? 1 : 0);
		workers.push(
			new Worker(new URL('./live-storm-clients.js', import.meta.url), {
				workerData: { url, count }
			})
		);
	}
	const ask = (worker, message, answer) =>
		new Promise((resolve) => {
			const listen = (reply) => {
				if (reply.type !== answer) return;
				worker.off('message', listen);
				resolve(reply);
			};
			worker.on('message', listen);
			if (message) worker.postMessage(message);
		});
	const ready = await Promise.all(workers.map((worker) => ask(worker, null, 'ready')));
	const connected = ready.reduce((sum, reply) => sum + reply.connected, 0);

	const moves = [];
	let n = 0;
	const moveOnce = () => {
		const entry = { seq: null };
		moves.push(entry);
		entry.done = moveTo(n++)
			.then(({ seq }) => (entry.seq = seq))
			.catch(() => (entry.failed = true));
		return entry.done;
	};
	// Open loop: a move goes out every second even while the previous one is on its way.
	const mover = setInterval(moveOnce, MOVE_EVERY_MS);
	await sleep(3000);

	const before = usage(pid);
	const cutAt = performance.now();
	await Promise.all(
		workers.map((worker, w) =>
			ask(
				worker,
				{ type: 'cut', cut: Math.floor(CUT / WORKERS) + (w < CUT % WORKERS ? 1 : 0) },
				'cut'
			)
		)
	);
	await moveOnce(); // made while they are away: every one of them is behind
	const current = Math.max(...moves.map((entry) => entry.seq ?? -1));
	const stormed = Promise.all(workers.map((worker) => ask(worker, null, 'stormed')));
	const stormStart = { at: performance.now(), server: usage(pid), machine: machine() };
	await Promise.all(
		workers.map((worker) => ask(worker, { type: 'reconnect', current }, 'reconnected'))
	);
	await stormed;
	// While the 400 waited: how much CPU the server got, and how busy the whole machine was.
	const stormEnd = { at: performance.now(), server: usage(pid), machine: machine() };
	const during = {
		wallSeconds: (stormEnd.at - stormStart.at) / 1000,
		serverSeconds: (stormEnd.server.cpu - stormStart.server.cpu) / TICK,
		machineBusy:
			(stormEnd.machine.busy - stormStart.machine.busy) /
			Math.max(1, stormEnd.machine.total - stormStart.machine.total)
	};
	await sleep(AFTER_MS);
	clearInterval(mover);
	await Promise.all(moves.map((entry) => entry.done));
	const finalSeq = Math.max(...moves.map((entry) => entry.seq ?? -1));
	await Promise.all(
		workers.map((worker) =>
			ask(worker, { type: 'wait', seq: finalSeq, timeoutMs: 10_000 }, 'waited')
		)
	);
	const after = usage(pid);
	const cpuSeconds = (after.cpu - before.cpu) / TICK;
	const wallSeconds = (performance.now() - cutAt) / 1000;
	const reports = await Promise.all(
		workers.map((worker) => ask(worker, { type: 'report' }, 'report'))
	);
	await Promise.all(workers.map((worker) => worker.terminate()));
	await sleep(1000);

	const made = moves.filter((entry) => !entry.failed).map((entry) => entry.seq);
	const stormClients = reports.flatMap((r) => r.storm);
	const stayed = reports.flatMap((r) => r.stayed);
	let missed = 0;
	let skipped = 0;
	for (const client of stayed) {
		const seen = new Set(client.seqs);
		const last = Math.max(-1, ...client.seqs);
		for (const seq of made) {
			if (seq > last) missed++;
			else if (!seen.has(seq)) skipped++;
		}
	}
	const boards = stormClients.map((s) => s.board ?? Infinity);
	return {
		label,
		connected,
		boards,
		answered: stormClients.map((s) => s.answered ?? Infinity),
		within2s: boards.filter((ms) => ms <= 2000).length,
		cut: stormClients.length,
		stayed: stayed.length,
		missed,
		skipped,
		duplicates: stayed.reduce((sum, c) => sum + c.duplicates, 0),
		refused: [...stayed, ...stormClients].reduce((sum, c) => sum + (c.refused ?? 0), 0),
		moves: made.length,
		failedMoves: moves.length - made.length,
		cpuSeconds,
		wallSeconds,
		during
	};
}

function report(...results) {
	const pick = (values, q) => {
		const sorted = [...values].sort((a, b) => a - b);
		return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
	};
	const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'never');
	console.log(
		'\nserver      connected  storm p50  storm p95  storm max  ≤2 s      answered p50/max   stayed: missed skipped dupl.  CPU-s (wall s)'
	);
	for (const r of results) {
		console.log(
			[
				r.label.padEnd(10),
				String(r.connected).padStart(10),
				ms(pick(r.boards, 0.5)).padStart(10),
				ms(pick(r.boards, 0.95)).padStart(10),
				ms(Math.max(...r.boards)).padStart(10),
				`${r.within2s}/${r.cut}`.padStart(9),
				`${ms(pick(r.answered, 0.5))}/${ms(Math.max(...r.answered))}`.padStart(18),
				String(r.missed).padStart(15),
				String(r.skipped).padStart(8),
				String(r.duplicates).padStart(5),
				`${r.cpuSeconds.toFixed(2)} (${r.wallSeconds.toFixed(1)})`.padStart(15)
			].join(' ')
		);
	}
	for (const r of results) {
		console.log(
			`${r.label.padEnd(10)}  ${r.stayed} stayed; ${r.moves} moves (${r.failedMoves} failed); streams refused: ${r.refused}; ` +
				`until the last of the ${r.cut} had its board: ${r.during.wallSeconds.toFixed(2)} s, server CPU ${r.during.serverSeconds.toFixed(2)} s, ` +
				`machine ${(100 * r.during.machineBusy).toFixed(0)} % busy`
		);
	}
	const [ours, theirs] = results;
	const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
	console.log(
		`ratio       storm p50 ${ratio(pick(ours.boards, 0.5), pick(theirs.boards, 0.5))}, ` +
			`p95 ${ratio(pick(ours.boards, 0.95), pick(theirs.boards, 0.95))}, ` +
			`max ${ratio(Math.max(...ours.boards), Math.max(...theirs.boards))}, ` +
			`CPU ${ratio(ours.cpuSeconds, theirs.cpuSeconds)}`
	);
}

/** The app's board at every slide, written for the bare server: the same payloads. */
async function captureBoards(base, code, presenterHeaders) {
	const boards = [];
	let slides = 1;
	for (let position = 0; position < slides; position++) {
		await move(`${base}/presentatie/zet`, position, presenterHeaders);
		const board = await firstBoard(`${base}/avond/${code}/live`);
		slides = board.slide_count;
		boards.push(board);
	}
	writeFileSync(join(dataDir, 'boards.json'), JSON.stringify(boards));
	return slides;
}

function firstBoard(url) {
	return new Promise((resolve, reject) => {
		const request = http.get(url, { agent: false }, (res) => {
			let buffer = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => {
				buffer += chunk;
				const found = /event: board\ndata: (.*)\n\n/.exec(buffer);
				if (found) {
					request.destroy();
					resolve(JSON.parse(found[1]));
				}
			});
		});
		request.on('error', reject);
	});
}

/** Busy and total jiffies of all cores (/proc/stat): how loaded the machine was. */
function machine() {
	const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
	const busy = user + nice + system + irq + softirq + steal;
	return { busy, total: busy + idle + iowait };
}
