// The baseline for bench/live.js: a bare Node SSE server with nothing but the fan-out. It sends
// the very boards the app sent (captured by the bench, one per slide position, read from the file
// named in argv[2]), serialised once per move and written to every client, and catches a client
// up from ?since= as the app does. No database, no framework, no hooks: what the app costs is the
// difference. Prints `port <n>` when it listens on the ephemeral port it was given.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const boards = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let seq = boards[0].seq;
let position = boards[0].position ?? 0;
const clients = new Set();
const frame = () =>
	`id: ${seq}\nevent: board\ndata: ${JSON.stringify({ ...boards[position], seq, position })}\n\n`;
let current = frame();

const server = http.createServer((req, res) => {
	const url = new URL(req.url, 'http://bare.invalid');
	if (req.method === 'GET' && url.pathname === '/live') {
		res.writeHead(200, {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-cache, no-transform'
		});
		res.write('retry: 2000\n\n');
		const since = req.headers['last-event-id'] ?? url.searchParams.get('since');
		if (since === null || Number(since) !== seq) res.write(current);
		clients.add(res);
		req.on('close', () => clients.delete(res));
		return;
	}
	if (req.method === 'POST' && url.pathname === '/move') {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const wanted = Number(JSON.parse(body).position);
			position = Math.max(0, Math.min(boards.length - 1, wanted));
			seq++;
			current = frame();
			for (const client of clients) client.write(current);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ position, seq }));
		});
		return;
	}
	res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
