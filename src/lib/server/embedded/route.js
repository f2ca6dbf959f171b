// An in-process stand-in for PostgREST 12's `POST /rpc/<fn>`, handed to supabase-js as its fetch.
// It does what PostgREST does for one call, and nothing more: verify the JWT, switch role, expose
// the claims, call `api.<fn>` with named arguments, and answer with PostgREST's status and body.
// Where it differs from real PostgREST, it is wrong: tests/db runs every call against both.
// Plain JavaScript (JSDoc types) so `node scripts/retention.js` goes through this same route
// from a production install, where neither Vite nor TypeScript is present.
import { verifyJwt } from '../jwt.js';
import { errorResponse, jwtError, noFunction, statusForSqlState } from './errors.js';

/**
 * @typedef {import('@electric-sql/pglite').PGlite} PGlite
 * @typedef {import('@electric-sql/pglite').Transaction} Transaction
 * @typedef {{
 *   args: { name: string, type: string, required: boolean }[],
 *   returnsSet: boolean,
 *   returnsVoid: boolean
 * }} Fn
 * @typedef {{ role: string, claims: Record<string, unknown> } | Response} Identity
 * @typedef {{ code?: unknown, message?: unknown, detail?: unknown, hint?: unknown }} DbError
 * @typedef {{ names: string[] | null, modes: string[] | null, types: string[],
 *   ndefaults: number, retset: boolean, is_void: boolean }} ProcRow  one row of pg_proc, as read
 */

/** PGlite's session is a superuser: it could SET ROLE to anything, so we allow these only. */
const ROLES = new Set(['anon', 'authenticated', 'service_role']);
const NAME = /^[a-z_][a-z0-9_]*$/;
const SCHEMA = 'api';

const quote = (/** @type {string} */ identifier) => `"${identifier.replace(/"/g, '""')}"`;

/** @type {WeakMap<PGlite, Map<string, Fn[]>>} */
const schemaCaches = new WeakMap();

/**
 * Forget what `cachedLookup` learned of a database, after DDL outside a migration (as PostgREST's
 * NOTIFY pgrst, 'reload schema').
 * @param {PGlite} db
 */
export function reloadSchema(db) {
	schemaCaches.delete(db);
}

/**
 * `lookup`, remembered per database as PostgREST keeps its schema cache: the functions only change
 * with a migration, and those run before the first call. A name that matched nothing is asked
 * again next time. The lookup was a third of a small call's time, on every call.
 * @param {PGlite} db
 * @param {Transaction} tx
 * @param {string} name
 * @returns {Promise<Fn[]>}
 */
async function cachedLookup(db, tx, name) {
	let cache = schemaCaches.get(db);
	if (!cache) schemaCaches.set(db, (cache = new Map()));
	const known = cache.get(name);
	if (known) return known;
	const found = await lookup(tx, name);
	if (found.length > 0) cache.set(name, found);
	return found;
}

/**
 * Every function called api.<name>, with its input arguments, the way PostgREST's cache has them.
 * @param {Transaction} tx
 * @param {string} name
 * @returns {Promise<Fn[]>}
 */
async function lookup(tx, name) {
	const { rows } = /** @type {import('@electric-sql/pglite').Results<ProcRow>} */ (
		await tx.query(
			`select p.proargnames as names, p.proargmodes::text[] as modes,
			array(select pg_catalog.format_type(t, null)
				from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality as u(t, n)
				order by n) as types,
			p.pronargdefaults as ndefaults, p.proretset as retset,
			p.prorettype = 'pg_catalog.void'::pg_catalog.regtype as is_void
		from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
		where n.nspname = $1 and p.proname = $2 and p.prokind = 'f'`,
			[SCHEMA, name]
		)
	);
	return rows.map((row) => {
		const inputs = row.types
			.map((type, i) => ({ type, name: row.names?.[i] ?? '', mode: row.modes?.[i] ?? 'i' }))
			.filter((arg) => arg.mode === 'i' || arg.mode === 'b' || arg.mode === 'v');
		const firstOptional = inputs.length - row.ndefaults;
		return {
			args: inputs.map((arg, i) => ({
				name: arg.name,
				type: arg.type,
				required: i < firstOptional
			})),
			returnsSet: row.retset,
			returnsVoid: row.is_void
		};
	});
}

/**
 * PostgREST picks the overload whose parameters cover the body's keys and all required ones.
 * @param {Fn} fn
 * @param {string[]} keys
 */
function matches(fn, keys) {
	const names = new Set(fn.args.map((arg) => arg.name));
	return (
		keys.every((key) => names.has(key)) &&
		fn.args.every((arg) => !arg.required || keys.includes(arg.name))
	);
}

/**
 * The call as PostgREST builds it: arguments typed by json_to_record, so casts behave alike.
 * @param {string} name
 * @param {Fn} fn
 * @param {string[]} keys
 * @returns {string}
 */
function callSql(name, fn, keys) {
	const used = fn.args.filter((arg) => keys.includes(arg.name));
	const call = `${quote(SCHEMA)}.${quote(name)}(${used
		.map((arg) => `${quote(arg.name)} := _args.${quote(arg.name)}`)
		.join(', ')})`;
	const record = used.length
		? `json_to_record($1::json) as _args(${used.map((a) => `${quote(a.name)} ${a.type}`).join(', ')})`
		: null;
	if (fn.returnsSet) {
		const from = record ? `${record}, lateral ${call} as _result` : `${call} as _result`;
		return `select coalesce(json_agg(_result), '[]')::text as body from ${from}`;
	}
	const value = fn.returnsVoid ? `${call}::text` : `to_json(${call})::text`;
	return record ? `select ${value} as body from ${record}` : `select ${value} as body`;
}

/**
 * @param {Request} request
 * @returns {Identity}
 */
function identify(request) {
	const match = /^bearer\s+(.*)$/i.exec(request.headers.get('authorization') ?? '');
	const token = match?.[1].trim();
	// No token (or an empty one) is the anonymous role, exactly as in PostgREST.
	if (!token) return { role: 'anon', claims: { role: 'anon' } };
	const verified = verifyJwt(token);
	if (!verified.ok) return jwtError(verified.message);
	const role = verified.claims.role;
	if (role === undefined) return { role: 'anon', claims: { ...verified.claims, role: 'anon' } };
	return { role: typeof role === 'string' ? role : JSON.stringify(role), claims: verified.claims };
}

/**
 * A role we do not switch to gets the answer Postgres 15 gives PostgREST's authenticator.
 * @param {PGlite} db
 * @param {string} role
 * @returns {Promise<Response>}
 */
async function refuseRole(db, role) {
	const exists = (await db.query('select 1 from pg_catalog.pg_roles where rolname = $1', [role]))
		.rows.length;
	if (!exists) {
		return errorResponse(400, {
			code: '22023',
			message: `role "${role}" does not exist`,
			details: null,
			hint: null
		});
	}
	// authenticator may "become" itself, and then lacks usage on the api schema.
	const message =
		role === 'authenticator'
			? `permission denied for schema ${SCHEMA}`
			: `permission denied to set role "${role}"`;
	return errorResponse(403, { code: '42501', message, details: null, hint: null });
}

/**
 * @param {string} text
 * @returns {Record<string, unknown> | null}
 */
function parseBody(text) {
	if (text.trim() === '') return {};
	try {
		/** @type {unknown} */
		const value = JSON.parse(text);
		if (Array.isArray(value) && value.length === 0) return {};
		if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
			return /** @type {Record<string, unknown>} */ (value);
		}
	} catch {
		// falls through to the refusal below
	}
	return null;
}

/**
 * @param {PGlite} db
 * @param {Request} request
 * @returns {Promise<Response>}
 */
export async function handleRpc(db, request) {
	const url = new URL(request.url);
	const route = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(url.pathname);
	if (!route) {
		return errorResponse(404, {
			code: 'PGRST125',
			message: 'Invalid path specified in request URL',
			details: 'The embedded database answers POST /rest/v1/rpc/<function> only.',
			hint: null
		});
	}
	if (request.method !== 'POST') {
		return errorResponse(405, {
			code: 'PGRST101',
			message: `Cannot use the ${request.method} method on RPC`,
			details: 'The embedded database answers POST only.',
			hint: null
		});
	}
	const profile = request.headers.get('content-profile') ?? request.headers.get('accept-profile');
	if (profile !== null && profile !== SCHEMA) {
		return errorResponse(406, {
			code: 'PGRST106',
			message: `The schema must be one of the following: ${SCHEMA}`,
			details: null,
			hint: null
		});
	}
	const identity = identify(request);
	if (identity instanceof Response) return identity;
	if (!ROLES.has(identity.role)) return refuseRole(db, identity.role);

	const name = decodeURIComponent(route[1]);
	const body = parseBody(await request.text());
	if (body === null) {
		return errorResponse(400, {
			code: 'PGRST102',
			message: 'Empty or invalid json',
			details: null,
			hint: null
		});
	}
	const keys = Object.keys(body);
	if (!NAME.test(name)) return noFunction(name, keys);

	try {
		const result = await db.transaction(async (tx) => {
			const candidates = (await cachedLookup(db, tx, name)).filter((fn) => matches(fn, keys));
			if (candidates.length !== 1) return candidates.length;
			const [fn] = candidates;
			// SET LOCAL only: PGlite is one session shared by every request of this process.
			await tx.exec(`set local role ${identity.role}`);
			await tx.query(
				`select set_config('request.jwt.claims', $1, true), set_config('search_path', $2, true)`,
				[JSON.stringify(identity.claims), `${quote(SCHEMA)}, "public"`]
			);
			const sql = callSql(name, fn, keys);
			const { rows } =
				/** @type {import('@electric-sql/pglite').Results<{ body: string | null }>} */ (
					await tx.query(sql, sql.includes('$1') ? [JSON.stringify(body)] : [])
				);
			return { fn, body: rows[0]?.body ?? null };
		});
		if (typeof result === 'number') {
			if (result === 0) return noFunction(name, keys);
			return errorResponse(300, {
				code: 'PGRST203',
				message: `Could not choose the best candidate function for api.${name}`,
				details: null,
				hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
			});
		}
		if (result.fn.returnsVoid) return new Response(null, { status: 204 });
		return new Response(result.body ?? 'null', {
			status: 200,
			headers: { 'content-type': 'application/json; charset=utf-8' }
		});
	} catch (error) {
		const e = /** @type {DbError} */ (error);
		if (typeof e?.code !== 'string') throw error;
		return errorResponse(statusForSqlState(e.code, identity.role === 'anon'), {
			code: e.code,
			message: String(e.message ?? ''),
			details: typeof e.detail === 'string' ? e.detail : null,
			hint: typeof e.hint === 'string' ? e.hint : null
		});
	}
}

/**
 * A fetch for supabase-js that answers from PGlite instead of the network.
 * @param {() => Promise<PGlite>} getDb
 * @returns {typeof fetch}
 */
export function createRpcFetch(getDb) {
	return async (input, init) => {
		const db = await getDb();
		// PGlite runs in this thread and its queue of queries continues on microtasks: without a
		// turn of the event loop between calls, a burst of writes (a presenter moving ten times a
		// second) would keep the hall's new connections and stream writes waiting until it ends.
		await new Promise((resolve) => setImmediate(resolve));
		return handleRpc(db, new Request(input, init));
	};
}
