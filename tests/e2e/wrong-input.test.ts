// Bad input never gives a 500 (issue 8, item 7). Every page, form action and endpoint under
// src/routes is found by reading the route files, so a new action is fuzzed without editing this
// test; fast-check then throws wrong bodies (NUL bytes, lone surrogates, invalid UTF-8, text/plain,
// broken multipart, JSON), wrong query strings (bad percent-encoding, `?/default`) and wrong route
// parameters at each, as a visitor, an interviewer and a coordinator. Any answer of 500 or more
// fails, with the request that caused it.
//
// Runs after journey.test.ts (files run in name order) and signs in as its coordinator; run alone
// it creates that coordinator with the setup link.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { readSetupLink } from './setup-link';

const port = Number(process.env.E2E_PORT ?? 4173);
const BASE = `http://localhost:${port}`;
/** Requests per route, method and person; FUZZ_RUNS=200 for a long run by hand. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 4);

const COORDINATOR = {
	email: 'esther@cjg-noordveluwe.example',
	password: 'een lange zin als wachtwoord'
};
const DEMO = {
	joinCode: 'DEMO-OUDR',
	eveningCodes: ['OUDR27', 'JONG27'],
	ids: ['0c000000-0000-4000-8000-000000000001', '0c000000-0000-4000-8000-000000000002']
};

// ------------------------------------------------------------------------- the routes, by reading

type Target = { route: string; method: string; action?: string; stream?: boolean };

const ROUTES = join(process.cwd(), 'src', 'routes');

function routeFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? routeFiles(join(dir, entry.name)) : [join(dir, entry.name)]
	);
}

function routeOf(file: string): string {
	const parts = relative(ROUTES, file).split(sep).slice(0, -1);
	// Groups `(name)` do not appear in the URL.
	return '/' + parts.filter((part) => !/^\(.*\)$/.test(part)).join('/');
}

const files = routeFiles(ROUTES);
const targets: Target[] = [];
/** Every form field name the server reads anywhere: the fuzzer fills the right names too. */
const fieldNames = new Set<string>(['redirect', 'locale']);

for (const file of [...files, ...routeFiles(join(process.cwd(), 'src', 'lib', 'schemas'))]) {
	const source = readFileSync(file, 'utf8');
	for (const match of source.matchAll(/(?:texts?\(\w+, |\.get(?:All)?\()'([a-z_]+)'/g)) {
		fieldNames.add(match[1]);
	}
}

for (const file of files) {
	const source = readFileSync(file, 'utf8');
	const route = routeOf(file);
	if (file.endsWith('+page.server.ts')) {
		targets.push({ route, method: 'GET' });
		const block = source.match(/export const actions = \{([\s\S]*?)\n\}/)?.[1] ?? '';
		for (const match of block.matchAll(/^\t(\w+): async/gm)) {
			targets.push({ route, method: 'POST', action: match[1] });
		}
	} else if (
		file.endsWith('+page.svelte') &&
		!files.includes(file.replace('.svelte', '.server.ts'))
	) {
		targets.push({ route, method: 'GET' });
	} else if (file.endsWith('+server.ts')) {
		for (const match of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
			targets.push({ route, method: match[1], stream: source.includes('text/event-stream') });
		}
	}
}

// ------------------------------------------------------------------------------------ arbitraries

const nasty = fc.oneof(
	fc.constantFrom(
		'\u0000',
		'a\u0000b',
		'\uD800',
		'\uDFFF x',
		'Bob\u202Egnp.exe',
		'\u200B',
		'',
		' ',
		'%',
		'%zz',
		'%C3%28',
		'%00',
		"'; select 1; --",
		'<script>alert(1)</script>',
		'x'.repeat(5_000),
		'-1',
		'1e309',
		'NaN',
		'/',
		'//evil.example',
		'/\u00e9\u00e8',
		'/%C3%28',
		'/\uD800'
	),
	fc.string({ unit: 'binary', maxLength: 60 }),
	fc.string({ maxLength: 30 }),
	fc.uuid()
);

const param = (name: string) => {
	if (name === 'code') return fc.oneof(fc.constantFrom(...DEMO.eveningCodes), nasty);
	if (name === 'id') return fc.oneof(fc.constantFrom(...DEMO.ids), fc.uuid(), nasty);
	return nasty;
};

/** A route with its parameters filled in, percent-encoded the way a browser would send them. */
function pathArbitrary(route: string) {
	const names = [...route.matchAll(/\[(\w+)\]/g)].map((match) => match[1]);
	return fc
		.tuple(...names.map(param))
		.map((values) =>
			names.reduce(
				(path, name, index) => path.replace(`[${name}]`, encodeURIComponent(values[index]) || 'x'),
				route
			)
		);
}

/** Raw query pieces: some are deliberately not valid percent-encoding. */
const queryPiece = fc.oneof(
	fc.constantFrom('%', '%zz', '%C3%28', '%FF', '%00', '%E2%80%AE', 'redirect=%C3%28', '/default'),
	fc
		.tuple(
			fc.constantFrom(
				...fieldNames,
				'avond',
				'bevestig',
				'gesprek',
				'since',
				'vingerafdruk',
				'melding',
				'opgeslagen',
				'intrekken'
			),
			nasty
		)
		.map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
);
const queryArbitrary = fc.array(queryPiece, { maxLength: 3 });

const fieldsArbitrary = fc.array(
	fc.tuple(fc.oneof(fc.constantFrom(...fieldNames), fc.string({ maxLength: 8 })), nasty),
	{ maxLength: 8 }
);

type Body = { type?: string; data?: Uint8Array<ArrayBuffer> | string };

const urlencoded = (fields: [string, string][]) =>
	fields.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&');

const bodyArbitrary: fc.Arbitrary<Body> = fc.oneof(
	fieldsArbitrary.map((fields) => ({
		type: 'application/x-www-form-urlencoded',
		data: urlencoded(fields)
	})),
	// Invalid UTF-8 and raw bytes in a form body.
	fc.uint8Array({ maxLength: 80 }).map((bytes) => ({
		type: 'application/x-www-form-urlencoded',
		data: new Uint8Array(Buffer.concat([Buffer.from('statement=%C3%28&display_name='), bytes]))
	})),
	fieldsArbitrary.map((fields) => {
		const boundary = 'fuzzboundary';
		const parts = fields.map(
			([key, value]) =>
				`--${boundary}\r\ncontent-disposition: form-data; name="${key.replace(/["\r\n]/g, '')}"\r\n\r\n${value}\r\n`
		);
		return {
			type: `multipart/form-data; boundary=${boundary}`,
			data: parts.join('') + `--${boundary}--\r\n`
		};
	}),
	fc.string({ maxLength: 80 }).map((data) => ({
		type: 'multipart/form-data; boundary=fuzzboundary',
		data: `--fuzzboundary\r\n${data}`
	})),
	fc.constantFrom<Body>(
		{ type: 'multipart/form-data', data: 'no boundary at all' },
		{ type: 'multipart/form-data; boundary=', data: '' },
		{ type: 'text/plain', data: 'statement=hallo\r\nquote=x' },
		{ type: 'text/plain', data: '\u0000' },
		{ type: 'application/json', data: '{"statement":"\\u0000"}' },
		{ type: 'application/json', data: '{' },
		{ type: 'application/octet-stream', data: new Uint8Array([0xff, 0xfe, 0x00]) },
		{}
	),
	fieldsArbitrary.map((fields) => ({
		type: 'text/plain',
		data: fields.map((f) => f.join('=')).join('\r\n')
	}))
);

// ------------------------------------------------------------------------------------ requesting

type Person = { name: string; cookie: string };

/** The Set-Cookie pairs of a response, as a Cookie header. */
const cookieOf = (response: Response) =>
	response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0])
		.join('; ');

async function send(path: string, init: RequestInit & { cookie?: string } = {}) {
	const controller = new AbortController();
	const headers = new Headers(init.headers);
	headers.set('origin', BASE);
	if (!headers.has('accept')) headers.set('accept', 'text/html');
	if (init.cookie) headers.set('cookie', init.cookie);
	const response = await fetch(BASE + path, {
		...init,
		headers,
		redirect: 'manual',
		signal: controller.signal
	});
	// Streams never end: the status is what counts.
	controller.abort();
	return response;
}

async function postForm(path: string, fields: Record<string, string>, cookie = '') {
	return send(path, {
		method: 'POST',
		cookie,
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields).toString()
	});
}

async function interviewer(): Promise<Person> {
	const response = await postForm('/meedoen', {
		code: DEMO.joinCode,
		display_name: `Fuzz ${crypto.randomUUID().slice(0, 6)}`
	});
	expect(response.status, 'joining the demo round').toBe(303);
	return { name: 'interviewer', cookie: cookieOf(response) };
}

async function coordinator(): Promise<Person> {
	let response = await postForm('/inloggen', COORDINATOR);
	if (response.status !== 303) {
		// The setup wizard's fields (run alone, without journey.test.ts): Ermelo, CBS code GM0233.
		response = await postForm(await readSetupLink(), {
			organisation_name: 'CJG Noord-Veluwe',
			display_name: 'Coördinator Esther',
			email: COORDINATOR.email,
			municipalities: 'GM0233',
			themes: 'Toegang\nWachttijd',
			password: COORDINATOR.password,
			password_repeat: COORDINATOR.password
		});
	}
	expect(response.status, 'signing in as the coordinator').toBe(303);
	return { name: 'coordinator', cookie: cookieOf(response) };
}

test('no wrong request to any page, action or endpoint is answered with a 500', async () => {
	test.setTimeout(180_000);
	const methods = new Set(targets.map((target) => `${target.method} ${target.route}`));
	// Sanity: the reading above found the routes this app is known to have.
	expect(methods).toContain('POST /taal');
	expect(targets.some((target) => target.action === 'publish')).toBe(true);

	const people: Person[] = [
		{ name: 'visitor', cookie: '' },
		await interviewer(),
		await coordinator()
	];
	const failures: string[] = [];
	let requests = 0;
	for (const person of people) {
		for (const target of targets) {
			// Signing out would turn the rest of this person's run into a visitor's.
			if (person.cookie && target.route === '/uitloggen') continue;
			await fc
				.assert(
					fc.asyncProperty(
						pathArbitrary(target.route),
						queryArbitrary,
						bodyArbitrary,
						fc.boolean(),
						async (path, query, body, enhanced) => {
							// A default action is posted without `?/…`; `?/default` has its own check below.
							const named = target.action && target.action !== 'default';
							const search = [...(named ? [`/${target.action}`] : []), ...query];
							const url = path + (search.length ? `?${search.join('&')}` : '');
							const headers: Record<string, string> = {};
							if (body.type) headers['content-type'] = body.type;
							// use:enhance asks for JSON; a plain form post for HTML.
							if (enhanced) {
								headers['x-sveltekit-action'] = 'true';
								headers.accept = 'application/json';
							}
							const withBody = target.method !== 'GET';
							requests++;
							const response = await send(url, {
								method: target.method,
								cookie: person.cookie,
								headers: withBody ? headers : {},
								body: withBody ? body.data : undefined
							});
							if (response.status >= 500) {
								failures.push(
									`${person.name}: ${target.method} ${url} ${JSON.stringify(body)} → ${response.status}`
								);
								return false;
							}
							return true;
						}
					),
					{
						numRuns: RUNS,
						endOnFailure: true,
						seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
					}
				)
				.catch(() => undefined);
		}
		// Not left to chance: every route parameter once as a NUL, as undecodable percent-encoding
		// and as a bare control character.
		for (const target of targets.filter((t) => t.route.includes('['))) {
			for (const value of ['%00', 'a%00b', '%C3%28', '%0A']) {
				const named = target.action && target.action !== 'default' ? `?/${target.action}` : '';
				const url = target.route.replace(/\[\w+\]/g, value) + named;
				const response = await send(url, {
					method: target.method,
					cookie: person.cookie,
					headers:
						target.method === 'GET' ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
					body: target.method === 'GET' ? undefined : 'a=b'
				});
				if (response.status >= 500)
					failures.push(`${person.name}: ${target.method} ${url} → ${response.status}`);
			}
		}
		// `?/default` on every page, and on a page with named actions.
		for (const target of targets.filter((t) => t.method === 'GET' && !t.route.includes('['))) {
			const response = await send(`${target.route}?/default`, {
				method: 'POST',
				cookie: person.cookie,
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'a=b'
			});
			if (response.status >= 500)
				failures.push(`${person.name}: POST ${target.route}?/default → ${response.status}`);
		}
	}
	console.log(`wrong-input: ${requests} fuzzed requests to ${targets.length} targets`);
	expect(failures).toEqual([]);
});
