// The database lint: the checks Supabase's splinter runs (SECURITY.md), as failing tests.
import { expect, test } from 'vitest';
import { describeBackends } from './harness';
// The allow-lists live with the role matrix, which checks that its table agrees with them.
import { ANON_EXECUTABLE, SERVICE_JOBS, SERVICE_ONLY } from './matrix/expectations';

type Fn = {
	schema: string;
	name: string;
	security_definer: boolean;
	config: string[] | null;
	public_exec: boolean;
	anon_exec: boolean;
	authenticated_exec: boolean;
	service_exec: boolean;
};

describeBackends('database lint', (backend) => {
	const functions = () =>
		backend().sql<Fn>(`
			select n.nspname as schema, p.proname as name, p.prosecdef as security_definer,
				p.proconfig as config,
				exists (select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
					where a.grantee = 0 and a.privilege_type = 'EXECUTE') as public_exec,
				has_function_privilege('anon', p.oid, 'EXECUTE') as anon_exec,
				has_function_privilege('authenticated', p.oid, 'EXECUTE') as authenticated_exec,
				has_function_privilege('service_role', p.oid, 'EXECUTE') as service_exec
			from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname in ('app', 'api')
			order by 1, 2`);

	test('every table in app has row level security enabled and at least one policy', async () => {
		const tables = await backend().sql<{ name: string; rls: boolean; policies: number }>(`
			select c.relname as name, c.relrowsecurity as rls,
				(select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'app' and c.relkind in ('r', 'p')
			order by 1`);
		// A new table shows up here first, so nobody adds one without thinking about its policies.
		expect(tables.map((t) => t.name)).toEqual([
			'answers',
			'audit_events',
			'auth_attempts',
			'chain_entries',
			'evening_events',
			'evenings',
			'findings',
			'interviewers',
			'interviews',
			'invitations',
			'municipalities',
			'notice_addresses',
			'organisations',
			'presenter_confirmations',
			'question_authors',
			'questions',
			'reaction_taps',
			'reactions',
			'rehearsal_reactions',
			'responses',
			'result_links',
			'round_municipalities',
			'rounds',
			'sessions',
			'setup_tokens',
			'slide_notes',
			'slides',
			'staff',
			'staff_municipalities',
			'team_agreements',
			'team_look_backs',
			'teams',
			'verdicts'
		]);
		expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
		expect(tables.filter((t) => t.policies === 0).map((t) => t.name)).toEqual([]);
	});

	test('no view bypasses RLS: app, api and public hold none without security_invoker (0010)', async () => {
		const views = await backend().sql(`
			select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname in ('app', 'api', 'public') and c.relkind in ('v', 'm')
				and not coalesce(c.reloptions @> array['security_invoker=on'], false)`);
		expect(views).toEqual([]);
	});

	test('the exposed schema api holds functions only: no table, view or sequence', async () => {
		const relations = await backend().sql(`
			select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'api'`);
		expect(relations).toEqual([]);
	});

	test('schema public (exposed by default on Supabase) holds no tables, views or functions', async () => {
		// Objects that belong to an extension are the extension's business (and none should be here).
		const objects = await backend().sql(`
			select 'relation' as kind, c.relname as name from pg_class c
				join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'public'
				and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype = 'e')
			union all
			select 'function', p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			where n.nspname = 'public'
				and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`);
		expect(objects).toEqual([]);
	});

	test('no extension is installed in schema public (0014)', async () => {
		const rows = await backend().sql(`
			select e.extname from pg_extension e join pg_namespace n on n.oid = e.extnamespace
			where n.nspname = 'public'`);
		expect(rows).toEqual([]);
	});

	test('no table anywhere has policies while RLS is off (0007)', async () => {
		const rows = await backend().sql(`
			select n.nspname, c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where not c.relrowsecurity and exists (select 1 from pg_policy p where p.polrelid = c.oid)`);
		expect(rows).toEqual([]);
	});

	test('every app table has a primary key (0004)', async () => {
		const rows = await backend().sql(`
			select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname = 'app' and c.relkind = 'r'
				and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')`);
		expect(rows).toEqual([]);
	});

	test('every function in app and api has a fixed, empty search_path', async () => {
		const fns = await functions();
		expect(fns.length).toBeGreaterThan(40);
		const loose = fns.filter((f) => !(f.config ?? []).some((c) => /^search_path=(""|)$/.test(c)));
		expect(loose.map((f) => `${f.schema}.${f.name}`)).toEqual([]);
	});

	test('no function in app or api is executable by PUBLIC', async () => {
		const fns = await functions();
		expect(fns.filter((f) => f.public_exec).map((f) => `${f.schema}.${f.name}`)).toEqual([]);
	});

	test('anon may execute only the public evening functions of api', async () => {
		const fns = (await functions()).filter((f) => f.schema === 'api');
		expect(fns.filter((f) => f.anon_exec).map((f) => f.name)).toEqual([...ANON_EXECUTABLE].sort());
	});

	test('session plumbing and server jobs are executable by service_role only', async () => {
		const serverOnly = [...SERVICE_ONLY, ...SERVICE_JOBS];
		const fns = (await functions()).filter((f) => serverOnly.includes(f.name));
		expect(fns.map((f) => f.name).sort()).toEqual([...serverOnly].sort());
		for (const f of fns) {
			expect({ name: f.name, anon: f.anon_exec, authenticated: f.authenticated_exec }).toEqual({
				name: f.name,
				anon: false,
				authenticated: false
			});
			expect(f.service_exec).toBe(true);
		}
	});

	test('service_role executes nothing in api beyond session plumbing and server jobs', async () => {
		const fns = (await functions()).filter((f) => f.schema === 'api' && f.service_exec);
		expect(fns.map((f) => f.name).sort()).toEqual([...SERVICE_ONLY, ...SERVICE_JOBS].sort());
	});

	test('anon and authenticated cannot delete from any app table', async () => {
		const rows = await backend().sql<{ name: string; role: string }>(`
			select c.relname as name, r.role
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			cross join (values ('anon'), ('authenticated')) as r (role)
			where n.nspname = 'app' and c.relkind = 'r'
				and has_table_privilege(r.role, c.oid, 'DELETE')`);
		expect(rows).toEqual([]);
	});

	test('anon and authenticated cannot truncate (which skips RLS), or add triggers or references', async () => {
		const rows = await backend().sql<{ name: string; role: string; privilege: string }>(`
			select c.relname as name, r.role, p.privilege
			from pg_class c join pg_namespace n on n.oid = c.relnamespace
			cross join (values ('anon'), ('authenticated')) as r (role)
			cross join (values ('TRUNCATE'), ('TRIGGER'), ('REFERENCES')) as p (privilege)
			where n.nspname = 'app' and c.relkind = 'r'
				and has_table_privilege(r.role, c.oid, p.privilege)`);
		expect(rows).toEqual([]);
	});

	test('no policy grants a whole role USING (true) or WITH CHECK (true) (0024)', async () => {
		const rows = await backend().sql(`
			select polname from pg_policy
			where pg_get_expr(polqual, polrelid) = 'true' or pg_get_expr(polwithcheck, polrelid) = 'true'`);
		expect(rows).toEqual([]);
	});

	test('no policy reads user-editable metadata from the JWT (0015)', async () => {
		const rows = await backend().sql(`
			select polname from pg_policy
			where concat(pg_get_expr(polqual, polrelid), ' ', pg_get_expr(polwithcheck, polrelid))
				~* '(user_metadata|raw_user_meta_data)'`);
		expect(rows).toEqual([]);
	});

	test('functions created later start without EXECUTE for PUBLIC (default privileges)', async () => {
		// supabase/schemas/schemas.sql revokes it for the role that runs the migrations; a new function
		// then needs an explicit grant before anon or authenticated can call it (0028/0029).
		const rows = await backend().sql<{ acl: string }>(`
			select d.defaclacl::text as acl from pg_default_acl d
			where d.defaclobjtype = 'f' and d.defaclnamespace = 0`);
		expect(rows.length).toBeGreaterThan(0);
		for (const { acl } of rows) expect(acl).not.toMatch(/[{,]=X/);
	});

	test('password hashes are not readable by anon or authenticated', async () => {
		const [row] = await backend().sql<{ anon: boolean; authenticated: boolean }>(`
			select has_column_privilege('anon', 'app.staff', 'password_hash', 'SELECT') as anon,
				has_column_privilege('authenticated', 'app.staff', 'password_hash', 'SELECT') as authenticated`);
		expect(row).toEqual({ anon: false, authenticated: false });
	});
});
