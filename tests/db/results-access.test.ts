// Who reaches a round's results, and when: the public link (made, replaced, revoked; stored
// hashed), the setting k, and the organisations kept apart. The role matrix covers every role
// and phase for round_results; this file follows one round through its life.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { ANON, createWorld, identities, openEvening, type World } from './fixtures';

describeBackends('results of a round', (backend) => {
	let w: World;
	const results = (who: string) =>
		backend().rpc(identities(w)[who], 'round_results', { p_round_id: w.roundA.id });
	const publicResults = (token: string, who = ANON) =>
		backend().rpc(who, 'results_public', { p_token: token });
	const setK = (k: number, who = w.coordinator.claims) =>
		backend().rpc(who, 'round_set_min_cell', { p_round_id: w.roundA.id, p_min_cell: k });

	beforeAll(async () => {
		w = await createWorld(backend());
	});

	describe('before publication', () => {
		test('k from 3 to 11 is set by the coordinator; anything else is refused at its field', async () => {
			expect((await setK(2)).error).toMatchObject({ message: 'invalid_input', hint: 'min_cell' });
			expect((await setK(12)).error).toMatchObject({ message: 'invalid_input', hint: 'min_cell' });
			expect((await setK(7, w.councillor.claims)).error).toMatchObject({ message: 'not_allowed' });
			expect((await setK(7, w.otherCoordinator.claims)).error).toMatchObject({
				message: 'not_found'
			});
			expect((await setK(3)).error).toBeNull();
			const [row] = await backend().sql<{ k: number }>(
				`select results_min_cell as k from app.rounds where id = $1`,
				[w.roundA.id]
			);
			expect(row.k).toBe(3);
		});

		test('a link that exists before publication (made around the api) shows nothing', async () => {
			await backend().sql(
				`insert into app.result_links (round_id, token_hash) values ($1, extensions.digest('vroeg-gemaakt', 'sha256'))`,
				[w.roundA.id]
			);
			for (const phase of ['fieldwork', 'evening']) {
				if (phase === 'evening') await openEvening(backend(), w);
				expect({ phase, error: (await publicResults('vroeg-gemaakt')).error?.message }).toEqual({
					phase,
					error: 'not_found'
				});
				expect((await results('coordinator')).error).toMatchObject({ message: 'wrong_state' });
				const link = await backend().rpc(w.coordinator.claims, 'results_link_create', {
					p_round_id: w.roundA.id
				});
				expect(link.error).toMatchObject({ message: 'wrong_state' });
			}
			await backend().sql(`delete from app.result_links where round_id = $1`, [w.roundA.id]);
		});
	});

	describe('once published', () => {
		let token: string;
		beforeAll(async () => {
			const b = backend();
			expect(
				(await b.rpc(w.presenter.claims, 'evening_close', { p_round_id: w.roundA.id })).error
			).toBeNull();
			expect(
				(await b.rpc(w.coordinator.claims, 'round_publish', { p_round_id: w.roundA.id })).error
			).toBeNull();
		});

		test('staff of the organisation see the results; another organisation does not', async () => {
			const { data, error } = await results('councillor');
			expect(error).toBeNull();
			expect(data).toMatchObject({ round: { id: w.roundA.id }, min_cell: 3, public_link: null });
			expect((await results('coordinator of another organisation')).error).toMatchObject({
				message: 'not_found'
			});
			// Round B of the same organisation is not published: its results are not there.
			const b = await backend().rpc(w.coordinator.claims, 'round_results', {
				p_round_id: w.roundB.id
			});
			expect(b.error).toMatchObject({ message: 'wrong_state' });
		});

		test('k can no longer change: results with two values of k could be compared', async () => {
			expect((await setK(11)).error).toMatchObject({ message: 'wrong_state' });
		});

		test('the coordinator makes a link; anyone with it reads the same results, without an account', async () => {
			const made = await backend().rpc(w.coordinator.claims, 'results_link_create', {
				p_round_id: w.roundA.id
			});
			expect(made.error).toBeNull();
			token = (made.data as { token: string }).token;
			expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			const { data, error } = await publicResults(token);
			expect(error).toBeNull();
			const staff = (await results('coordinator')).data as Record<string, unknown>;
			expect(staff.public_link).toMatchObject({ created_at: expect.any(String) });
			// The same document, less what only the organisation needs to know.
			const { public_link: _, ...shared } = staff;
			expect(data).toEqual(shared);
			expect(JSON.stringify(data)).not.toContain(w.roundOther.id);
		});

		test('only the hash of the token is stored', async () => {
			const rows = await backend().sql<{ row: string }>(
				`select row_to_json(l)::text as row from app.result_links l where l.round_id = $1`,
				[w.roundA.id]
			);
			expect(rows.length).toBeGreaterThan(0);
			for (const r of rows) expect(r.row).not.toContain(token);
			const [hit] = await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.result_links where token_hash = extensions.digest($1, 'sha256')`,
				[token]
			);
			expect(hit.n).toBe(1);
		});

		test('a councillor cannot make or revoke a link', async () => {
			for (const fn of ['results_link_create', 'results_link_revoke'])
				expect(
					(await backend().rpc(w.councillor.claims, fn, { p_round_id: w.roundA.id })).error
				).toMatchObject({ message: 'not_allowed' });
			expect((await publicResults(token)).error).toBeNull();
		});

		test('a new link replaces the old one; revoking ends the link at once', async () => {
			const again = await backend().rpc(w.coordinator.claims, 'results_link_create', {
				p_round_id: w.roundA.id
			});
			const second = (again.data as { token: string }).token;
			expect((await publicResults(token)).error).toMatchObject({ message: 'not_found' });
			expect((await publicResults(second)).error).toBeNull();
			expect(
				(
					await backend().rpc(w.coordinator.claims, 'results_link_revoke', {
						p_round_id: w.roundA.id
					})
				).error
			).toBeNull();
			expect((await publicResults(second)).error).toMatchObject({ message: 'not_found' });
			expect(
				((await results('coordinator')).data as { public_link: unknown }).public_link
			).toBeNull();
		});

		test('the link is not the way into another organisation: a made-up token finds nothing', async () => {
			expect((await publicResults('')).error).toMatchObject({ message: 'not_found' });
			expect((await publicResults('x'.repeat(43))).error).toMatchObject({ message: 'not_found' });
		});
	});
});
