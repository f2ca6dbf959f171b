// "Nobody can override the presenters": while the evening runs, the organisation cannot make or
// unmake presenters, nor sign one out. Before opening and after closing it can.
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createWorld, openEvening, SERVICE, type World } from './fixtures';

describeBackends('presenters rule the live evening', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	const setPresenter = (id: string, on: boolean) =>
		backend().rpc(w.coordinator.claims, 'interviewer_set_presenter', {
			p_interviewer_id: id,
			p_is_presenter: on
		});
	const revoke = (id: string) =>
		backend().rpc(w.coordinator.claims, 'interviewer_revoke', { p_interviewer_id: id });
	const isPresenter = async (id: string) =>
		(
			await backend().sql<{ is_presenter: boolean }>(
				`select is_presenter from app.interviewers where id = $1`,
				[id]
			)
		)[0].is_presenter;
	const liveSessions = async (id: string) =>
		(
			await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.sessions where interviewer_id = $1 and revoked_at is null`,
				[id]
			)
		)[0].n;

	test('before the evening a coordinator makes and unmakes presenters', async () => {
		expect((await setPresenter(w.author.id, true)).error).toBeNull();
		expect(await isPresenter(w.author.id)).toBe(true);
		expect((await setPresenter(w.author.id, false)).error).toBeNull();
		expect(await isPresenter(w.author.id)).toBe(false);
		// A second presenter for the evening, to log out during it (below).
		expect((await setPresenter(w.colleague.id, true)).error).toBeNull();
	});

	test('while the evening is live: no new presenter, no presenter taken away', async () => {
		await openEvening(backend(), w);
		expect((await setPresenter(w.author.id, true)).error).toMatchObject({
			code: 'P0001',
			message: 'evening_live'
		});
		expect(await isPresenter(w.author.id)).toBe(false);
		expect((await setPresenter(w.presenter.id, false)).error).toMatchObject({
			message: 'evening_live'
		});
		expect(await isPresenter(w.presenter.id)).toBe(true);
		// Saying what already is changes nothing and is not refused.
		expect((await setPresenter(w.presenter.id, true)).error).toBeNull();
	});

	test('while the evening is live: a presenter cannot be signed out, an interviewer can', async () => {
		const before = await liveSessions(w.presenter.id);
		expect(before).toBeGreaterThan(0);
		expect((await revoke(w.presenter.id)).error).toMatchObject({ message: 'evening_live' });
		expect(await liveSessions(w.presenter.id)).toBe(before);
		expect((await backend().rpc(w.presenter.claims, 'interviewer_me')).error).toBeNull();

		expect((await revoke(w.author.id)).error).toBeNull();
		expect(await liveSessions(w.author.id)).toBe(0);
	});

	test('a presenter may still log out themselves during the evening', async () => {
		const { error } = await backend().rpc(SERVICE, 'session_revoke', {
			p_token: w.colleague.token
		});
		expect(error).toBeNull();
		expect(await liveSessions(w.colleague.id)).toBe(0);
	});

	test('after the evening closes the coordinator manages presenters again', async () => {
		const { error } = await backend().rpc(w.presenter.claims, 'evening_close', {
			p_round_id: w.roundA.id
		});
		expect(error).toBeNull();
		expect((await setPresenter(w.presenter.id, false)).error).toBeNull();
		expect(await isPresenter(w.presenter.id)).toBe(false);
		expect((await revoke(w.presenter.id)).error).toBeNull();
		expect(await liveSessions(w.presenter.id)).toBe(0);
	});
});
