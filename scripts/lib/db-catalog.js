// A database's schema as a flat list of facts read from the Postgres catalog, so two databases can
// be compared fact by fact: the drift check (tests/db/schema-drift.test.ts) and `npm run db:diff`
// use it to prove that supabase/migrations and supabase/schemas build the same database.
// Catalog queries, not pg_dump text: they read the same on PGlite (Postgres 18) and Postgres 15,
// ignore what does not matter (statement order, whitespace in a policy, the order of GRANTs) and
// name exactly the object that differs. Compare two databases of the same Postgres version only:
// the deparsed text of an expression may differ between major versions.

/**
 * @typedef {{ query(sql: string): Promise<Record<string, unknown>[]> }} CatalogReader
 * @typedef {{ key: string, migrations: string | null, schemas: string | null }} Difference
 */

// Schemas the platform or the runner owns, and Postgres' own.
const SKIPPED_SCHEMAS = `('pg_catalog', 'information_schema', 'pg_toast', 'supabase_migrations')`;
const ours = (/** @type {string} */ column) =>
	`${column} not in ${SKIPPED_SCHEMAS} and ${column} !~ '^pg_(temp|toast_temp)_'`;
// Objects an extension created are the extension's (pgcrypto's functions in `extensions`).
const notFromExtension = (/** @type {string} */ classid, /** @type {string} */ objid) =>
	`not exists (select 1 from pg_depend d where d.classid = '${classid}'::regclass and d.objid = ${objid} and d.deptype = 'e')`;

/** An ACL as sorted text; null means the default for that kind of object (`kind`: SQL, a "char"). */
const acl = (
	/** @type {string} */ value,
	/** @type {string} */ kind,
	/** @type {string} */ owner
) => `
	(select coalesce(string_agg(x.item, ' ' order by x.item), '-') from (
		select (case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end)
			|| '=' || a.privilege_type || (case when a.is_grantable then '*' else '' end)
			|| '/' || pg_get_userbyid(a.grantor) as item
		from aclexplode(coalesce(${value}, acldefault(${kind}, ${owner}))) a
	) x)`;

/** One query per kind of object; each returns rows of (key, value). */
const QUERIES = {
	schemas: `
		select 'schema ' || n.nspname as key,
			'owner ' || pg_get_userbyid(n.nspowner) || '; acl ' || ${acl('n.nspacl', `'n'`, 'n.nspowner')} as value
		from pg_namespace n where ${ours('n.nspname')}`,

	relations: `
		select 'relation ' || n.nspname || '.' || c.relname as key,
			'kind ' || c.relkind::text || '; owner ' || pg_get_userbyid(c.relowner)
			|| '; rls ' || c.relrowsecurity || '; force rls ' || c.relforcerowsecurity
			|| '; options ' || coalesce(array_to_string(c.reloptions, ','), '-')
			|| '; acl ' || ${acl('c.relacl', `(case when c.relkind = 'S' then 's' else 'r' end)::"char"`, 'c.relowner')}
			|| coalesce('; comment ' || obj_description(c.oid, 'pg_class'), '') as value
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where ${ours('n.nspname')} and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f', 'c')
			and ${notFromExtension('pg_class', 'c.oid')}`,

	// Position counts live columns only: a dropped column leaves a gap that changes nothing.
	columns: `
		select 'column ' || n.nspname || '.' || c.relname || '.' || a.attname as key,
			'#' || row_number() over (partition by c.oid order by a.attnum)
			|| ' ' || format_type(a.atttypid, a.atttypmod)
			|| case when a.attnotnull then ' not null' else '' end
			|| coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
			|| case a.attidentity when 'a' then ' identity always' when 'd' then ' identity by default' else '' end
			|| case a.attgenerated when 's' then ' generated stored' else '' end
			|| coalesce(' collate ' || nullif(co.collname, 'default'), '')
			|| coalesce('; acl ' || (select string_agg(x.item, ' ' order by x.item) from (
				select (case when g.grantee = 0 then 'PUBLIC' else pg_get_userbyid(g.grantee) end)
					|| '=' || g.privilege_type || (case when g.is_grantable then '*' else '' end)
					|| '/' || pg_get_userbyid(g.grantor) as item
				from aclexplode(a.attacl) g) x), '')
			|| coalesce('; comment ' || col_description(c.oid, a.attnum), '') as value
		from pg_attribute a
		join pg_class c on c.oid = a.attrelid
		join pg_namespace n on n.oid = c.relnamespace
		left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
		left join pg_collation co on co.oid = a.attcollation and a.attcollation <> 0
			and co.oid <> (select t.typcollation from pg_type t where t.oid = a.atttypid)
		where ${ours('n.nspname')} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'c')
			and a.attnum > 0 and not a.attisdropped
			and ${notFromExtension('pg_class', 'c.oid')}`,

	views: `
		select 'view ' || n.nspname || '.' || c.relname as key, pg_get_viewdef(c.oid) as value
		from pg_class c join pg_namespace n on n.oid = c.relnamespace
		where ${ours('n.nspname')} and c.relkind in ('v', 'm') and ${notFromExtension('pg_class', 'c.oid')}`,

	constraints: `
		select 'constraint ' || n.nspname || '.' || c.relname || ' ' || k.conname as key,
			pg_get_constraintdef(k.oid) as value
		from pg_constraint k
		join pg_class c on c.oid = k.conrelid
		join pg_namespace n on n.oid = c.relnamespace
		where ${ours('n.nspname')}`,

	indexes: `
		select 'index ' || n.nspname || '.' || i.relname as key, pg_get_indexdef(i.oid) as value
		from pg_index x
		join pg_class i on i.oid = x.indexrelid
		join pg_namespace n on n.oid = i.relnamespace
		where ${ours('n.nspname')} and ${notFromExtension('pg_class', 'i.oid')}`,

	policies: `
		select 'policy ' || n.nspname || '.' || c.relname || ' "' || p.polname || '"' as key,
			'for ' || case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update'
				when 'd' then 'delete' else 'all' end
			|| case when p.polpermissive then '' else ' restrictive' end
			|| ' to ' || (select string_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end, ',' order by 1)
				from unnest(p.polroles) r)
			|| coalesce(' using (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')
			|| coalesce(' with check (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '') as value
		from pg_policy p
		join pg_class c on c.oid = p.polrelid
		join pg_namespace n on n.oid = c.relnamespace
		where ${ours('n.nspname')}`,

	// The whole definition (arguments, result, language, volatility, security, SET clauses such as
	// search_path and klankbord.finding_write, and the body as written), then its grants apart.
	functions: `
		select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as key,
			pg_get_functiondef(p.oid) as value
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where ${ours('n.nspname')} and p.prokind in ('f', 'p')
			and ${notFromExtension('pg_proc', 'p.oid')}
		union all
		select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') settings',
			coalesce(array_to_string(p.proconfig, ', '), '-')
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where ${ours('n.nspname')} and p.prokind in ('f', 'p')
			and ${notFromExtension('pg_proc', 'p.oid')}
		union all
		select 'function ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') acl',
			'owner ' || pg_get_userbyid(p.proowner) || '; acl ' || ${acl('p.proacl', `'f'`, 'p.proowner')}
			|| coalesce('; comment ' || obj_description(p.oid, 'pg_proc'), '')
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where ${ours('n.nspname')} and p.prokind in ('f', 'p')
			and ${notFromExtension('pg_proc', 'p.oid')}`,

	// tgenabled: O = origin (normal), A = always (also in replica mode), R = replica only, D = off.
	triggers: `
		select 'trigger ' || n.nspname || '.' || c.relname || ' ' || t.tgname as key,
			pg_get_triggerdef(t.oid) || '; enabled ' || t.tgenabled::text as value
		from pg_trigger t
		join pg_class c on c.oid = t.tgrelid
		join pg_namespace n on n.oid = c.relnamespace
		where ${ours('n.nspname')} and not t.tgisinternal`,

	types: `
		select 'type ' || n.nspname || '.' || t.typname as key,
			'kind ' || t.typtype::text || '; owner ' || pg_get_userbyid(t.typowner)
			|| coalesce('; labels ' || (select string_agg(e.enumlabel, ',' order by e.enumsortorder)
				from pg_enum e where e.enumtypid = t.oid), '')
			|| coalesce('; base ' || format_type(nullif(t.typbasetype, 0), t.typtypmod), '')
			|| '; acl ' || ${acl('t.typacl', `'T'`, 't.typowner')} as value
		from pg_type t join pg_namespace n on n.oid = t.typnamespace
		where ${ours('n.nspname')} and t.typtype in ('e', 'd', 'r', 'm')
			and ${notFromExtension('pg_type', 't.oid')}`,

	sequences: `
		select 'sequence ' || n.nspname || '.' || c.relname as key,
			format_type(s.seqtypid, null) || ' start ' || s.seqstart || ' increment ' || s.seqincrement
			|| ' min ' || s.seqmin || ' max ' || s.seqmax || ' cache ' || s.seqcache
			|| case when s.seqcycle then ' cycle' else '' end as value
		from pg_sequence s
		join pg_class c on c.oid = s.seqrelid
		join pg_namespace n on n.oid = c.relnamespace
		where ${ours('n.nspname')}`,

	defaultPrivileges: `
		select 'default privileges for ' || pg_get_userbyid(d.defaclrole)
			|| coalesce(' in schema ' || n.nspname, '') || ' on ' || d.defaclobjtype::text as key,
			(select coalesce(string_agg(x.item, ' ' order by x.item), '-') from (
				select (case when a.grantee = 0 then 'PUBLIC' else pg_get_userbyid(a.grantee) end)
					|| '=' || a.privilege_type || (case when a.is_grantable then '*' else '' end) as item
				from aclexplode(d.defaclacl) a) x) as value
		from pg_default_acl d left join pg_namespace n on n.oid = d.defaclnamespace`
};

/**
 * Read the schema of one database.
 * @param {CatalogReader} db
 * @returns {Promise<Map<string, string>>}
 */
export async function readCatalog(db) {
	/** @type {Map<string, string>} */
	const facts = new Map();
	for (const [kind, sql] of Object.entries(QUERIES)) {
		for (const row of await db.query(sql)) {
			const key = String(row.key);
			if (facts.has(key)) throw new Error(`Klankbord: catalog fact read twice (${kind}): ${key}`);
			facts.set(key, String(row.value));
		}
	}
	return facts;
}

/**
 * Every fact that is not the same in both, in key order.
 * @param {Map<string, string>} migrations  the database built from supabase/migrations
 * @param {Map<string, string>} schemas  the database built from supabase/schemas
 * @returns {Difference[]}
 */
export function compareCatalogs(migrations, schemas) {
	const keys = [...new Set([...migrations.keys(), ...schemas.keys()])].sort();
	/** @type {Difference[]} */
	const differences = [];
	for (const key of keys) {
		const a = migrations.get(key) ?? null;
		const b = schemas.get(key) ?? null;
		if (a !== b) differences.push({ key, migrations: a, schemas: b });
	}
	return differences;
}

/** A report a person can act on: what differs, and how. */
export function describeDifferences(/** @type {Difference[]} */ differences) {
	return differences
		.map(({ key, migrations, schemas }) => {
			if (migrations === null) return `+ ${key}\n    only in supabase/schemas: ${schemas}`;
			if (schemas === null) return `- ${key}\n    only in supabase/migrations: ${migrations}`;
			return `~ ${key}\n    migrations: ${migrations}\n    schemas:    ${schemas}`;
		})
		.join('\n');
}
