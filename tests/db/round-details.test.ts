// The round's details (issue 10): the evening's date, time and place and the retention period.
// Only the round's own coordinator sets them; every bad value is refused at its field and changes
// nothing. The role matrix covers every role and phase; this file covers the values.
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { ANON, createWorld, type World } from './fixtures';

const day = 864e5;
const hour = 36e5;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

describeBackends('the round details', (backend) => {
	let w: World;
	const good = () => ({
		p_starts_at: at(7 * day),
		p_ends_at: at(7 * day + 2 * hour),
		p_place: 'Dorpshuis De Brink',
		p_retention_months: 12
	});
	const set = (args: Record<string, unknown>, who = w.coordinator.claims, round = w.roundA.id) =>
		backend().rpc(who, 'round_set_details', { ...good(), ...args, p_round_id: round });
	const stored = async (round = w.roundA.id) =>
		(
			await backend().sql<{ place: string | null; months: number }>(
				`select evening_place as place, retention_months as months from app.rounds where id = $1`,
				[round]
			)
		)[0];

	beforeAll(async () => {
		w = await createWorld(backend());
	});

	test('the coordinator sets them, and round_get shows them', async () => {
		expect(
			(await set({ p_place: '  Dorpshuis De Brink  ', p_retention_months: 24 })).error
		).toBeNull();
		expect(await stored()).toEqual({ place: 'Dorpshuis De Brink', months: 24 });
		const got = await backend().rpc(w.coordinator.claims, 'round_get', { p_round_id: w.roundA.id });
		expect(got.data).toMatchObject({ evening_place: 'Dorpshuis De Brink', retention_months: 24 });
		expect((got.data as { evening_starts_at: string }).evening_starts_at).toBeTruthy();
	});

	test('each bad value is refused at its field and changes nothing', async () => {
		const cases: [Record<string, unknown>, string][] = [
			[{ p_starts_at: at(-day), p_ends_at: at(-day + hour) }, 'evening_date'],
			[{ p_starts_at: null }, 'evening_date'],
			[{ p_ends_at: at(7 * day - hour) }, 'evening_end'],
			[{ p_ends_at: at(9 * day) }, 'evening_end'],
			[{ p_place: ' x ' }, 'evening_place'],
			[{ p_place: 'x'.repeat(201) }, 'evening_place'],
			[{ p_retention_months: 0 }, 'retention_months'],
			[{ p_retention_months: 121 }, 'retention_months'],
			[{ p_retention_months: null }, 'retention_months']
		];
		for (const [args, hint] of cases) {
			const { error } = await set({ ...args, p_place: args.p_place ?? 'Ergens anders' });
			expect({ args, error: error && { message: error.message, hint: error.hint } }).toEqual({
				args,
				error: { message: 'invalid_input', hint }
			});
		}
		expect(await stored()).toEqual({ place: 'Dorpshuis De Brink', months: 24 });
	});

	test('nobody else sets them: another organisation, a municipal user, interviewers', async () => {
		const others: [unknown, string][] = [
			[w.otherCoordinator.claims, 'not_found'],
			[w.councillor.claims, 'not_allowed'],
			[w.author.claims, 'not_allowed'],
			[w.presenter.claims, 'not_allowed']
		];
		for (const [who, message] of others) {
			const { error } = await set({ p_place: 'Gekaapt' }, who as typeof w.coordinator.claims);
			expect(error?.message).toBe(message);
		}
		// Round X belongs to the other organisation: our coordinator does not reach it.
		expect((await set({}, w.coordinator.claims, w.roundOther.id)).error?.message).toBe('not_found');
		expect((await stored()).place).toBe('Dorpshuis De Brink');
		expect((await stored(w.roundOther.id)).place).toBeNull();
	});

	test('the public reads when and where by the evening code, and nothing else', async () => {
		const code = (
			await backend().sql<{ c: string }>(`select evening_code as c from app.rounds where id = $1`, [
				w.roundA.id
			])
		)[0].c;
		const { data, error } = await backend().rpc(ANON, 'evening_details', {
			p_evening_code: code.toLowerCase()
		});
		expect(error).toBeNull();
		expect(Object.keys(data as object).sort()).toEqual(
			['ends_at', 'evening_code', 'place', 'starts_at', 'title'].sort()
		);
		expect(data).toMatchObject({ place: 'Dorpshuis De Brink', evening_code: code });
		const unknown = await backend().rpc(ANON, 'evening_details', { p_evening_code: 'ZZZZZZZ' });
		expect(unknown.error?.message).toBe('not_found');
	});
});
