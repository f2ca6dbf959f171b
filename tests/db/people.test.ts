// People: a coordinator invites with a one-time link that expires, the invited person sets a
// password and logs in, and loses access at once when revoked. Grants and revocations are in the
// public audit trail as organisation actions.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import {
	SERVICE,
	createOrganisation,
	createRound,
	createStaff,
	uid,
	type Round,
	type Staff
} from './fixtures';

describeBackends('people: invitations and revocation', (backend) => {
	let org: Awaited<ReturnType<typeof createOrganisation>>;
	let otherOrg: Awaited<ReturnType<typeof createOrganisation>>;
	let coordinator: Staff;
	let otherCoordinator: Staff;
	let round: Round;
	beforeAll(async () => {
		org = await createOrganisation(backend());
		otherOrg = await createOrganisation(backend());
		coordinator = await createStaff(backend(), org.id, 'coordinator');
		otherCoordinator = await createStaff(backend(), otherOrg.id, 'coordinator');
		round = await createRound(backend(), org, 'veldwerk');
	});

	const invite = async (role: string, municipalityIds: string[], who = coordinator) =>
		backend().rpc(who.claims, 'invitation_create', {
			p_role: role,
			p_municipality_ids: municipalityIds
		});
	const tokenOf = async (role: string, municipalityIds: string[]) => {
		const { data, error } = await invite(role, municipalityIds);
		expect(error).toBeNull();
		return (data as { token: string }).token;
	};
	const accept = (token: string, email = `raad-${uid()}@example.org`) =>
		backend().rpc(SERVICE, 'invitation_accept', {
			p_token: token,
			p_display_name: 'Raadslid Bakker',
			p_email: email,
			p_password: 'een-lang-wachtwoord'
		});
	const login = (email: string) =>
		backend().rpc(SERVICE, 'session_login', {
			p_email: email,
			p_password: 'een-lang-wachtwoord',
			p_client_key: `key-${uid()}`
		});
	const trail = async () => {
		const { data } = await backend().rpc(coordinator.claims, 'round_audit', {
			p_evening_code: round.eveningCode
		});
		return (data as { events: { kind: string; actor_name: string; subject_name: string }[] })
			.events;
	};

	test('a municipal user opens the link, sets a password, logs in, and the grant is public', async () => {
		const token = await tokenOf('municipal', [org.municipalityIds[0]]);
		const info = await backend().rpc(SERVICE, 'invitation_lookup', { p_token: token });
		expect(info.data).toMatchObject({ role: 'municipal', municipalities: [expect.any(String)] });
		const email = `raad-${uid()}@example.org`;
		const { data, error } = await accept(token, email);
		expect(error).toBeNull();
		const staffId = (data as { staff_id: string }).staff_id;
		const [links] = await backend().sql<{ ids: string[] }>(
			`select array_agg(municipality_id) as ids from app.staff_municipalities where staff_id = $1`,
			[staffId]
		);
		expect(links.ids).toEqual([org.municipalityIds[0]]);
		const session = await login(email);
		expect(session.data).toMatchObject({ staff_id: staffId });
		expect(await trail()).toContainEqual(
			expect.objectContaining({ kind: 'access_granted', subject_name: 'Raadslid Bakker' })
		);
	});

	describe('a link works once, until it expires or is withdrawn', () => {
		test('a reused link is refused and makes no second account', async () => {
			const token = await tokenOf('coordinator', []);
			expect((await accept(token)).error).toBeNull();
			const again = await accept(token);
			expect(again.error).toMatchObject({ code: 'P0001', message: 'invitation_invalid' });
			const lookup = await backend().rpc(SERVICE, 'invitation_lookup', { p_token: token });
			expect(lookup.error).toMatchObject({ message: 'invitation_invalid' });
		});

		test('an expired link is refused', async () => {
			const token = await tokenOf('municipal', [org.municipalityIds[1]]);
			await backend().sql(
				`update app.invitations set expires_at = now() - interval '1 minute'
				 where token_hash = extensions.digest($1, 'sha256')`,
				[token]
			);
			const email = `laat-${uid()}@example.org`;
			expect((await accept(token, email)).error).toMatchObject({ message: 'invitation_invalid' });
			const [row] = await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.staff where email = $1`,
				[email]
			);
			expect(row.n).toBe(0);
		});

		test('a withdrawn link is refused', async () => {
			const { data } = await invite('coordinator', []);
			const { id, token } = data as { id: string; token: string };
			const withdraw = await backend().rpc(coordinator.claims, 'invitation_withdraw', {
				p_invitation_id: id
			});
			expect(withdraw.error).toBeNull();
			expect((await accept(token)).error).toMatchObject({ message: 'invitation_invalid' });
		});

		test('a short password is refused at its field and the link still works', async () => {
			const token = await tokenOf('coordinator', []);
			const short = await backend().rpc(SERVICE, 'invitation_accept', {
				p_token: token,
				p_display_name: 'Kees',
				p_email: `kees-${uid()}@example.org`,
				p_password: 'kort'
			});
			expect(short.error).toMatchObject({ message: 'invalid_input', hint: 'password' });
			expect((await accept(token)).error).toBeNull();
		});
	});

	describe('who may invite whom', () => {
		test.each([
			['a municipal user without municipalities', 'municipal', () => []],
			['a coordinator tied to a municipality', 'coordinator', () => [org.municipalityIds[0]]],
			['a municipality of another organisation', 'municipal', () => [otherOrg.municipalityIds[0]]],
			['an unknown kind of account', 'beheerder', () => []]
		])('%s is refused', async (_what, role, ids) => {
			const { error } = await invite(role, ids());
			expect(error).toMatchObject({ message: 'invalid_input' });
		});

		test('a municipal user cannot invite, list people or revoke', async () => {
			const officer = await createStaff(backend(), org.id, 'municipal', [org.municipalityIds[0]]);
			expect((await invite('coordinator', [], officer)).error).toMatchObject({
				message: 'not_allowed'
			});
			expect((await backend().rpc(officer.claims, 'people_list')).error).toMatchObject({
				message: 'not_allowed'
			});
			const revoke = await backend().rpc(officer.claims, 'staff_revoke', {
				p_staff_id: coordinator.id
			});
			expect(revoke.error).toMatchObject({ message: 'not_allowed' });
		});
	});

	describe('revocation', () => {
		test('takes effect at the next request, ends the sessions and is public', async () => {
			const officer = await createStaff(backend(), org.id, 'municipal', [org.municipalityIds[0]]);
			expect((await backend().rpc(officer.claims, 'staff_me')).error).toBeNull();
			const { error } = await backend().rpc(coordinator.claims, 'staff_revoke', {
				p_staff_id: officer.id
			});
			expect(error).toBeNull();
			expect((await backend().rpc(officer.claims, 'staff_me')).error).toMatchObject({
				message: 'not_allowed'
			});
			const resolved = await backend().rpc(SERVICE, 'session_resolve', { p_token: officer.token });
			expect(resolved.data).toBeNull();
			const list = await backend().rpc(coordinator.claims, 'people_list');
			const people = (list.data as { people: { id: string; revoked_at: string | null }[] }).people;
			const listed = people.find((p) => p.id === officer.id);
			expect(listed).toBeDefined();
			expect(listed?.revoked_at).toEqual(expect.any(String));
			expect(people.find((p) => p.id === coordinator.id)?.revoked_at).toBeNull();
			expect(await trail()).toContainEqual(
				expect.objectContaining({ kind: 'access_revoked', actor_name: expect.any(String) })
			);
		});

		test('nobody revokes themselves, nor someone of another organisation', async () => {
			const self = await backend().rpc(coordinator.claims, 'staff_revoke', {
				p_staff_id: coordinator.id
			});
			expect(self.error).toMatchObject({ message: 'revoke_self' });
			const other = await backend().rpc(otherCoordinator.claims, 'staff_revoke', {
				p_staff_id: coordinator.id
			});
			expect(other.error).toMatchObject({ code: 'P0002', message: 'not_found' });
			expect((await backend().rpc(coordinator.claims, 'staff_me')).error).toBeNull();
		});

		test('another organisation sees none of our people or invitations', async () => {
			await tokenOf('coordinator', []);
			const { data } = await backend().rpc(otherCoordinator.claims, 'people_list');
			const list = data as { people: { id: string }[]; invitations: unknown[] };
			expect(list.people.map((p) => p.id)).toEqual([otherCoordinator.id]);
			expect(list.invitations).toEqual([]);
			const { rows } = await backend().asRole(
				otherCoordinator.claims,
				`select id from app.invitations where organisation_id = $1`,
				[org.id]
			);
			expect(rows).toEqual([]);
		});
	});
});
