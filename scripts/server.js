#!/usr/bin/env node
// `npm start`: the production server. This is adapter-node's own server (build/index.js, with
// PORT, HOST, ADDRESS_HEADER, XFF_DEPTH, graceful shutdown, unchanged), plus the security
// headers on every response. adapter-node answers /_app/immutable/* and the files of static/
// with sirv before SvelteKit runs, so hooks.server.ts never sees those responses; a listener put
// in front of adapter-node's own sets the headers before sirv writes them. Headers SvelteKit sets
// itself win (Node merges them into writeHead).
import { SECURITY_HEADERS } from '../src/lib/server/security-headers.js';

// A computed specifier: build/ only exists after `npm run build`, so the type check skips it.
const entry = new URL('../build/index.js', import.meta.url).href;
/** @type {{ server: { server: import('node:http').Server } }} */
const adapter = await import(entry);

adapter.server.server.prependListener('request', (_request, response) => {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
});
