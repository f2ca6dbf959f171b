// E-mail notices (issue 13, item 2): an interviewer who chose to leave an e-mail address hears of
// a new response to a finding of their round. The address is stored for that alone: only the
// interviewer themself reads, changes or removes it (at once); coordinators, municipal users,
// other interviewers and the public cannot, not through the api and not on the table directly;
// only the server (service_role) learns the round's addresses, for a response just posted, and
// without any text of the finding or the response; the round's retention erases them.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import { ANON, SERVICE, createWorld, identities, openEvening, type World } from './fixtures';

const MINE = 'mirjam@voorbeeld.example';
const HERS = 'collega@voorbeeld.example';
const ROUND_B = 'ronde-b@voorbeeld.example';

describeBackends('e-mail notices of new responses', (backend) => {
	let w: World;
	let others: Array<[string, Claims]>;

	const setAddress = (who: Claims, email: unknown) =>
		backend().rpc(who, 'notice_address_set', { p_email: email });
	const stored = async () =>
		(
			await backend().sql<{ email: string }>(
				`select email from app.notice_addresses order by email`
			)
		).map((r) => r.email);

	beforeAll(async () => {
		w = await createWorld(backend());
		const all = identities(w);
		// Everyone but the author: the other interviewers of the round too.
		others = Object.entries(all).filter(([name]) => name !== 'author');
	});

	describe('leaving an address', () => {
		test('the interviewer leaves one and reads it back; bad input changes nothing', async () => {
			for (const bad of ['', 'geen-adres', 'a b@c.nl', `${'x'.repeat(250)}@a.nl`, null]) {
				const { error } = await setAddress(w.author.claims, bad);
				expect(error, String(bad)).toMatchObject({ message: 'invalid_input', hint: 'email' });
			}
			expect(await stored()).toEqual([]);
			expect((await setAddress(w.author.claims, `  ${MINE} `)).error).toBeNull();
			const { data } = await backend().rpc(w.author.claims, 'notice_address');
			expect(data).toEqual({ email: MINE });
		});

		test.each([
			['anon', ANON],
			['a coordinator', 'coordinator'],
			['a municipal user', 'councillor']
		] as const)('%s cannot leave, read or remove one', async (_, who) => {
			const claims = typeof who === 'string' ? w[who].claims : who;
			for (const [fn, args] of [
				['notice_address_set', { p_email: 'indringer@voorbeeld.example' }],
				['notice_address', {}],
				['notice_address_remove', {}]
			] as const) {
				const { error } = await backend().rpc(claims, fn, args);
				expect(error, fn).toMatchObject({ code: '42501' });
			}
			expect(await stored()).toEqual([MINE]);
		});

		test('another interviewer sees only their own (none yet), and removes only their own', async () => {
			const { data } = await backend().rpc(w.colleague.claims, 'notice_address');
			expect(data).toEqual({ email: null });
			expect((await backend().rpc(w.colleague.claims, 'notice_address_remove')).error).toBeNull();
			expect(await stored()).toEqual([MINE]);
		});
	});

	describe('the table itself', () => {
		test('nobody but the interviewer reads the address', async () => {
			const mine = await backend().asRole(
				w.author.claims,
				`select email from app.notice_addresses`
			);
			expect(mine.rows).toEqual([{ email: MINE }]);
			for (const [name, claims] of [...others, ['service_role', SERVICE] as [string, Claims]]) {
				const { rows, error } = await backend().asRole(
					claims,
					`select email from app.notice_addresses`
				);
				// anon and service_role have no grant at all; the rest see no row.
				if (error) expect(error.code, name).toBe('42501');
				expect(rows, name).toEqual([]);
			}
		});

		test('nobody else changes it, removes it, or leaves one in the interviewer’s name', async () => {
			for (const [name, claims] of [...others, ['service_role', SERVICE] as [string, Claims]]) {
				for (const sql of [
					`update app.notice_addresses set email = 'indringer@voorbeeld.example'`,
					`delete from app.notice_addresses`
				]) {
					const { error } = await backend().asRole(claims, sql);
					if (error) expect(error.code, `${name}: ${sql}`).toBe('42501');
				}
				const insert = await backend().asRole(
					claims,
					`insert into app.notice_addresses (interviewer_id, round_id, email)
					 values ($1, $2, 'indringer@voorbeeld.example')
					 on conflict (interviewer_id) do update set email = excluded.email`,
					[w.author.id, w.roundA.id]
				);
				expect(insert.error?.code, name).toBe('42501');
			}
			expect(await stored()).toEqual([MINE]);
		});

		test('an interviewer cannot leave an address for another round', async () => {
			const { error } = await backend().asRole(
				w.colleague.claims,
				`insert into app.notice_addresses (interviewer_id, round_id, email)
				 values ($1, $2, 'collega@voorbeeld.example')`,
				[w.colleague.id, w.roundB.id]
			);
			expect(error?.code).toBe('42501');
			expect(await stored()).toEqual([MINE]);
		});
	});

	describe('after a response is posted', () => {
		let responseId: string;

		beforeAll(async () => {
			expect((await setAddress(w.colleague.claims, HERS)).error).toBeNull();
			expect((await setAddress(w.interviewerB.claims, ROUND_B)).error).toBeNull();
			await openEvening(backend(), w);
			const closed = await backend().rpc(w.presenter.claims, 'evening_close', {
				p_round_id: w.roundA.id
			});
			expect(closed.error).toBeNull();
			const published = await backend().rpc(w.coordinator.claims, 'round_publish', {
				p_round_id: w.roundA.id
			});
			expect(published.error).toBeNull();
			const posted = await backend().rpc(w.councillor.claims, 'response_post', {
				p_finding_id: w.findingId,
				p_status: 'wordt_opgepakt',
				p_body: 'Het antwoord zelf staat niet in het berichtje.',
				p_reason: null,
				p_planned_for: null
			});
			expect(posted.error).toBeNull();
			responseId = (posted.data as { id: string }).id;
		});

		test('only the server learns who to tell, and nothing of the finding or the answer', async () => {
			for (const [name, claims] of [...others, ['author', w.author.claims] as [string, Claims]]) {
				const { error } = await backend().rpc(claims, 'response_notices', {
					p_response_id: responseId
				});
				expect(error?.code, name).toBe('42501');
			}
			const { data, error } = await backend().rpc(SERVICE, 'response_notices', {
				p_response_id: responseId
			});
			expect(error).toBeNull();
			expect(data).toEqual({
				round_title: expect.stringMatching(/^Testronde /),
				finding_id: w.findingId,
				response_id: responseId,
				status: 'wordt_opgepakt',
				// The round's own interviewers who chose it; not round B's.
				recipients: [MINE, HERS]
			});
			expect(JSON.stringify(data)).not.toContain(w.secret);
			expect(JSON.stringify(data)).not.toContain('berichtje');
		});

		test('a response that does not exist, or is old, tells nobody', async () => {
			const unknown = await backend().rpc(SERVICE, 'response_notices', {
				p_response_id: '00000000-0000-4000-8000-000000000000'
			});
			expect(unknown.error).toMatchObject({ code: 'P0002' });
		});

		test('removing the address works at once', async () => {
			expect((await backend().rpc(w.author.claims, 'notice_address_remove')).error).toBeNull();
			expect((await backend().rpc(w.author.claims, 'notice_address')).data).toEqual({
				email: null
			});
			const { data } = await backend().rpc(SERVICE, 'response_notices', {
				p_response_id: responseId
			});
			expect((data as { recipients: string[] }).recipients).toEqual([HERS]);
		});

		test('the round’s retention erases its addresses, and no new one can be left', async () => {
			const run = await backend().rpc(SERVICE, 'retention_run', {
				p_now: new Date(Date.now() + 100 * 365 * 86400000).toISOString()
			});
			expect(run.error).toBeNull();
			expect(await stored()).toEqual([ROUND_B]);
			const again = await setAddress(w.colleague.claims, HERS);
			expect(again.error).toMatchObject({ message: 'wrong_state' });
			expect(await stored()).toEqual([ROUND_B]);
		});
	});
});
