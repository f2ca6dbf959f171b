// The hall's reactions (api.react) on both backends: three kinds, one of each per phone per slide,
// a second tap takes it back, and ceilings per phone and per address that refuse politely
// (rate_limited) and count taps, not reactions, so tapping on and off does not get around them.
import { describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { SERVICE, uid } from './fixtures';

type Answer = { position: number; counts: Record<string, number>; mine: string[] };

describeBackends('reactions from the hall', (backend) => {
	const react = (kind: string, phone: string, address: string | null = `addr-${uid()}`) =>
		backend().rpc(SERVICE, 'react', {
			p_evening_code: 'JONG27',
			p_kind: kind,
			p_client_key: phone,
			...(address ? { p_address_key: address } : {})
		});

	describe('one of each per phone per slide', () => {
		test('three kinds, a second tap takes one back, other phones count too', async () => {
			const phone = `phone-${uid()}`;
			const before = ((await react('meer_weten', `other-${uid()}`)).data as Answer).counts;
			const a = (await react('herkenbaar', phone)).data as Answer;
			const b = (await react('meer_weten', phone)).data as Answer;
			expect(b.mine).toEqual(['herkenbaar', 'meer_weten']);
			expect(b.counts.meer_weten).toBe(before.meer_weten + 1);
			expect(a.counts.herkenbaar).toBe(before.herkenbaar + 1);
			const undone = (await react('herkenbaar', phone)).data as Answer;
			expect(undone.mine).toEqual(['meer_weten']);
			expect(undone.counts.herkenbaar).toBe(before.herkenbaar);
			expect(undone.position).toBe(0);
		});

		test('an unknown kind is refused at its field', async () => {
			const { error } = await react('boos', `phone-${uid()}`);
			expect(error).toMatchObject({ message: 'invalid_input', hint: 'kind' });
		});
	});

	describe('ceilings', () => {
		test('a phone gets 30 taps a minute, on and off alike; then a polite refusal', async () => {
			const phone = `phone-${uid()}`;
			for (let i = 0; i < 30; i++) {
				const { error } = await react('verrast', phone);
				expect(error).toBeNull();
			}
			const { error } = await react('verrast', phone);
			expect(error).toMatchObject({ message: 'rate_limited' });
			// Another phone in the same hall is not held up by it.
			expect((await react('verrast', `phone-${uid()}`)).error).toBeNull();
		});

		test('an address gets 1500 taps a minute: a whole hall on one Wi-Fi, not more', async () => {
			const address = `hall-${uid()}`;
			// 1499 taps of this minute, by other phones behind the same address.
			const [{ round_id }] = await backend().sql<{ round_id: string }>(
				`select id as round_id from app.rounds where evening_code = 'JONG27'`
			);
			await backend().sql(
				`insert into app.reaction_taps (round_id, client_key, address_key)
				 select $1, 'hall-phone-' || g, $2 from generate_series(1, 1499) g`,
				[round_id, address]
			);
			expect((await react('herkenbaar', `phone-${uid()}`, address)).error).toBeNull();
			const { error } = await react('herkenbaar', `phone-${uid()}`, address);
			expect(error).toMatchObject({ message: 'rate_limited' });
		});
	});
});
