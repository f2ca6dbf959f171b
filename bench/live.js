#!/usr/bin/env node
// Live for a hall: the production build with N SSE clients on one evening, beside a bare Node SSE
// server (bench/live-bare.js) sending the same boards, measured the same way in the same run.
//
//   node bench/live.js [--quick] [--no-build]     (env: BENCH_SIZES=500,1000,2000 BENCH_PORT BENCH_NODE_ARGS)
//
// Per size: N clients connect (the app: /avond/<code>/live; the bare server: /live), the presenter
// moves 10 times a second for 30 s through the real HTTP path (POST /presentatie/zet with the
// presenter's session cookie: the same hooks, api layer, database write and wake as a click), and
// after a third of the run 20 % of the clients are cut, stay away one second, and come back all at
// once with the seq they had (a hall whose Wi-Fi hiccuped). Measured in this process, one clock:
//   latency    the presenter's request sent → the first board at a client whose seq ≥ that
//              move's seq (the move's board, or a later one that already carries it); clients
//              that were connected all the while
//   missed     a move a client connected at that moment never saw in that or a later board
//   duplicates a board a client got twice (a seq it already had)
//   resume     from a cut client's reconnect to its first board
//   CPU-s      the server process's user+system time during the moves (/proc)
//   memory     the server's resident memory with the clients connected, minus before, per client
//   refused    streams the server refused (503, a cap); the app's per-address cap is lifted here,
//              since every bench client comes from one address
// --quick: 200 clients for 5 s, to see that it works. Numbers are a report, never an assertion.
//
// Setup shortcut (the only one): the bench joins the demo round with session_join and marks that
// interviewer presenter with superuser SQL on the fresh data directory before the server starts.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildUnlessAsked, hall, move, post, PORT, sleep, TICK, usage } from './live-hall.js';

const QUICK = process.argv.includes('--quick');
const SIZES = (process.env.BENCH_SIZES ?? (QUICK ? '200' : '500,1000,2000')).split(',').map(Number);
const SECONDS = QUICK ? 5 : 30;
const RATE = 10;
const CUT_SHARE = 0.2;
const AWAY_MS = 1000;
const WARMUP_MOVES = 100;

buildUnlessAsked();
const { dataDir, children, prepare, startApp, startBare } = hall('live', Math.max(...SIZES));

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

	// The boards the app sends, one per slide, for the bare server: the same payloads.
	const probe = await connect(`${base}/avond/${code}/live`, { keep: true });
	await probe.until(() => probe.boards.length > 0);
	const slides = JSON.parse(probe.boards[0].data).slide_count;
	const boards = [];
	for (let position = 0; position < slides; position++) {
		const { seq } = await move(`${base}/presentatie/zet`, position, presenterHeaders);
		await probe.until(() => probe.maxSeq >= seq);
		boards.push(JSON.parse(probe.boards.at(-1).data));
	}
	probe.close();
	const boardsFile = join(dataDir, 'boards.json');
	writeFileSync(boardsFile, JSON.stringify(boards));
	const board = boards[0];
	console.log(
		`evening ${code}: ${slides} slides, a board is ${Buffer.byteLength(JSON.stringify(board))} bytes; ` +
			`${SIZES.join('/')} clients, ${RATE} moves/s for ${SECONDS} s, ${CUT_SHARE * 100} % cut and resumed`
	);

	const bare = await startBare(boardsFile);
	const bareBase = `http://127.0.0.1:${bare.port}`;
	// Warm both servers up (JIT, database caches) before anything is measured.
	// The app's warm-up moves, one after the other, also say what one move costs on its own.
	const alone = [];
	for (let n = 0; n < WARMUP_MOVES; n++) {
		const t0 = performance.now();
		await move(`${base}/presentatie/zet`, 1 + (n % (slides - 1)), presenterHeaders);
		alone.push(performance.now() - t0);
		await move(`${bareBase}/move`, 1 + (n % (slides - 1)), {});
	}
	const warm = alone.slice(WARMUP_MOVES / 2).sort((a, b) => a - b);
	console.log(
		`one move on its own, nobody connected (the last ${WARMUP_MOVES / 2} of ${WARMUP_MOVES} warm-up moves): ` +
			`p50 ${warm[warm.length >> 1].toFixed(1)} ms, p95 ${warm[Math.floor(warm.length * 0.95)].toFixed(1)} ms`
	);
	const results = [];
	for (const size of SIZES) {
		const ours = await run('klankbord', app.child.pid, size, {
			stream: `${base}/avond/${code}/live`,
			move: (position) => move(`${base}/presentatie/zet`, position, presenterHeaders),
			slides
		});
		const theirs = await run('bare Node', bare.child.pid, size, {
			stream: `${bareBase}/live`,
			move: (position) => move(`${bareBase}/move`, position, {}),
			slides
		});
		results.push([size, ours, theirs]);
	}
	report(results);
} catch (error) {
	console.error(error);
	process.exitCode = 1;
}
for (const child of children) child.kill();
process.exit();

/** One run: connect, move, cut and resume, collect. */
async function run(label, pid, size, target) {
	const clients = [];
	const before = usage(pid);
	for (let i = 0; i < size; i += 100) {
		const batch = [];
		for (let j = i; j < Math.min(size, i + 100); j++) batch.push(connect(target.stream));
		clients.push(...(await Promise.all(batch)));
	}
	await Promise.all(clients.map((client) => client.until(() => client.boards.length > 0, 30_000)));
	const settled = usage(pid);

	const moves = [];
	const cut = clients.slice(0, Math.round(size * CUT_SHARE));
	const cutAt = Math.round((SECONDS * RATE) / 3);
	const started = performance.now();
	const inFlight = [];
	let resumedAt = 0;
	for (let n = 0; n < SECONDS * RATE; n++) {
		await sleep(Math.max(0, started + (n * 1000) / RATE - performance.now()));
		if (n === cutAt) for (const client of cut) client.cut();
		if (n === cutAt + (AWAY_MS * RATE) / 1000) {
			resumedAt = performance.now();
			for (const client of cut) client.resume();
		}
		const entry = { t0: performance.now(), seq: Infinity, connected: clients.map((c) => c.epoch) };
		moves.push(entry);
		// Open loop: the next move goes out on time even if this one is still on its way.
		inFlight.push(
			target
				.move(1 + (n % (target.slides - 1)))
				.then(({ seq }) => {
					entry.seq = seq;
					entry.answered = performance.now() - entry.t0;
				})
				// A refused or dropped move is reported, and not counted as missed by anyone.
				.catch(() => (entry.failed = true))
		);
	}
	await Promise.all(inFlight);
	const failedMoves = moves.filter((entry) => entry.failed).length;
	const done = moves.filter((entry) => !entry.failed);
	const finalSeq = Math.max(...done.map((entry) => entry.seq));
	await Promise.all(clients.map((client) => client.until(() => client.maxSeq >= finalSeq, 5_000)));
	const after = usage(pid);
	for (const client of clients) client.close();
	await sleep(1000);

	const latencies = [];
	let missed = 0;
	for (const [index, client] of clients.entries()) {
		for (const entry of done) {
			const epoch = entry.connected[index];
			if (epoch === null) continue; // cut at that moment: not a connected client
			const seen = firstAtLeast(client.boards, entry.seq);
			if (!seen) missed++;
			else if (seen.epoch === epoch) latencies.push(seen.at - entry.t0);
		}
	}
	const resume = cut.map((client) => client.firstAfterResume - resumedAt);
	return {
		label,
		latencies,
		missed,
		duplicates: clients.reduce((sum, client) => sum + client.duplicates, 0),
		refused: clients.reduce((sum, client) => sum + client.refused, 0),
		resume,
		resumedWithin2s: resume.filter((ms) => ms <= 2000).length,
		moveRequest: done.map((entry) => entry.answered),
		failedMoves,
		cut: cut.length,
		cpuSeconds: (after.cpu - settled.cpu) / TICK,
		memoryPerClientKb: (settled.rssKb - before.rssKb) / size
	};
}

/** An SSE client on a raw socket: every board's seq, arrival time and connection epoch. */
function connect(url, { keep = false } = {}) {
	const client = {
		boards: [],
		refused: 0,
		maxSeq: -1,
		duplicates: 0,
		epoch: 0,
		firstAfterResume: Infinity,
		request: null,
		cut() {
			client.epoch = null;
			client.request?.destroy();
		},
		resume() {
			client.epoch = client.lastEpoch + 1;
			open(client.maxSeq);
		},
		close() {
			client.closed = true;
			client.request?.destroy();
		},
		until(test, timeoutMs = 10_000) {
			return new Promise((resolve) => {
				const deadline = performance.now() + timeoutMs;
				const check = () =>
					test() || performance.now() > deadline ? resolve() : setTimeout(check, 20);
				check();
			});
		},
		lastEpoch: 0
	};
	function open(since) {
		const epoch = client.epoch;
		client.lastEpoch = epoch;
		return new Promise((resolve) => {
			const request = http.get(since >= 0 ? `${url}?since=${since}` : url, { agent: false });
			client.request = request;
			request.on('error', () => resolve(client));
			request.on('response', (res) => {
				resolve(client);
				// A refused stream (503: a cap) is reported, so it is not taken for missed moves.
				if (res.statusCode !== 200) client.refused++;
				let buffer = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => {
					const at = performance.now();
					buffer += chunk;
					let end;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const message = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						if (!message.includes('event: board')) continue;
						const seq = Number(/^id: (\d+)/m.exec(message)?.[1]);
						if (seq <= client.maxSeq) client.duplicates++;
						client.maxSeq = Math.max(client.maxSeq, seq);
						if (epoch > 0 && client.firstAfterResume === Infinity) client.firstAfterResume = at;
						const data = keep ? message.slice(message.indexOf('data: ') + 6) : undefined;
						client.boards.push({ seq, at, epoch, data });
					}
				});
				res.on('error', () => {});
			});
		});
	}
	return open(-1);
}

function report(results) {
	const pick = (values, q) => {
		const sorted = [...values].sort((a, b) => a - b);
		return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
	};
	const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'never');
	for (const [size, ...pair] of results) {
		console.log(`\n### ${size} clients\n`);
		console.log(
			'server      p50        p95        p99        missed  dupl.  resume p50  resume max  ≤2 s      CPU-s  KB/client'
		);
		for (const r of pair) {
			console.log(
				[
					r.label.padEnd(10),
					ms(pick(r.latencies, 0.5)).padStart(9),
					ms(pick(r.latencies, 0.95)).padStart(10),
					ms(pick(r.latencies, 0.99)).padStart(10),
					String(r.missed).padStart(7),
					String(r.duplicates).padStart(6),
					ms(pick(r.resume, 0.5)).padStart(11),
					ms(Math.max(...r.resume)).padStart(11),
					`${r.resumedWithin2s}/${r.cut}`.padStart(9),
					r.cpuSeconds.toFixed(2).padStart(6),
					r.memoryPerClientKb.toFixed(1).padStart(10)
				].join(' ')
			);
		}
		const [ours, theirs] = pair;
		for (const r of pair) {
			console.log(
				`${r.label.padEnd(10)}  the move request itself: p50 ${ms(pick(r.moveRequest, 0.5))}, p95 ${ms(pick(r.moveRequest, 0.95))}; moves that failed: ${r.failedMoves}; streams refused: ${r.refused}`
			);
		}
		const ratio = (a, b) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
		console.log(
			`ratio       p50 ${ratio(pick(ours.latencies, 0.5), pick(theirs.latencies, 0.5))}, ` +
				`p95 ${ratio(pick(ours.latencies, 0.95), pick(theirs.latencies, 0.95))}, ` +
				`p99 ${ratio(pick(ours.latencies, 0.99), pick(theirs.latencies, 0.99))}, ` +
				`resume p50 ${ratio(pick(ours.resume, 0.5), pick(theirs.resume, 0.5))}, ` +
				`CPU ${ratio(ours.cpuSeconds, theirs.cpuSeconds)}, ` +
				`memory ${ratio(ours.memoryPerClientKb, theirs.memoryPerClientKb)}`
		);
	}
}

/** The first board with seq ≥ `seq`: a client's seqs never go down, so a binary search. */
function firstAtLeast(boards, seq) {
	let low = 0;
	let high = boards.length;
	while (low < high) {
		const mid = (low + high) >> 1;
		if (boards[mid].seq >= seq) high = mid;
		else low = mid + 1;
	}
	return boards[low];
}
