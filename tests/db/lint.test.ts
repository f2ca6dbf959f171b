// The database lint: the checks Supabase's splinter runs (SECURITY.md), as failing tests.
import { expect, test } from 'vitest';
import { describeBackends } from './harness';

/**
 * The only api functions the public (anon) may execute. round_verification and round_audit are
 * public on purpose (promise 3 and the audit trail): both return the sealed answer before the
 * evening opens, and nothing else.
 */
const ANON_ALLOWED = [
	'evening_board',
	'evening_findings',
	'evening_seq',
	'round_audit',
	'round_verification'
];
/** Session plumbing: the server itself (service_role) only. */
const SERVICE_ONLY = [
	'session_join',
	'session_login',
	'session_resolve',
	'session_revoke',
	'setup_needed',
	'setup_issue_token',
	'setup_complete',
	'react'
];
/** The server's own jobs: service_role only, never a person. */
const SERVICE_JOBS = ['retention_run'];

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
			'municipalities',
			'organisations',
			'questions',
			'reactions',
			'round_municipalities',
			'rounds',
			'sessions',
			'setup_tokens',
			'slides',
			'staff'
		]);
		expect(tables.filter((t) => !t.rls).map((t) => t.name)).toEqual([]);
		expect(tables.filter((t) => t.policies === 0).map((t) => t.name)).toEqual([]);
	});

	test('schema app holds no views (a view would bypass RLS unless security_invoker)', async () => {
		const views = await backend().sql(`
			select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
			where n.nspname in ('app', 'api') and c.relkind in ('v', 'm')
				and not coalesce(c.reloptions @> array['security_invoker=on'], false)`);
		expect(views).toEqual([]);
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
		expect(fns.filter((f) => f.anon_exec).map((f) => f.name)).toEqual(ANON_ALLOWED);
	});

	test('session plumbing is executable by service_role only', async () => {
		const fns = (await functions()).filter((f) => SERVICE_ONLY.includes(f.name));
		expect(fns.map((f) => f.name).sort()).toEqual([...SERVICE_ONLY].sort());
		for (const f of fns) {
			expect({ name: f.name, anon: f.anon_exec, authenticated: f.authenticated_exec }).toEqual({
				name: f.name,
				anon: false,
				authenticated: false
			});
			expect(f.service_exec).toBe(true);
		}
	});

	test('server jobs are executable by service_role only', async () => {
		const fns = (await functions()).filter((f) => SERVICE_JOBS.includes(f.name));
		expect(fns.map((f) => f.name).sort()).toEqual([...SERVICE_JOBS].sort());
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

	test('no policy grants a whole role USING (true)', async () => {
		const rows = await backend().sql(`
			select polname from pg_policy where pg_get_expr(polqual, polrelid) = 'true'`);
		expect(rows).toEqual([]);
	});

	test('password hashes are not readable by anon or authenticated', async () => {
		const [row] = await backend().sql<{ anon: boolean; authenticated: boolean }>(`
			select has_column_privilege('anon', 'app.staff', 'password_hash', 'SELECT') as anon,
				has_column_privilege('authenticated', 'app.staff', 'password_hash', 'SELECT') as authenticated`);
		expect(row).toEqual({ anon: false, authenticated: false });
	});
});
