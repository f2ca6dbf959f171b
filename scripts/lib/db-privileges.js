// Grants, default privileges and function settings: the part of a migration that the schema-diff
// tool (@pgkit/migra, scripts/db-diff.js) gets wrong or leaves out, measured in supabase/README.md:
// it writes no GRANT for a new function, no change of a function's grants, no column grants, no
// default privileges, and no change of a function's SET clauses (search_path,
// klankbord.finding_write); and it spells `grant all` out as the privileges Postgres 15 has, which
// is less than `all` on Postgres 17 and 18. So db-diff asks migra for the structure only, applies
// it, and then writes these statements from what the catalogs of the two databases still say.

/**
 * @typedef {{ query(sql: string): Promise<Record<string, unknown>[]> }} Reader
 * @typedef {{ kind: string, object: string, column: string | null, owner: string, grantee: string, privilege: string, grantable: boolean }} Grant
 */

const OURS = `not in ('pg_catalog', 'information_schema', 'pg_toast', 'supabase_migrations')`;
const grantee = (/** @type {string} */ oid) =>
	`case when ${oid} = 0 then 'public' else quote_ident(pg_get_userbyid(${oid})) end`;
const notFromExtension = (/** @type {string} */ classid, /** @type {string} */ objid) =>
	`not exists (select 1 from pg_depend d where d.classid = '${classid}'::regclass and d.objid = ${objid} and d.deptype = 'e')`;

// Every privilege on every object of ours, as (kind, object, column, grantee, privilege).
const GRANTS = `
	select 'schema' as kind, quote_ident(n.nspname) as object, null::text as column_name,
		quote_ident(pg_get_userbyid(n.nspowner)) as owner,
		${grantee('a.grantee')} as grantee, a.privilege_type as privilege, a.is_grantable as grantable
	from pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
	where n.nspname ${OURS} and n.nspname !~ '^pg_'
	union all
	select case when c.relkind = 'S' then 'sequence' else 'table' end,
		format('%I.%I', n.nspname, c.relname), null, quote_ident(pg_get_userbyid(c.relowner)),
		${grantee('a.grantee')}, a.privilege_type, a.is_grantable
	from pg_class c join pg_namespace n on n.oid = c.relnamespace,
		aclexplode(coalesce(c.relacl, acldefault(case when c.relkind = 'S' then 's' else 'r' end::"char", c.relowner))) a
	where n.nspname ${OURS} and n.nspname !~ '^pg_' and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
		and ${notFromExtension('pg_class', 'c.oid')}
	union all
	select 'column', format('%I.%I', n.nspname, c.relname), quote_ident(at.attname),
		quote_ident(pg_get_userbyid(c.relowner)), ${grantee('a.grantee')}, a.privilege_type, a.is_grantable
	from pg_attribute at join pg_class c on c.oid = at.attrelid
		join pg_namespace n on n.oid = c.relnamespace, aclexplode(at.attacl) a
	where n.nspname ${OURS} and n.nspname !~ '^pg_' and at.attnum > 0 and not at.attisdropped
		and at.attacl is not null
	union all
	select case when p.prokind = 'p' then 'procedure' else 'function' end,
		format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), null,
		quote_ident(pg_get_userbyid(p.proowner)), ${grantee('a.grantee')}, a.privilege_type, a.is_grantable
	from pg_proc p join pg_namespace n on n.oid = p.pronamespace,
		aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
	where n.nspname ${OURS} and n.nspname !~ '^pg_' and p.prokind in ('f', 'p')
		and ${notFromExtension('pg_proc', 'p.oid')}`;

// Default privileges: a missing global entry means Postgres' built-in defaults for that role.
const DEFAULTS = `
	with roles as (
		select distinct d.defaclrole as role from pg_default_acl d
		union select r.oid from pg_roles r where r.rolname = current_user
	), entries as (
		select d.defaclrole as role, d.defaclnamespace as nsp, d.defaclobjtype as objtype, d.defaclacl as acl
		from pg_default_acl d
		union all
		select r.role, 0, t.objtype, acldefault(t.objtype, r.role)
		from roles r cross join (values ('r'::"char"), ('S'), ('f'), ('T'), ('n')) as t (objtype)
		where not exists (select 1 from pg_default_acl d
			where d.defaclrole = r.role and d.defaclnamespace = 0 and d.defaclobjtype = t.objtype)
	)
	select case when e.role = (select oid from pg_roles where rolname = current_user) then null
			else quote_ident(pg_get_userbyid(e.role)) end as role,
		(select quote_ident(n.nspname) from pg_namespace n where n.oid = e.nsp) as schema,
		e.objtype::text as objtype, ${grantee('a.grantee')} as grantee, a.privilege_type as privilege,
		a.is_grantable as grantable
	from entries e, aclexplode(e.acl) a
	where a.grantee <> e.role`;

const SETTINGS = `
	select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as object,
		case when p.prokind = 'p' then 'procedure' else 'function' end as kind,
		coalesce(p.proconfig, '{}') as config
	from pg_proc p join pg_namespace n on n.oid = p.pronamespace
	where n.nspname ${OURS} and n.nspname !~ '^pg_' and p.prokind in ('f', 'p')
		and ${notFromExtension('pg_proc', 'p.oid')}`;

// What `all` means on this server, per kind of object (Postgres 17 added MAINTAIN on tables).
const ALL = `
	select k.kind, array_agg(a.privilege_type order by a.privilege_type)::text[] as privileges
	from (values ('schema', 'n'::"char"), ('table', 'r'), ('sequence', 's'), ('function', 'f'),
		('procedure', 'f'), ('column', 'r')) as k (kind, code),
		aclexplode(acldefault(k.code, 10)) a
	where k.kind <> 'column' or a.privilege_type in ('SELECT', 'INSERT', 'UPDATE', 'REFERENCES')
	group by k.kind`;

const OBJTYPE = { r: 'tables', S: 'sequences', f: 'functions', T: 'types', n: 'schemas' };

/** @param {unknown} value */
const list = (value) =>
	Array.isArray(value) ? value.map(String) : String(value).replace(/^{|}$/g, '').split(',');

/**
 * Read what db-diff compares.
 * @param {Reader} db
 */
export async function readPrivileges(db) {
	const all = new Map(
		(await db.query(ALL)).map((row) => [String(row.kind), new Set(list(row.privileges))])
	);
	return {
		grants: await db.query(GRANTS),
		defaults: await db.query(DEFAULTS),
		settings: await db.query(SETTINGS),
		all
	};
}

/** Group rows into "who holds which privileges" per object. */
function holdings(/** @type {Record<string, unknown>[]} */ rows, /** @type {string[]} */ keyOf) {
	/** @type {Map<string, { row: Record<string, unknown>, privileges: Set<string> }>} */
	const map = new Map();
	for (const row of rows) {
		const key = keyOf.map((k) => String(row[k])).join('\u0000');
		const entry = map.get(key) ?? { row, privileges: new Set() };
		entry.privileges.add(`${row.privilege}${row.grantable ? '*' : ''}`);
		map.set(key, entry);
	}
	return map;
}

/** `grant x on y to a;`, `grant x on y to b;` → `grant x on y to a, b;` (first place kept). */
function merged(/** @type {[string, string][]} */ pairs) {
	/** @type {Map<string, string[]>} */
	const roles = new Map();
	for (const [statement, who] of pairs)
		roles.set(statement, [...(roles.get(statement) ?? []), who]);
	return [...roles].map(([statement, who]) => `${statement} ${who.join(', ')};`);
}

const same = (/** @type {Set<string>} */ a, /** @type {Set<string>} */ b) =>
	a.size === b.size && [...a].every((x) => b.has(x));

/** `select, insert` or `all`, for a GRANT. */
function privilegeList(
	/** @type {string[]} */ privileges,
	/** @type {Set<string> | undefined} */ all,
	/** @type {string | null} */ column
) {
	const lower = privileges.map((p) => p.toLowerCase()).sort();
	// `grant all` where it means more than one privilege (tables, sequences, schemas, columns).
	if (all && all.size > 1 && [...all].every((p) => privileges.includes(p))) {
		return column ? `all (${column})` : 'all';
	}
	return column ? lower.map((p) => `${p} (${column})`).join(', ') : lower.join(', ');
}

/**
 * The statements that take database `from` to the grants, default privileges and function
 * settings of database `to`, for objects both have (run after the structural migration).
 * @param {Awaited<ReturnType<typeof readPrivileges>>} from
 * @param {Awaited<ReturnType<typeof readPrivileges>>} to
 * @returns {string[]}
 */
export function privilegeStatements(from, to) {
	/** @type {string[]} */
	const statements = [];
	const objectsIn = (/** @type {Record<string, unknown>[]} */ rows) =>
		new Set(rows.map((r) => `${r.kind}\u0000${r.object}\u0000${r.column_name}`));
	const fromObjects = objectsIn(from.grants);
	const toObjects = objectsIn(to.grants);

	// Object privileges, per (object, grantee): revoke what it holds, grant what it should hold.
	/** @type {[string, string][]} */
	const revokes = [];
	/** @type {[string, string][]} */
	const grants = [];
	const key = ['kind', 'object', 'column_name', 'grantee'];
	const before = holdings(
		from.grants.filter((r) => r.grantee !== r.owner),
		key
	);
	const after = holdings(
		to.grants.filter((r) => r.grantee !== r.owner),
		key
	);
	// Tables before their columns: a table-level REVOKE also takes the columns' privileges.
	const order = ['schema', 'table', 'sequence', 'column', 'function', 'procedure'];
	const keys = [...new Set([...before.keys(), ...after.keys()])].sort(
		(a, b) => order.indexOf(a.split('\u0000')[0]) - order.indexOf(b.split('\u0000')[0])
	);
	for (const k of keys) {
		const [kind, object, column, who] = k.split('\u0000');
		// A column exists where its table does (a column without grants has no row of its own).
		const objectKey =
			kind === 'column'
				? `table\u0000${object}\u0000null`
				: `${kind}\u0000${object}\u0000${column}`;
		// Objects the structure migration dropped or has not made are not ours to grant on.
		if (!fromObjects.has(objectKey) || !toObjects.has(objectKey)) continue;
		const had = before.get(k)?.privileges ?? new Set();
		const wants = after.get(k)?.privileges ?? new Set();
		if (same(had, wants)) continue;
		const col = column === 'null' ? null : column;
		const target = col ? `table ${object}` : `${kind === 'column' ? 'table' : kind} ${object}`;
		if (had.size > 0)
			revokes.push([`revoke ${col ? `all (${col})` : 'all'} on ${target} from`, who]);
		const plain = [...wants].filter((p) => !p.endsWith('*'));
		const grantable = [...wants].filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
		const all = to.all.get(col ? 'column' : kind);
		if (plain.length) grants.push([`grant ${privilegeList(plain, all, col)} on ${target} to`, who]);
		if (grantable.length) {
			const statement = `grant ${privilegeList(grantable, all, col)} on ${target} to`;
			grants.push([statement, `${who} with grant option`]);
		}
	}
	// All revokes before all grants (so no grant is undone), one statement per list of roles.
	statements.push(...merged(revokes), ...merged(grants));

	// Default privileges, per (role, schema, kind of object, grantee).
	const dkey = ['role', 'schema', 'objtype', 'grantee'];
	const dBefore = holdings(from.defaults, dkey);
	const dAfter = holdings(to.defaults, dkey);
	for (const k of [...new Set([...dBefore.keys(), ...dAfter.keys()])].sort()) {
		const [role, schema, objtype, who] = k.split('\u0000');
		const had = dBefore.get(k)?.privileges ?? new Set();
		const wants = dAfter.get(k)?.privileges ?? new Set();
		if (same(had, wants)) continue;
		// Without `for role` when it is the role running db:diff: the migration is then about
		// whoever runs it (postgres on Supabase), as the schema files are.
		const forRole = role === 'null' ? '' : ` for role ${role}`;
		const scope = `alter default privileges${forRole}${schema === 'null' ? '' : ` in schema ${schema}`}`;
		const on = OBJTYPE[/** @type {keyof typeof OBJTYPE} */ (objtype)];
		const strip = (/** @type {string} */ p) => p.replace(/\*$/, '').toLowerCase();
		const revoked = [...had].filter((p) => !wants.has(p)).map(strip);
		const granted = [...wants].filter((p) => !had.has(p)).map(strip);
		if (revoked.length)
			statements.push(`${scope} revoke ${revoked.join(', ')} on ${on} from ${who};`);
		if (granted.length) statements.push(`${scope} grant ${granted.join(', ')} on ${on} to ${who};`);
	}

	// Function settings (SET clauses): reset, then set each one the schema names.
	const settingsBefore = new Map(from.settings.map((r) => [String(r.object), r]));
	for (const row of to.settings) {
		const old = settingsBefore.get(String(row.object));
		if (!old) continue;
		const want = list(row.config).filter(Boolean);
		const had = list(old.config).filter(Boolean);
		if (want.join('\n') === had.join('\n')) continue;
		statements.push(`alter ${row.kind} ${row.object} reset all;`);
		for (const setting of want) {
			const at = setting.indexOf('=');
			const name = setting.slice(0, at);
			const value = setting.slice(at + 1);
			const literal =
				value === '""'
					? "''"
					: /^[\w.]+(, [\w.]+)*$/.test(value) && name === 'search_path'
						? value
						: `'${value.replace(/'/g, "''")}'`;
			statements.push(`alter ${row.kind} ${row.object} set ${name} = ${literal};`);
		}
	}
	return statements;
}
