// Limits that stop attackers, not halls (issue 8, item 6; api/session.sql). Wrong join codes
// and failed logins are counted per device (10) and per network address (100) over 15 minutes,
// joins per round are capped, a real code of a closed round counts as wrong, and an account
// under attack is slowed for the attacking clients but never locked for a clean one.
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

describeBackends('limits', (backend) => {
	let round: Round;
	let closed: Round;
	let coordinator: Staff;
	beforeAll(async () => {
		const org = await createOrganisation(backend());
		round = await createRound(backend(), org, 'veldwerk');
		closed = await createRound(backend(), org, 'gepubliceerd');
		coordinator = await createStaff(backend(), org.id, 'coordinator');
	});

	const join = (
		code: string,
		address: string,
		device: string,
		name = `Ouder ${uid().slice(0, 6)}`
	) =>
		backend().rpc(SERVICE, 'session_join', {
			p_code: code,
			p_display_name: name,
			p_client_key: address,
			p_device_key: device
		});
	const login = (email: string, password: string, address: string, device: string) =>
		backend().rpc(SERVICE, 'session_login', {
			p_email: email,
			p_password: password,
			p_client_key: address,
			p_device_key: device
		});
	const typo = (code: string) => `${code.slice(0, 7)}${code[7] === 'X' ? 'Y' : 'X'}`;

	describe('join codes', () => {
		test('fifteen devices on one Wi-Fi address, each making typos, all get in', async () => {
			const address = `wifi-${uid()}`;
			for (let person = 0; person < 15; person++) {
				const device = `phone-${uid()}`;
				for (let i = 0; i < 3; i++) {
					expect((await join(typo(round.joinCode), address, device)).data).toEqual({
						error: 'join_code_unknown'
					});
				}
				const { data, error } = await join(round.joinCode, address, device);
				expect(error).toBeNull();
				expect(data).toMatchObject({ round_id: round.id });
			}
		});

		test('ten wrong codes block that device only, not its neighbours on the same address', async () => {
			const address = `wifi-${uid()}`;
			const device = `phone-${uid()}`;
			for (let i = 0; i < 10; i++) await join(typo(round.joinCode), address, device);
			expect((await join(round.joinCode, address, device)).error).toMatchObject({
				message: 'rate_limited'
			});
			expect((await join(round.joinCode, address, `phone-${uid()}`)).error).toBeNull();
		});

		test('a hundred wrong codes from one address block it, whatever device is claimed', async () => {
			const address = `wifi-${uid()}`;
			await backend().sql(
				`insert into app.auth_attempts (kind, client_key, device_key, succeeded)
				 select 'join', $1, 'cookie-' || n, false from generate_series(1, 99) as n`,
				[address]
			);
			// The 100th wrong try is still answered; then the address is blocked for a fresh device too.
			expect((await join(typo(round.joinCode), address, `phone-${uid()}`)).data).toEqual({
				error: 'join_code_unknown'
			});
			expect((await join(round.joinCode, address, `phone-${uid()}`)).error).toMatchObject({
				message: 'rate_limited'
			});
		});

		test('a real code of a closed round counts as a wrong try', async () => {
			const address = `wifi-${uid()}`;
			const device = `phone-${uid()}`;
			for (let i = 0; i < 10; i++) {
				expect((await join(closed.joinCode, address, device)).data).toEqual({
					error: 'round_not_open'
				});
			}
			expect((await join(round.joinCode, address, device)).error).toMatchObject({
				message: 'rate_limited'
			});
		});

		test('a round takes at most 200 joins in 15 minutes', async () => {
			const org = await createOrganisation(backend());
			const busy = await createRound(backend(), org, 'veldwerk');
			await backend().sql(
				`insert into app.auth_attempts (kind, client_key, device_key, succeeded, round_id)
				 select 'join', 'a-' || n, 'd-' || n, true, $1 from generate_series(1, 199) as n`,
				[busy.id]
			);
			expect((await join(busy.joinCode, `wifi-${uid()}`, `phone-${uid()}`)).error).toBeNull();
			expect((await join(busy.joinCode, `wifi-${uid()}`, `phone-${uid()}`)).error).toMatchObject({
				message: 'rate_limited'
			});
		});
	});

	describe('coordinator login', () => {
		test('the right password gets in from a clean client while others guess, and is told how often', async () => {
			const org = await createOrganisation(backend());
			const staff = await createStaff(backend(), org.id, 'coordinator');
			// Ten addresses, three guesses each: today's lock-out would have refused everyone.
			for (let client = 0; client < 10; client++) {
				const address = `attacker-${uid()}`;
				for (let i = 0; i < 3; i++) await login(staff.email, `fout-${i}`, address, address);
			}
			const { data, error } = await login(
				staff.email,
				staff.password,
				`home-${uid()}`,
				`laptop-${uid()}`
			);
			expect(error).toBeNull();
			expect(data).toMatchObject({ staff_id: staff.id, failed_attempts: expect.any(Number) });
			// Some guesses were slowed down (login_wait, not counted); every counted one is told.
			const [{ n }] = await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.auth_attempts where email = $1 and not succeeded`,
				[staff.email]
			);
			expect((data as { failed_attempts: number }).failed_attempts).toBe(n);
			expect(n).toBeGreaterThanOrEqual(5);
			// Told once: the next login counts from this one.
			const again = await login(staff.email, staff.password, `home-${uid()}`, `laptop-${uid()}`);
			expect(again.data).toMatchObject({ failed_attempts: 0 });
		});

		test('a client that keeps guessing waits longer and longer; the account is never locked', async () => {
			const org = await createOrganisation(backend());
			const staff = await createStaff(backend(), org.id, 'coordinator');
			const address = `attacker-${uid()}`;
			for (let i = 0; i < 5; i++) {
				expect((await login(staff.email, 'fout', address, address)).data).toEqual({
					error: 'login_failed'
				});
			}
			// Five failures: this client must wait (2 s, then 4, 8 … up to 60), even with the password.
			expect((await login(staff.email, staff.password, address, address)).error).toMatchObject({
				message: 'login_wait'
			});
			await backend().sql(
				`update app.auth_attempts set created_at = created_at - interval '61 seconds' where email = $1`,
				[staff.email]
			);
			expect((await login(staff.email, staff.password, address, address)).error).toBeNull();
		});

		test('ten failures block that device, not another one', async () => {
			const address = `office-${uid()}`;
			const device = `pc-${uid()}`;
			for (let i = 0; i < 10; i++) {
				await backend().sql(
					`insert into app.auth_attempts (kind, client_key, device_key, email, succeeded)
					 values ('login', $1, $2, $3, false)`,
					[address, device, `iemand-${uid()}@example.org`]
				);
			}
			expect(
				(await login(coordinator.email, coordinator.password, address, device)).error
			).toMatchObject({
				message: 'rate_limited'
			});
			expect(
				(await login(coordinator.email, coordinator.password, address, `pc-${uid()}`)).error
			).toBeNull();
		});
	});
});
