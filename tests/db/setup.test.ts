// The first coordinator comes from a one-time setup link, and only while no staff exists. This file
// must not create staff before its tests run: it relies on the seeded database having none.
import { describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { SERVICE } from './fixtures';

describeBackends('first-run setup', (backend) => {
	const call = (fn: string, args: Record<string, unknown> = {}) => backend().rpc(SERVICE, fn, args);
	const complete = (token: string, overrides: Record<string, unknown> = {}) =>
		call('setup_complete', {
			p_token: token,
			p_organisation_name: 'CJG Noord-Veluwe',
			p_display_name: 'Coördinator Demo',
			p_email: 'Coordinator@Example.org',
			p_password: 'een-lang-wachtwoord',
			// The demo organisation has both already: nothing is added to the shared seed.
			p_municipalities: [
				{ cbs_code: 'GM0233', name: 'Ermelo' },
				{ cbs_code: 'GM0273', name: 'Putten' }
			],
			p_themes: ['Toegang', 'Bejegening', 'Samenwerking', 'Wachttijd', 'Resultaat'],
			...overrides
		});

	describe('in order', () => {
		let token: string;

		test('the seed has no staff, so setup is needed', async () => {
			expect(await call('setup_needed')).toMatchObject({ data: { needed: true }, error: null });
		});

		test('a token is issued and stored only as its hash', async () => {
			const { data, error } = await call('setup_issue_token');
			expect(error).toBeNull();
			token = (data as { token: string }).token;
			expect(token).toMatch(/^[\w-]{43}$/);
			const [row] = await backend().sql(
				`select count(*)::int as n from app.setup_tokens where token_hash = extensions.digest($1, 'sha256')`,
				[token]
			);
			expect(row).toEqual({ n: 1 });
		});

		test.each([
			['a short password', { p_password: 'kort' }, { message: 'invalid_input', hint: 'password' }],
			[
				'an empty name',
				{ p_display_name: ' ' },
				{ message: 'invalid_input', hint: 'display_name' }
			],
			['a bad e-mail', { p_email: 'geen-adres' }, { message: 'invalid_input', hint: 'email' }],
			[
				'an empty organisation',
				{ p_organisation_name: '' },
				{ message: 'invalid_input', hint: 'organisation_name' }
			],
			[
				'a municipality code that is no CBS code',
				{ p_municipalities: [{ cbs_code: 'XX0001', name: 'Nergenshuizen' }] },
				{ message: 'invalid_input', hint: 'municipalities' }
			],
			[
				'no municipality',
				{ p_municipalities: [] },
				{ message: 'invalid_input', hint: 'municipalities' }
			],
			['no theme', { p_themes: [' ', ''] }, { message: 'invalid_input', hint: 'themes' }],
			[
				'a theme that is too long',
				{ p_themes: ['Toegang', 'x'.repeat(61)] },
				{ message: 'invalid_input', hint: 'themes' }
			]
		])('%s is refused and creates nothing', async (_what, overrides, expected) => {
			const { error } = await complete(token, overrides);
			expect(error).toMatchObject({ code: 'P0001', ...expected });
			expect(await call('setup_needed')).toMatchObject({ data: { needed: true } });
		});

		test('a wrong token is refused', async () => {
			const { error } = await complete('fout-token');
			expect(error).toMatchObject({ code: 'P0001', message: 'setup_token_invalid' });
		});

		test('the token creates the first coordinator in the existing organisation', async () => {
			const { data, error } = await complete(token);
			expect(error).toBeNull();
			const [staff] = await backend().sql(
				`select s.role, s.email, o.name as organisation, s.password_hash like '$2a$10$%' as bcrypt10
				 from app.staff s join app.organisations o on o.id = s.organisation_id where s.id = $1`,
				[(data as { staff_id: string }).staff_id]
			);
			expect(staff).toEqual({
				role: 'coordinator',
				email: 'coordinator@example.org',
				organisation: 'CJG Noord-Veluwe',
				bcrypt10: true
			});
			const login = await call('session_login', {
				p_email: 'coordinator@example.org',
				p_password: 'een-lang-wachtwoord',
				p_client_key: 'setup-test'
			});
			expect(login.data).toMatchObject({ staff_id: (data as { staff_id: string }).staff_id });
		});

		test('afterwards: setup is not needed, no new token, the old token is spent', async () => {
			expect(await call('setup_needed')).toMatchObject({ data: { needed: false } });
			expect((await call('setup_issue_token')).error).toMatchObject({ code: '42501' });
			expect((await complete(token, { p_email: 'tweede@example.org' })).error).toMatchObject({
				message: 'setup_token_invalid'
			});
			const [row] = await backend().sql(`select count(*)::int as n from app.staff`);
			expect(row).toEqual({ n: 1 });
		});
	});
});
