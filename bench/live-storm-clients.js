// One half of bench/live-storm.js's hall: a worker thread holding `count` SSE clients on one
// stream URL, so the clients' parsing is spread over two event loops and one loop is not what is
// measured. Messages from the controller: `cut` (drop the first `cut` clients), `reconnect`
// (they all come back at once with the seq they had, as Last-Event-ID or ?since=, and each one
// times its wait for a board at least as new as `current`), `report` (every client's figures).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, count } = workerData;
const clients = [];

function client() {
	const self = {
		seqs: [],
		maxSeq: -1,
		duplicates: 0,
		refused: 0,
		errors: 0,
		request: null,
		/** For a reconnecting client: when it asked, when the answer began, when its board came. */
		storm: null
	};
	self.open = (since, how) => {
		const headers = {};
		let target = url;
		if (since >= 0 && how === 'header') headers['last-event-id'] = String(since);
		if (since >= 0 && how === 'query') target = `${url}?since=${since}`;
		return new Promise((resolve) => {
			const request = http.get(target, { agent: false, headers });
			self.request = request;
			request.on('error', () => {
				self.errors++;
				resolve();
			});
			request.on('response', (res) => {
				if (self.storm) self.storm.answered = performance.now();
				if (res.statusCode !== 200) self.refused++;
				resolve();
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
						if (seq <= self.maxSeq) self.duplicates++;
						self.maxSeq = Math.max(self.maxSeq, seq);
						self.seqs.push(seq);
						const storm = self.storm;
						if (storm && storm.board === undefined && seq >= storm.current) storm.board = at;
					}
				});
				res.on('error', () => {});
			});
		});
	};
	return self;
}

for (let i = 0; i < count; i += 100) {
	const batch = [];
	for (let j = i; j < Math.min(count, i + 100); j++) {
		const c = client();
		clients.push(c);
		batch.push(c.open(-1));
	}
	await Promise.all(batch);
}
await until(() => clients.every((c) => c.maxSeq >= 0), 30_000);
parentPort.postMessage({ type: 'ready', connected: clients.filter((c) => c.maxSeq >= 0).length });

let cut = [];
parentPort.on('message', async (message) => {
	if (message.type === 'cut') {
		cut = clients.slice(0, message.cut);
		for (const c of cut) c.request.destroy();
		parentPort.postMessage({ type: 'cut' });
	} else if (message.type === 'reconnect') {
		// All at once, in one turn of this loop: half as a browser's EventSource retries
		// (Last-Event-ID), half as the page reopens it (?since=, live-board.svelte.ts).
		for (const [index, c] of cut.entries()) {
			c.storm = { asked: performance.now(), current: message.current };
			void c.open(c.maxSeq, index % 2 ? 'query' : 'header');
		}
		parentPort.postMessage({ type: 'reconnected' });
		await until(() => cut.every((c) => c.storm.board !== undefined), 15_000);
		parentPort.postMessage({ type: 'stormed' });
	} else if (message.type === 'wait') {
		await until(() => clients.every((c) => c.maxSeq >= message.seq), message.timeoutMs);
		parentPort.postMessage({ type: 'waited' });
	} else if (message.type === 'report') {
		const stayed = clients.filter((c) => !cut.includes(c));
		parentPort.postMessage({
			type: 'report',
			storm: cut.map(({ storm }) => ({
				answered: storm.answered === undefined ? null : storm.answered - storm.asked,
				board: storm.board === undefined ? null : storm.board - storm.asked
			})),
			stayed: stayed.map(({ seqs, duplicates, refused, errors }) => ({
				seqs,
				duplicates,
				refused,
				errors
			}))
		});
		for (const c of clients) c.request.destroy();
	}
});

function until(test, timeoutMs) {
	return new Promise((resolve) => {
		const deadline = performance.now() + timeoutMs;
		const check = () =>
			test() || performance.now() > deadline ? resolve() : setTimeout(check, 20);
		check();
	});
}
