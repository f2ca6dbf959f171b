// "Nobody can override the presenters": while the evening runs, the organisation cannot sign a
// presenter out. (Making or unmaking presenters is not the organisation's at all: see
// presenters-peers.test.ts.)
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createWorld, makePresenter, openEvening, SERVICE, type World } from './fixtures';

describeBackends('presenters rule the live evening', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
		// A second presenter for the evening, to log out during it (below).
		await makePresenter(backend(), w.roundA.id, w.colleague.id);
	});

	const revoke = (id: string) =>
		backend().rpc(w.coordinator.claims, 'interviewer_revoke', { p_interviewer_id: id });
	const liveSessions = async (id: string) =>
		(
			await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.sessions where interviewer_id = $1 and revoked_at is null`,
				[id]
			)
		)[0].n;

	test('while the evening is live: a presenter cannot be signed out, an interviewer can', async () => {
		await openEvening(backend(), w);
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

	test('after the evening closes the coordinator may sign a presenter out', async () => {
		const { error } = await backend().rpc(w.presenter.claims, 'evening_close', {
			p_round_id: w.roundA.id
		});
		expect(error).toBeNull();
		expect((await revoke(w.presenter.id)).error).toBeNull();
		expect(await liveSessions(w.presenter.id)).toBe(0);
	});
});
