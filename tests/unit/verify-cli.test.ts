// `npm run verify` end to end: the real script, in its own Node process, against a tiny local HTTP
// server that serves synthetic rounds (honest, tampered, sealed) or refuses.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { honestRound } from './verify-chain-fixture';

const tampered = honestRound();
tampered.findings[0].statement = 'Wachten valt wel mee.';
const ROUNDS: Record<string, unknown> = {
	GOED27: { sealed: false, ...honestRound() },
	FOUT27: { sealed: false, ...tampered },
	DICHT7: { sealed: true, round: { title: 'Nog dicht', evening_code: 'DICHT7', state: 'veldwerk' } }
};

let server: Server;
let url = '';
const paths: string[] = [];

beforeAll(async () => {
	server = createServer((request, response) => {
		paths.push(request.url ?? '');
		const code = /^\/verifieer\/([A-Z0-9]+)\/gegevens$/.exec(request.url ?? '')?.[1];
		if (code === 'KAPOT7') return void response.writeHead(500).end('boom');
		const body = code ? ROUNDS[code] : undefined;
		if (!body) return void response.writeHead(404).end();
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function cli(args: string[], env: Record<string, string> = {}) {
	return new Promise<{ code: number; out: string }>((resolve) => {
		execFile(
			process.execPath,
			['scripts/verify.js', ...args],
			{ env: { ...process.env, KLANKBORD_URL: '', ...env } },
			(error, stdout, stderr) =>
				resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr })
		);
	});
}

describe('npm run verify', () => {
	it('says klopt with the fingerprint and exits 0 for an honest round', async () => {
		const { code, out } = await cli(['goed-27', '--url', url]);
		expect(out).toContain('Uitkomst: klopt.');
		expect(out).toContain(`Vingerafdruk: ${honestRound().fingerprint}`);
		expect(code).toBe(0);
		// The code is normalised the way the site does it.
		expect(paths).toContain('/verifieer/GOED27/gegevens');
	});

	it('names the changed finding and exits 1', async () => {
		const { code, out } = await cli(['FOUT27', '--url', url]);
		expect(out).toContain('klopt NIET');
		expect(out).toContain(tampered.findings[0].id);
		expect(out).toContain('Wachten valt wel mee.');
		expect(code).toBe(1);
	});

	it('exits 1 when the fingerprint someone saw is not in the chain', async () => {
		const { code, out } = await cli([
			'GOED27',
			'--url',
			url,
			'--vingerafdruk',
			'0000-0000-0000-0000'
		]);
		expect(out).toContain('0000-0000-0000-0000');
		expect(code).toBe(1);
	});

	it('takes the address from KLANKBORD_URL', async () => {
		expect((await cli(['GOED27'], { KLANKBORD_URL: url })).code).toBe(0);
	});

	it.each([
		['a sealed round', ['DICHT7'], 'nog niet geopend'],
		['an unknown code', ['ONBEK7'], 'Geen avond met code ONBEK7'],
		['a server error', ['KAPOT7'], 'HTTP 500'],
		['no code at all', [], 'Gebruik: npm run verify']
	])('exits 2 for %s', async (_name, args, said) => {
		const { code, out } = await cli([...args, '--url', url]);
		expect(out).toContain(said);
		expect(code).toBe(2);
	});

	it('exits 2 when nothing answers', async () => {
		const { code, out } = await cli(['GOED27', '--url', 'http://127.0.0.1:9']);
		expect(out).toContain('niet bereiken');
		expect(code).toBe(2);
	});
});
