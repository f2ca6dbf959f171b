#!/usr/bin/env node
// `npm run postgrest`: real PostgREST 12 over Postgres (ARCHITECTURE.md §3, "Real PostgREST").
// Creates, migrates and seeds the database, then serves it until Ctrl-C. Point the app at it with
// the KLANKBORD_POSTGREST_URL line this prints.
//
// Settings (all optional):
//   KLANKBORD_PG_URL                  superuser URL (default postgres://klankbord:klankbord@127.0.0.1:5432/postgres)
//   KLANKBORD_PG_DATABASE             database to create/migrate (default klankbord)
//   KLANKBORD_POSTGREST_PORT          port (default 3000)
//   KLANKBORD_AUTHENTICATOR_PASSWORD  password set for PostgREST's login role (default authenticator)
//   KLANKBORD_DATA_DIR                where the JWT key lives (default .data), shared with the app
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, loadSigningKey } from '../src/lib/server/jwt-key.js';
import { sourcesFromDisk } from '../src/lib/server/embedded/migrate.js';
import { canConnect, pgUrl, prepareDatabase, startPostgrest } from './lib/postgres.js';

const adminUrl = pgUrl();
const database = process.env.KLANKBORD_PG_DATABASE || 'klankbord';
const port = Number(process.env.KLANKBORD_POSTGREST_PORT || 3000);

const reachable = await canConnect(adminUrl);
if (!reachable.ok) {
	console.error(`Klankbord: cannot reach Postgres (${reachable.reason}). Set KLANKBORD_PG_URL.`);
	process.exit(1);
}

const result = await prepareDatabase(adminUrl, database, sourcesFromDisk());
console.log(
	`Klankbord: database ${database} (migrations: ${result.total}, new: ${result.applied.length}, seeded: ${result.seeded ? 'yes' : 'no'})`
);

// The same key the app signs with; PostgREST only needs its public half.
const { publicJwk } = loadSigningKey();
mkdirSync(dataDir(), { recursive: true });
const jwkFile = join(dataDir(), 'jwt-public.json');
writeFileSync(jwkFile, JSON.stringify(publicJwk, null, '\t') + '\n');

const server = await startPostgrest({ adminUrl, database, jwk: publicJwk, port });
console.log(`Klankbord: PostgREST on ${server.url} (public key in ${jwkFile}). Run the app with:`);
console.log(`KLANKBORD_POSTGREST_URL=${server.url}`);

const stop = async () => {
	await server.stop();
	process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
void server.exited.then((code) => {
	console.error(`Klankbord: PostgREST stopped (${code}).`);
	process.exit(1);
});
