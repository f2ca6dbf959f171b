// The public audit trail: no organisation action is invisible. Every step of a round's life that
// the organisation (or a presenter) takes lands in app.audit_events, append-only, readable by the
// round's coordinators from the start and by everyone once the evening is open.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { auditSchema } from '$lib/server/api/audit';
import { describeBackends } from './harness';
import {
	ANON,
	SERVICE,
	createInterviewer,
	createWorld,
	type Interviewer,
	type World
} from './fixtures';

type Audit = {
	sealed: boolean;
	round: Record<string, unknown>;
	counts?: Record<string, number>;
	events?: Array<{
		at: string;
		kind: string;
		actor_name: string | null;
		subject_name: string | null;
	}>;
};

describeBackends('audit trail', (backend) => {
	let w: World;
	let roundId: string;
	let code: string;
	let title: string;
	let coordinatorName: string;
	let anouk: Interviewer;
	let bram: Interviewer;

	const audit = async (who: Claims) => {
		const { data, error } = await backend().rpc(who, 'round_audit', { p_evening_code: code });
		expect(error).toBeNull();
		// The server wrapper's zod schema accepts exactly what the database returns.
		expect(auditSchema.safeParse(data).error).toBeUndefined();
		return data as Audit;
	};
	const events = async () =>
		((await audit(w.coordinator.claims)).events ?? []).map((e) => [
			e.kind,
			e.actor_name,
			e.subject_name
		]);
	const ok = async (who: Claims, fn: string, args: Record<string, unknown>) => {
		const { error } = await backend().rpc(who, fn, args);
		expect({ fn, error }).toEqual({ fn, error: null });
	};

	beforeAll(async () => {
		w = await createWorld(backend());
		title = `Auditronde ${randomUUID().slice(0, 8)}`;
		const { data, error } = await backend().rpc(w.coordinator.claims, 'round_create', {
			p_title: title,
			p_target_group: 'ouders',
			p_municipality_ids: [w.org.municipalityIds[0]],
			p_questions: [{ kind: 'open', prompt: 'Hoe ging het?', theme: 'Wachttijd' }]
		});
		expect(error).toBeNull();
		roundId = (data as { id: string }).id;
		const [row] = await backend().sql<{ evening_code: string; name: string }>(
			`select r.evening_code, s.display_name as name
			 from app.rounds r join app.staff s on s.id = $2 where r.id = $1`,
			[roundId, w.coordinator.id]
		);
		code = row.evening_code;
		coordinatorName = row.name;
	});

	test('round_create → round_created, by the coordinator', async () => {
		expect(await events()).toEqual([['round_created', coordinatorName, title]]);
	});

	test('every action is logged, with who did it and for whom; interviewers by tag, never by name', async () => {
		await ok(w.coordinator.claims, 'round_start_fieldwork', { p_round_id: roundId });
		anouk = await createInterviewer(backend(), roundId); // #1
		bram = await createInterviewer(backend(), roundId); // #2
		const carla = await createInterviewer(backend(), roundId); // #3
		await ok(anouk.claims, 'presenter_volunteer', { p_volunteer: true });
		await ok(bram.claims, 'presenter_confirm', { p_interviewer_id: anouk.id, p_confirm: true });
		await ok(carla.claims, 'presenter_confirm', { p_interviewer_id: anouk.id, p_confirm: true });
		await ok(bram.claims, 'presenter_confirm', { p_interviewer_id: anouk.id, p_confirm: false });
		await ok(w.coordinator.claims, 'interviewer_revoke', { p_interviewer_id: bram.id });
		const dirk = await createInterviewer(backend(), roundId); // #4
		await ok(dirk.claims, 'presenter_confirm', { p_interviewer_id: anouk.id, p_confirm: true });
		expect(await events()).toEqual([
			['round_created', coordinatorName, title],
			['fieldwork_started', coordinatorName, null],
			['presenter_marked', '#3', '#1'],
			['presenter_unmarked', '#2', '#1'],
			['interviewer_revoked', coordinatorName, '#2'],
			['presenter_marked', '#4', '#1']
		]);
		const trail = (await audit(w.coordinator.claims)).events ?? [];
		expect(trail.map((e) => (e as { confirmations?: number | null }).confirmations)).toEqual([
			null,
			null,
			2,
			1,
			null,
			2
		]);
		expect(JSON.stringify(trail)).not.toContain(anouk.name);
		expect(JSON.stringify(trail)).not.toContain(bram.name);
	});

	test('a refused action logs nothing', async () => {
		const before = await events();
		const { error } = await backend().rpc(w.councillor.claims, 'presenter_volunteer', {
			p_volunteer: true
		});
		expect(error).not.toBeNull();
		const other = await backend().rpc(w.otherCoordinator.claims, 'interviewer_revoke', {
			p_interviewer_id: anouk.id
		});
		expect(other.error).not.toBeNull();
		expect(await events()).toEqual(before);
	});

	describe('before the evening: the round coordinators only', () => {
		const SEALED: Array<[string, (w: World) => Claims]> = [
			['anon', () => ANON],
			['councillor of the organisation', (w) => w.councillor.claims],
			['coordinator of another organisation', (w) => w.otherCoordinator.claims],
			['interviewer of another round', (w) => w.author.claims],
			['presenter of another round', (w) => w.presenter.claims]
		];

		test.each(SEALED)('%s gets the sealed answer and nothing else', async (_, who) => {
			expect(await audit(who(w))).toEqual({
				sealed: true,
				round: { title, evening_code: code, state: 'veldwerk' }
			});
		});

		test('a presenter of the round itself gets the sealed answer too', async () => {
			expect((await audit(anouk.claims)).sealed).toBe(true);
		});

		test('the coordinator sees counts and events', async () => {
			const a = await audit(w.coordinator.claims);
			expect(a.sealed).toBe(false);
			expect(a.counts).toEqual({
				interviewers_joined: 4,
				interviews_submitted: 0,
				interviews_withdrawn: 0,
				findings_submitted: 0,
				findings_withdrawn: 0
			});
		});
	});

	test('evening opened and closed by a presenter, published by the coordinator, retention by the system', async () => {
		const findingId = randomUUID();
		await ok(anouk.claims, 'finding_create', {
			p_id: findingId,
			p_statement: 'Een bevinding voor de zaal',
			p_quote: null,
			p_theme: null,
			p_interview_id: null
		});
		await ok(anouk.claims, 'finding_create', {
			p_id: randomUUID(),
			p_statement: 'Nog een bevinding',
			p_quote: null,
			p_theme: null,
			p_interview_id: null
		});
		await ok(anouk.claims, 'finding_withdraw', { p_id: findingId });
		await ok(anouk.claims, 'evening_open', { p_round_id: roundId });

		// Now public: the same trail for everyone, anon included.
		const seen = await audit(ANON);
		expect(seen).toEqual(await audit(w.coordinator.claims));
		expect(seen.sealed).toBe(false);
		expect(seen.round).toEqual({ title, evening_code: code, state: 'avond' });
		expect(seen.counts).toEqual({
			interviewers_joined: 4,
			interviews_submitted: 0,
			interviews_withdrawn: 0,
			findings_submitted: 2,
			findings_withdrawn: 1
		});
		expect(seen.events!.at(-1)).toMatchObject({
			kind: 'evening_opened',
			actor_name: '#1',
			subject_name: null
		});
		expect(Date.parse(seen.events!.at(-1)!.at)).not.toBeNaN();

		await ok(anouk.claims, 'evening_close', { p_round_id: roundId });
		await ok(w.coordinator.claims, 'round_publish', { p_round_id: roundId });
		const later = new Date(Date.now() + 2 * 366 * 24 * 3600 * 1000).toISOString();
		await ok(SERVICE, 'retention_run', { p_now: later });

		expect((await events()).slice(-4)).toEqual([
			['evening_opened', '#1', null],
			['evening_closed', '#1', null],
			['round_published', coordinatorName, null],
			['retention_run', null, null]
		]);
		const kinds = new Set((await events()).map(([kind]) => kind));
		expect([...kinds].sort()).toEqual(
			[
				'round_created',
				'fieldwork_started',
				'presenter_marked',
				'presenter_unmarked',
				'interviewer_revoked',
				'evening_opened',
				'evening_closed',
				'round_published',
				'retention_run'
			].sort()
		);
		expect((await audit(ANON)).round).toMatchObject({ state: 'gearchiveerd' });
	});

	test('the demo evening shows who opened it, by tag, and how its presenters were chosen', async () => {
		const { data } = await backend().rpc(ANON, 'round_audit', { p_evening_code: 'JONG27' });
		const trail = (data as Audit).events ?? [];
		expect(trail).toContainEqual(
			expect.objectContaining({ kind: 'evening_opened', actor_name: '#1' })
		);
		expect(trail).toContainEqual(
			expect.objectContaining({ kind: 'presenter_marked', subject_name: '#2', confirmations: 2 })
		);
		expect(JSON.stringify(trail)).not.toMatch(/Daan|Noor|Sem|Aylin/);
	});

	test('an unknown evening code is not_found', async () => {
		const { error } = await backend().rpc(ANON, 'round_audit', { p_evening_code: 'ZZZZZZ' });
		expect(error).toMatchObject({ code: 'P0002', message: 'not_found' });
	});

	describe('append-only', () => {
		test.each([
			['anon', ANON],
			['service_role', SERVICE]
		])('%s cannot read, change or remove events', async (_, who) => {
			for (const sql of [
				`update app.audit_events set actor_name = 'Niemand' where round_id = $1`,
				`delete from app.audit_events where round_id = $1`,
				`insert into app.audit_events (round_id, kind) values ($1, 'round_published')`
			]) {
				const { error } = await backend().asRole(who, sql, [roundId]);
				expect(error?.code).toBe('42501');
			}
		});

		test('the coordinator cannot either, not even directly', async () => {
			const read = await backend().asRole(w.coordinator.claims, `select * from app.audit_events`);
			expect(read.error?.code).toBe('42501');
			for (const sql of [
				`update app.audit_events set actor_name = 'Niemand' where round_id = $1`,
				`delete from app.audit_events where round_id = $1`
			]) {
				const { error } = await backend().asRole(w.coordinator.claims, sql, [roundId]);
				expect(error?.code).toBe('42501');
			}
		});

		test('the superuser cannot change, delete or truncate events', async () => {
			const before = await events();
			await expect(
				backend().sql(`update app.audit_events set actor_name = 'Niemand' where round_id = $1`, [
					roundId
				])
			).rejects.toMatchObject({ message: 'append_only' });
			await expect(
				backend().sql(`delete from app.audit_events where round_id = $1`, [roundId])
			).rejects.toMatchObject({ message: 'append_only' });
			await expect(backend().sql(`truncate app.audit_events`)).rejects.toMatchObject({
				message: 'append_only'
			});
			expect(await events()).toEqual(before);
		});
	});
});
