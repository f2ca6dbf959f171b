// The team learning loop (issue 13, items 3 and 4; API.md "Teams"). Teams are made by a
// coordinator; a published finding is a card drawn blindly at a team meeting; the team's
// agreement has a look-back date, on which the card comes back. Team notes are invisible to the
// public, to municipal users and to other organisations; nothing of this exists before
// publication; bad input is refused with a reason code and changes nothing.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import { ANON, createFinding, createWorld, type World } from './fixtures';

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

type Meeting = {
	team: { id: string; name: string };
	on: string;
	cards: number;
	undiscussed: number;
	due: Array<{ agreement_id: string; body: string; card: { finding_id: string } }>;
	agreements: Array<{ agreement_id: string; look_back: string | null }>;
};

describeBackends('the team learning loop', (backend) => {
	let w: World;
	let team: string;
	let otherTeam: string;
	let agreement: string;
	let secondFinding: string;

	const rpc = (who: Claims, fn: string, args: Record<string, unknown> = {}) =>
		backend().rpc(who, fn, args);
	const record = (who: Claims, args: Record<string, unknown> = {}) =>
		rpc(who, 'team_agreement_record', {
			p_team_id: team,
			p_finding_id: w.findingId,
			p_body: 'We bellen elk gezin binnen een week terug.',
			p_owner: 'Teamleider jeugd',
			p_look_back_on: day(14),
			p_publish: true,
			...args
		});
	const agreements = async () =>
		Number(
			(
				await backend().sql<{ n: string }>(
					`select count(*) as n from app.team_agreements where team_id = $1`,
					[team]
				)
			)[0].n
		);

	beforeAll(async () => {
		const b = backend();
		w = await createWorld(b, 'veldwerk');
		secondFinding = await createFinding(b, w.roundA, w.colleague, `${w.secret}-2`);
		const made = await rpc(w.coordinator.claims, 'team_create', { p_name: '  Wijkteam Noord ' });
		expect(made.error).toBeNull();
		team = (made.data as { id: string }).id;
		const other = await rpc(w.otherCoordinator.claims, 'team_create', { p_name: 'Wijkteam Noord' });
		expect(other.error).toBeNull();
		otherTeam = (other.data as { id: string }).id;
	});

	describe('teams', () => {
		test('a coordinator makes, renames and lists the teams of their own organisation', async () => {
			const list = await rpc(w.coordinator.claims, 'teams_list');
			expect(list.data).toEqual([expect.objectContaining({ id: team, name: 'Wijkteam Noord' })]);
			const taken = await rpc(w.coordinator.claims, 'team_create', { p_name: 'wijkteam noord' });
			expect(taken.error).toMatchObject({ message: 'name_taken', hint: 'name' });
			const empty = await rpc(w.coordinator.claims, 'team_create', { p_name: '   ' });
			expect(empty.error).toMatchObject({ message: 'invalid_input', hint: 'name' });
			const renamed = await rpc(w.coordinator.claims, 'team_rename', {
				p_team_id: team,
				p_name: 'Wijkteam Noord-Oost'
			});
			expect(renamed.error).toBeNull();
			expect((await rpc(w.coordinator.claims, 'teams_list')).data).toEqual([
				expect.objectContaining({ name: 'Wijkteam Noord-Oost' })
			]);
		});

		test('a municipal user, an interviewer and the public cannot reach teams', async () => {
			for (const who of [w.councillor.claims, w.author.claims]) {
				expect((await rpc(who, 'teams_list')).error).toMatchObject({ message: 'not_allowed' });
				expect((await rpc(who, 'team_create', { p_name: 'Indringers' })).error).toMatchObject({
					message: 'not_allowed'
				});
				expect((await rpc(who, 'team_meeting', { p_team_id: team })).error).toMatchObject({
					message: 'not_allowed'
				});
			}
			expect((await rpc(ANON, 'teams_list')).error).not.toBeNull();
			// Another organisation's coordinator: the team does not exist for them.
			for (const fn of ['team_meeting', 'team_draw']) {
				expect((await rpc(w.otherCoordinator.claims, fn, { p_team_id: team })).error).toMatchObject(
					{ message: 'not_found' }
				);
			}
			expect(
				(
					await rpc(w.otherCoordinator.claims, 'team_rename', {
						p_team_id: team,
						p_name: 'Van ons'
					})
				).error
			).toMatchObject({ message: 'not_found' });
			// Nobody but the server reads the tables themselves.
			for (const who of [ANON, w.coordinator.claims, w.councillor.claims]) {
				const { error } = await backend().asRole(who, `select * from app.teams`);
				expect(error?.code).toBe('42501');
			}
		});
	});

	describe('before publication', () => {
		test('there are no cards and no agreement can be recorded', async () => {
			const drawn = await rpc(w.coordinator.claims, 'team_draw', { p_team_id: team });
			expect(drawn.data).toEqual({ card: null });
			const meeting = (await rpc(w.coordinator.claims, 'team_meeting', { p_team_id: team }))
				.data as Meeting;
			expect(meeting.cards).toBe(0);
			expect((await record(w.coordinator.claims)).error).toMatchObject({ message: 'not_found' });
			// Not even the server: the trigger refuses it.
			await expect(
				backend().sql(
					`insert into app.team_agreements (team_id, finding_id, round_id, body, owner, look_back_on)
					 values ($1, $2, $3, 'Stiekem alvast', 'Iemand', current_date)`,
					[team, w.findingId, w.roundA.id]
				)
			).rejects.toThrow(/wrong_state/);
			expect(await agreements()).toBe(0);
			expect((await rpc(ANON, 'finding_teams', { p_finding_id: w.findingId })).error).toMatchObject(
				{ message: 'not_found' }
			);
			expect(
				(await rpc(ANON, 'round_team_agreements', { p_evening_code: w.roundA.eveningCode })).error
			).toMatchObject({ message: 'not_found' });
		});
	});

	describe('after publication', () => {
		beforeAll(async () => {
			await backend().sql(
				`insert into app.evenings (round_id, opened_at, closed_at) values ($1, now(), now())`,
				[w.roundA.id]
			);
			await backend().sql(
				`update app.rounds set state = 'gepubliceerd', published_at = now() where id = $1`,
				[w.roundA.id]
			);
		});

		test('the kletspot draws a card of the organisation, by default one the team has not discussed', async () => {
			const drawn = await rpc(w.coordinator.claims, 'team_draw', { p_team_id: team });
			const card = (drawn.data as { card: { finding_id: string; statement: string } }).card;
			expect([w.findingId, secondFinding]).toContain(card.finding_id);
			// Another organisation's team has no cards of this organisation.
			const theirs = await rpc(w.otherCoordinator.claims, 'team_draw', { p_team_id: otherTeam });
			expect(theirs.data).toEqual({ card: null });
			expect(
				(await record(w.otherCoordinator.claims, { p_team_id: otherTeam })).error
			).toMatchObject({ message: 'not_found' });
		});

		test('bad input gets a reason at its field and changes nothing', async () => {
			const cases: Array<[Record<string, unknown>, string, string]> = [
				[{ p_body: '  ' }, 'invalid_input', 'body'],
				[{ p_body: 'x'.repeat(501) }, 'invalid_input', 'body'],
				[{ p_owner: '' }, 'invalid_input', 'owner'],
				[{ p_look_back_on: day(-1) }, 'date_in_past', 'look_back_on'],
				[{ p_look_back_on: null }, 'invalid_input', 'look_back_on']
			];
			for (const [args, message, hint] of cases) {
				expect((await record(w.coordinator.claims, args)).error).toMatchObject({ message, hint });
			}
			expect((await record(w.councillor.claims)).error).toMatchObject({ message: 'not_allowed' });
			expect(await agreements()).toBe(0);
		});

		test('an agreement is recorded; the next draw skips the discussed card', async () => {
			const made = await record(w.coordinator.claims);
			expect(made.error).toBeNull();
			agreement = (made.data as { id: string }).id;
			// Only the second finding is left undiscussed: every draw finds it.
			for (let i = 0; i < 5; i++) {
				const drawn = await rpc(w.coordinator.claims, 'team_draw', { p_team_id: team });
				expect((drawn.data as { card: { finding_id: string } }).card.finding_id).toBe(
					secondFinding
				);
			}
			const meeting = (await rpc(w.coordinator.claims, 'team_meeting', { p_team_id: team }))
				.data as Meeting;
			expect({ cards: meeting.cards, undiscussed: meeting.undiscussed }).toEqual({
				cards: 2,
				undiscussed: 1
			});
			expect(meeting.due).toEqual([]);
		});

		test('on the look-back date the card comes back; a simulated date changes no stored date', async () => {
			const later = (
				await rpc(w.coordinator.claims, 'team_meeting', {
					p_team_id: team,
					p_on: day(14)
				})
			).data as Meeting;
			expect(later.due.map((d) => d.agreement_id)).toEqual([agreement]);
			expect(later.due[0].card.finding_id).toBe(w.findingId);
			expect(
				(
					(await rpc(w.coordinator.claims, 'team_meeting', { p_team_id: team, p_on: day(13) }))
						.data as Meeting
				).due
			).toEqual([]);
			// A simulated date in the past is refused (it would only hide what is due).
			expect(
				(await rpc(w.coordinator.claims, 'team_meeting', { p_team_id: team, p_on: day(-3) })).error
			).toMatchObject({ message: 'invalid_input', hint: 'on' });
			const [row] = await backend().sql<{ created: string; today: string }>(
				`select created_at::date::text as created, current_date::text as today
				 from app.team_agreements where id = $1`,
				[agreement]
			);
			expect(row.created).toBe(row.today);

			const looked = await rpc(w.coordinator.claims, 'team_look_back_record', {
				p_agreement_id: agreement,
				p_body: 'We bellen nu iedereen terug. Het werkt.'
			});
			expect(looked.error).toBeNull();
			const again = await rpc(w.coordinator.claims, 'team_look_back_record', {
				p_agreement_id: agreement,
				p_body: 'Nog een keer.'
			});
			expect(again.error).toMatchObject({ message: 'wrong_state' });
			expect(
				(
					await rpc(w.otherCoordinator.claims, 'team_look_back_record', {
						p_agreement_id: agreement,
						p_body: 'Van een ander.'
					})
				).error
			).toMatchObject({ message: 'not_found' });
			const done = (
				await rpc(w.coordinator.claims, 'team_meeting', {
					p_team_id: team,
					p_on: day(30)
				})
			).data as Meeting;
			expect(done.due).toEqual([]);
		});

		test('the public sees how many teams discussed it and the published agreements, never team notes', async () => {
			// A second, unpublished agreement of another team of the organisation.
			const second = await rpc(w.coordinator.claims, 'team_create', { p_name: 'Wijkteam Zuid' });
			await rpc(w.coordinator.claims, 'team_agreement_record', {
				p_team_id: (second.data as { id: string }).id,
				p_finding_id: w.findingId,
				p_body: 'Intern: eerst met de gedragswetenschapper overleggen.',
				p_owner: 'Karin de Vries',
				p_look_back_on: day(7),
				p_publish: false
			});
			for (const who of [ANON, w.councillor.claims, w.otherCoordinator.claims, w.author.claims]) {
				const { data, error } = await rpc(who, 'finding_teams', { p_finding_id: w.findingId });
				expect(error).toBeNull();
				expect(data).toMatchObject({
					teams: 2,
					agreements: [
						{
							body: 'We bellen elk gezin binnen een week terug.',
							look_back: 'We bellen nu iedereen terug. Het werkt.'
						}
					]
				});
				const text = JSON.stringify(data);
				for (const secret of ['Teamleider', 'Karin', 'Intern', 'Wijkteam']) {
					expect(text).not.toContain(secret);
				}
			}
			const round = await rpc(ANON, 'round_team_agreements', {
				p_evening_code: w.roundA.eveningCode
			});
			expect((round.data as Record<string, { teams: number }>)[w.findingId].teams).toBe(2);
			expect((round.data as Record<string, { teams: number }>)[secondFinding].teams).toBe(0);
		});
	});
});
