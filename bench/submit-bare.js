// The baseline for bench/submit.js: a bare Node form handler doing what the send endpoint does, and
// nothing else. The session cookie is looked up in memory, the JSON is parsed and checked by hand,
// and the interview is kept in a Map by its device id, idempotent as the database is (the same
// content again: created false; other content: 409). No framework, no JWT, no database: what the
// app costs is the difference. Reads the session tokens (one a line) from the file in argv[2];
// prints `port <n>` when it listens. GET /count answers how many it holds.
import { readFileSync } from 'node:fs';
import http from 'node:http';

const tokens = new Set(readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean));
const stored = new Map();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function reply(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
	if (req.method === 'GET' && req.url === '/count') return reply(res, 200, { count: stored.size });
	if (req.method !== 'POST' || req.url !== '/gesprekken/versturen') return reply(res, 404, {});
	const token = /(?:^|;\s*)__Host-kb_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
	if (!token || !tokens.has(token)) return reply(res, 401, { reason: 'session_invalid' });
	let body = '';
	req.setEncoding('utf8');
	req.on('data', (chunk) => (body += chunk));
	req.on('end', () => {
		let sent;
		try {
			sent = JSON.parse(body);
		} catch {
			return reply(res, 400, { reason: 'invalid_input' });
		}
		const args = sent?.args;
		if (
			sent?.kind !== 'interview' ||
			!UUID.test(args?.p_id ?? '') ||
			!Array.isArray(args.p_answers)
		) {
			return reply(res, 400, { reason: 'invalid_input' });
		}
		const content = JSON.stringify(args);
		const before = stored.get(args.p_id);
		if (before === undefined) {
			stored.set(args.p_id, content);
			return reply(res, 200, { id: args.p_id, created: true });
		}
		if (before !== content) return reply(res, 409, { reason: 'submission_conflict' });
		reply(res, 200, { id: args.p_id, created: false });
	});
});

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`));
