// Peers choose their presenters (issue 8). The probe that found the hole: a coordinator joined
// their own round with its code as "Coco" (or as a second "Fatima"), made that interviewer
// presenter and opened the evening, so every sealed finding was public in two seconds. Now the
// organisation has no say: a volunteer presents once the round's quorum of OTHER interviewers
// confirm them, names are unique in a round, and the public trail names nobody.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends, type Backend } from './harness';
import {
	ANON,
	SERVICE,
	createFinding,
	createInterviewer,
	createWorld,
	uid,
	type Interviewer,
	type World
} from './fixtures';

type Member = {
	id: string;
	display_name: string;
	tag: string;
	is_presenter: boolean;
	volunteered_at: string | null;
	confirmed_by: Array<{ id: string; display_name: string; tag: string }>;
};
type Roster = { quorum: number; changeable: boolean; me: string; members: Member[] };

/** Join the way the server does (service_role), as the person behind the name. */
async function join(b: Backend, code: string, name: string) {
	const { data, error } = await b.rpc(SERVICE, 'session_join', {
		p_code: code,
		p_display_name: name,
		p_client_key: `peers-${uid()}`
	});
	if (error) return { error };
	const row = data as { interviewer_id: string; session_id: string };
	const claims: Claims = {
		role: 'authenticated',
		sub: row.interviewer_id,
		session_id: row.session_id
	};
	return { id: row.interviewer_id, claims, error: null };
}

describeBackends('peers choose their presenters', (backend) => {
	let w: World;
	let a: Interviewer; // the round's own people, besides w.author and w.colleague
	let b: Interviewer;
	const roster = async (who: Claims) => {
		const { data, error } = await backend().rpc(who, 'round_members');
		expect(error).toBeNull();
		return data as Roster;
	};
	const member = async (id: string) =>
		(await roster(w.author.claims)).members.find((m) => m.id === id)!;
	const call = (who: Claims, fn: string, args: Record<string, unknown>) =>
		backend().rpc(who, fn, args);

	beforeAll(async () => {
		w = await createWorld(backend());
		a = await createInterviewer(backend(), w.roundA.id);
		b = await createInterviewer(backend(), w.roundA.id);
	});

	describe('the quorum', () => {
		test('a volunteer is no presenter until two others confirm; one more is not needed', async () => {
			expect((await call(a.claims, 'presenter_volunteer', { p_volunteer: true })).error).toBeNull();
			expect(await member(a.id)).toMatchObject({ is_presenter: false, confirmed_by: [] });
			await call(w.author.claims, 'presenter_confirm', { p_interviewer_id: a.id, p_confirm: true });
			expect((await member(a.id)).is_presenter).toBe(false);
			// Confirming twice counts once.
			await call(w.author.claims, 'presenter_confirm', { p_interviewer_id: a.id, p_confirm: true });
			expect((await member(a.id)).is_presenter).toBe(false);
			await call(b.claims, 'presenter_confirm', { p_interviewer_id: a.id, p_confirm: true });
			const now = await member(a.id);
			expect(now.is_presenter).toBe(true);
			expect(now.confirmed_by.map((c) => c.id).sort()).toEqual([w.author.id, b.id].sort());
			// The presenter functions open up for them.
			const slides = await call(a.claims, 'presenter_slides', { p_round_id: w.roundA.id });
			expect(slides.error).toBeNull();
		});

		test('nobody confirms themselves, nor someone who did not volunteer', async () => {
			const self = await call(a.claims, 'presenter_confirm', {
				p_interviewer_id: a.id,
				p_confirm: true
			});
			expect(self.error).toMatchObject({ message: 'invalid_input', hint: 'interviewer_id' });
			const notVolunteering = await call(a.claims, 'presenter_confirm', {
				p_interviewer_id: b.id,
				p_confirm: true
			});
			expect(notVolunteering.error).toMatchObject({ message: 'not_volunteering' });
		});

		test('taking a confirmation back below the quorum ends presenting; confirming again restores it', async () => {
			await call(b.claims, 'presenter_confirm', { p_interviewer_id: a.id, p_confirm: false });
			expect(await member(a.id)).toMatchObject({ is_presenter: false });
			expect(
				(await call(a.claims, 'presenter_slides', { p_round_id: w.roundA.id })).error
			).toMatchObject({ message: 'not_presenter' });
			await call(b.claims, 'presenter_confirm', { p_interviewer_id: a.id, p_confirm: true });
			expect((await member(a.id)).is_presenter).toBe(true);
		});

		test('stepping back ends presenting and clears the confirmations', async () => {
			await call(w.colleague.claims, 'presenter_volunteer', { p_volunteer: true });
			await call(w.author.claims, 'presenter_confirm', {
				p_interviewer_id: w.colleague.id,
				p_confirm: true
			});
			await call(b.claims, 'presenter_confirm', {
				p_interviewer_id: w.colleague.id,
				p_confirm: true
			});
			expect((await member(w.colleague.id)).is_presenter).toBe(true);
			await call(w.colleague.claims, 'presenter_volunteer', { p_volunteer: false });
			expect(await member(w.colleague.id)).toMatchObject({
				is_presenter: false,
				volunteered_at: null,
				confirmed_by: []
			});
		});

		test('an interviewer of another round cannot confirm, and is not told who is there', async () => {
			const { error } = await call(w.interviewerB.claims, 'presenter_confirm', {
				p_interviewer_id: a.id,
				p_confirm: true
			});
			expect(error).toMatchObject({ code: 'P0002', message: 'not_found' });
		});

		test('a direct write of is_presenter by the server or the owner does not stick', async () => {
			await backend().sql(`update app.interviewers set is_presenter = true where id = $1`, [b.id]);
			const [row] = await backend().sql<{ is_presenter: boolean }>(
				`select is_presenter from app.interviewers where id = $1`,
				[b.id]
			);
			expect(row.is_presenter).toBe(false);
			// Nor a new row that says it presents already: nobody has confirmed it.
			const [made] = await backend().sql<{ is_presenter: boolean }>(
				`insert into app.interviewers (round_id, display_name, is_presenter, volunteered_at)
				 values ($1, $2, true, now()) returning is_presenter`,
				[w.roundB.id, `Direct ${uid()}`]
			);
			expect(made.is_presenter).toBe(false);
		});

		test('the quorum is a round setting from 2 to 5, fixed once fieldwork starts', async () => {
			const created = await call(w.coordinator.claims, 'round_create', {
				p_title: `Quorumronde ${uid()}`,
				p_target_group: 'ouders',
				p_municipality_ids: [w.org.municipalityIds[0]],
				p_questions: [{ kind: 'open', prompt: 'Hoe ging het?', theme: 'Wachttijd' }],
				p_presenter_quorum: 3
			});
			expect(created.error).toBeNull();
			const id = (created.data as { id: string }).id;
			for (const bad of [1, 6]) {
				const refused = await call(w.coordinator.claims, 'round_create', {
					p_title: `Quorumronde ${uid()}`,
					p_target_group: 'ouders',
					p_municipality_ids: [w.org.municipalityIds[0]],
					p_questions: [{ kind: 'open', prompt: 'Hoe ging het?', theme: 'Wachttijd' }],
					p_presenter_quorum: bad
				});
				expect(refused.error).toMatchObject({ message: 'invalid_input', hint: 'presenter_quorum' });
			}
			// In the concept phase it can still change (as the owner), not after.
			await backend().sql(`update app.rounds set presenter_quorum = 4 where id = $1`, [id]);
			await call(w.coordinator.claims, 'round_start_fieldwork', { p_round_id: id });
			await expect(
				backend().sql(`update app.rounds set presenter_quorum = 2 where id = $1`, [id])
			).rejects.toMatchObject({ message: 'wrong_state' });
		});
	});

	describe('the roster is for the group only', () => {
		test('every interviewer of the round sees every member with tag, joined, presenting, confirmed by', async () => {
			const seen = await roster(b.claims);
			expect(seen.quorum).toBe(2);
			expect(seen.changeable).toBe(true);
			const ids = seen.members.map((m) => m.id);
			for (const p of [w.author, w.colleague, w.presenter, a, b]) expect(ids).toContain(p.id);
			expect(new Set(seen.members.map((m) => m.tag)).size).toBe(seen.members.length);
			expect(seen.members.every((m) => /^#\d+$/.test(m.tag))).toBe(true);
		});

		test('staff, the public and other rounds do not see it', async () => {
			for (const who of [w.coordinator.claims, w.councillor.claims]) {
				expect((await call(who, 'round_members', {})).error).toMatchObject({ code: '42501' });
			}
			expect((await call(ANON, 'round_members', {})).error).toMatchObject({ code: '42501' });
			const other = await roster(w.interviewerB.claims);
			expect(other.members.map((m) => m.id)).not.toContain(a.id);
			const direct = await backend().asRole(
				w.coordinator.claims,
				`select * from app.presenter_confirmations where round_id = $1`,
				[w.roundA.id]
			);
			expect(direct.rows).toEqual([]);
		});
	});

	describe('display names are unique within a round', () => {
		test('a second Fatima is asked to choose another name: case and accents do not count', async () => {
			expect((await join(backend(), w.roundA.joinCode, 'Fatima')).error).toBeNull();
			for (const twin of ['Fatima', 'fatima', 'FÁTIMA', 'Fátima', ' Fatima ']) {
				const { error } = await join(backend(), w.roundA.joinCode, twin);
				expect({ twin, error }).toMatchObject({
					twin,
					error: { message: 'display_name_taken', hint: 'display_name' }
				});
			}
			expect((await join(backend(), w.roundA.joinCode, 'Fatima B.')).error).toBeNull();
			// Another round has its own Fatima.
			expect((await join(backend(), w.roundB.joinCode, 'Fatima')).error).toBeNull();
		});

		test('the database itself refuses the twin, whoever writes it', async () => {
			await expect(
				backend().sql(
					`insert into app.interviewers (round_id, display_name) values ($1, 'FATIMA')`,
					[w.roundA.id]
				)
			).rejects.toMatchObject({ code: '23505' });
		});
	});

	describe('after the evening opens nothing about presenters changes', () => {
		test('no volunteering, no confirming, no taking back', async () => {
			const { error } = await call(w.presenter.claims, 'evening_open', { p_round_id: w.roundA.id });
			expect(error).toBeNull();
			expect((await roster(a.claims)).changeable).toBe(false);
			for (const [who, fn, args] of [
				[b.claims, 'presenter_volunteer', { p_volunteer: true }],
				[a.claims, 'presenter_volunteer', { p_volunteer: false }],
				[b.claims, 'presenter_confirm', { p_interviewer_id: a.id, p_confirm: false }]
			] as const) {
				expect((await call(who, fn, args)).error).toMatchObject({ message: 'wrong_state' });
			}
			expect((await member(a.id)).is_presenter).toBe(true);
		});
	});
});

// The probe, replayed: a coordinator with one or two fake interviewers of their own.
describeBackends('attack: the organisation cannot choose a presenter', (backend) => {
	let w: World;
	let secret: string;
	beforeAll(async () => {
		// A fresh round whose only presenter-to-be would be the coordinator's; one real interviewer
		// wrote a sealed finding.
		w = await createWorld(backend());
		secret = `GEHEIM-PROBE-${uid()}`;
		const author = await createInterviewer(backend(), w.roundB.id);
		await createFinding(backend(), w.roundB, author, secret);
	});

	test('coordinator + two fakes: no presenter, no opening, no finding', async () => {
		const b = backend();
		const code = w.roundB.joinCode;
		// The staff session itself cannot act as an interviewer at all.
		expect(
			(await b.rpc(w.coordinator.claims, 'presenter_volunteer', { p_volunteer: true })).error
		).toMatchObject({ code: '42501' });
		const coco = await join(b, code, 'Coco');
		const fake1 = await join(b, code, `Nep ${uid()}`);
		const fake2 = await join(b, code, `Nep ${uid()}`);
		// A second "Fatima" beside the real one is refused.
		await join(b, code, 'Fatima');
		expect((await join(b, code, 'fatíma')).error).toMatchObject({ message: 'display_name_taken' });
		for (const fake of [coco, fake1, fake2]) expect(fake.error).toBeNull();

		// Coco volunteers; one fake confirms: one short of two.
		expect(
			(await b.rpc(coco.claims!, 'presenter_volunteer', { p_volunteer: true })).error
		).toBeNull();
		expect(
			(
				await b.rpc(fake1.claims!, 'presenter_confirm', {
					p_interviewer_id: coco.id,
					p_confirm: true
				})
			).error
		).toBeNull();
		// The coordinator cannot confirm (or make) anyone.
		for (const [fn, args] of [
			['presenter_confirm', { p_interviewer_id: coco.id, p_confirm: true }],
			['interviewer_set_presenter', { p_interviewer_id: coco.id, p_is_presenter: true }]
		] as const) {
			expect((await b.rpc(w.coordinator.claims, fn, args)).error).not.toBeNull();
		}
		// Coco cannot confirm themselves either.
		expect(
			(
				await b.rpc(coco.claims!, 'presenter_confirm', {
					p_interviewer_id: coco.id,
					p_confirm: true
				})
			).error
		).toMatchObject({ message: 'invalid_input' });
		// Nobody of the coordinator's cast opens the evening, or reads a finding.
		for (const who of [coco.claims!, fake1.claims!, fake2.claims!, w.coordinator.claims]) {
			const open = await b.rpc(who, 'evening_open', { p_round_id: w.roundB.id });
			expect(open.error).not.toBeNull();
			for (const fn of ['presenter_slides']) {
				const read = await b.rpc(who, fn, { p_round_id: w.roundB.id });
				expect(JSON.stringify(read)).not.toContain(secret);
			}
			const table = await b.asRole(who, `select statement from app.findings where round_id = $1`, [
				w.roundB.id
			]);
			expect(JSON.stringify(table)).not.toContain(secret);
		}
		for (const fn of ['evening_findings', 'round_verification']) {
			const read = await b.rpc(ANON, fn, { p_evening_code: w.roundB.eveningCode });
			expect(JSON.stringify(read)).not.toContain(secret);
		}
		const [state] = await b.sql<{ state: string }>(`select state from app.rounds where id = $1`, [
			w.roundB.id
		]);
		expect(state.state).toBe('veldwerk');
	});

	test('with a third fake it works, and the whole group sees who did it', async () => {
		// Not prevented (README, threat model): detected. Every fake is in the roster with the time
		// they joined and who confirmed whom.
		const b = backend();
		const fake3 = await join(b, w.roundB.joinCode, `Nep ${uid()}`);
		const roster = await b.rpc(fake3.claims!, 'round_members');
		const coco = (roster.data as Roster).members.find((m) => m.display_name === 'Coco')!;
		await b.rpc(fake3.claims!, 'presenter_confirm', { p_interviewer_id: coco.id, p_confirm: true });
		const after = await b.rpc(fake3.claims!, 'round_members');
		const seen = (after.data as Roster).members.find((m) => m.id === coco.id)!;
		expect(seen.is_presenter).toBe(true);
		expect(seen.confirmed_by).toHaveLength(2);
	});
});
