// "Bevindingen van de groep" (issue 9, item 6): an interviewer reads every finding of their own
// round, never another round's, to prepare the evening together. Never who wrote someone else's
// finding, never a withdrawn one, never anything of the interview; nobody of the organisation and
// nobody of the public reads it (promise 2), before the evening, during it and after publication.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends } from './harness';
import {
	ANON,
	SERVICE,
	createInterview,
	createInterviewer,
	createWorld,
	openEvening,
	uid,
	type World
} from './fixtures';

type GroupFinding = {
	id: string | null;
	own: boolean;
	statement: string;
	quote: string | null;
	theme: string | null;
	created_at: string;
	updated_at: string;
};
type Group = {
	editable: boolean;
	readable: boolean;
	groups: Array<{ theme: string | null; findings: GroupFinding[] }>;
};

const statements = (g: Group) => g.groups.flatMap((t) => t.findings.map((f) => f.statement));

describeBackends('group findings', (backend) => {
	let w: World;
	const secretB = `GEHEIM-B-${uid()}`;
	const colleagues = `Collega ${uid()}`;
	const gone = `Ingetrokken ${uid()}`;
	const loose = `Zonder thema ${uid()}`;
	let colleagueFinding: string;

	const read = async (who: Claims) => backend().rpc(who, 'group_findings', {});
	const create = async (
		who: Claims,
		statement: string,
		theme: string | null,
		quote = null as string | null
	) => {
		const id = randomUUID();
		const { error } = await backend().rpc(who, 'finding_create', {
			p_id: id,
			p_statement: statement,
			p_quote: quote,
			p_theme: theme,
			p_interview_id: null
		});
		expect(error).toBeNull();
		return id;
	};

	beforeAll(async () => {
		w = await createWorld(backend());
		// Round A: the author's finding (theme Wachttijd, from the fixtures), the colleague's on
		// the guide's first theme, one without a theme, and one the colleague withdrew.
		colleagueFinding = await create(
			w.colleague.claims,
			colleagues,
			'Eerste contact',
			'"Ik wist niet waar ik moest bellen."'
		);
		await create(w.presenter.claims, loose, null);
		const withdrawn = await create(w.colleague.claims, gone, 'Inspraak');
		expect(
			(await backend().rpc(w.colleague.claims, 'finding_withdraw', { p_id: withdrawn })).error
		).toBeNull();
		// Round B of the same organisation has a finding of its own.
		await create(w.interviewerB.claims, `Bevinding ${secretB}`, 'Wachttijd');
	});

	describe('in fieldwork', () => {
		test.each<[string, (w: World) => Claims]>([
			['author', (w) => w.author.claims],
			['other interviewer of the round', (w) => w.colleague.claims],
			['presenter of the round', (w) => w.presenter.claims]
		])('%s reads every finding of round A, by theme in guide order', async (_, who) => {
			const { data, error } = await read(who(w));
			expect(error).toBeNull();
			const group = data as Group;
			// Guide order (Eerste contact before Wachttijd), no theme last; the withdrawn one absent.
			expect(group.groups.map((g) => g.theme)).toEqual(['Eerste contact', 'Wachttijd', null]);
			expect(statements(group)).toEqual([colleagues, `Bevinding ${w.secret}`, loose]);
			expect(JSON.stringify(data)).not.toContain(gone);
			expect(JSON.stringify(data)).not.toContain(secretB);
			expect(group.editable).toBe(true);
		});

		test('the own flag is right for each reader, and only one’s own carries its id', async () => {
			const cases: Array<[Claims, string]> = [
				[w.author.claims, `Bevinding ${w.secret}`],
				[w.colleague.claims, colleagues],
				[w.presenter.claims, loose]
			];
			for (const [who, mine] of cases) {
				const findings = ((await read(who)).data as Group).groups.flatMap((g) => g.findings);
				expect(findings.filter((f) => f.own).map((f) => f.statement)).toEqual([mine]);
				expect(findings.filter((f) => f.id !== null).map((f) => f.statement)).toEqual([mine]);
			}
			const own = ((await read(w.colleague.claims)).data as Group).groups[0].findings[0];
			expect(own).toMatchObject({ id: colleagueFinding, own: true });
		});

		test('nothing but the text, the theme and when: no author, no interview', async () => {
			const { data } = await read(w.colleague.claims);
			const seen = JSON.stringify(data);
			for (const hidden of [w.author.id, w.author.name, w.author.tag, w.interviewId, w.findingId]) {
				expect(seen).not.toContain(hidden);
			}
			const keys = (data as Group).groups.flatMap((g) =>
				g.findings.map((f) => Object.keys(f).sort())
			);
			expect(new Set(keys.map((k) => k.join()))).toEqual(
				new Set(['created_at,id,own,quote,statement,theme,updated_at'])
			);
			// The quote comes as it was typed; the page takes off the marks around it.
			expect((data as Group).groups[0].findings[0].quote).toBe(
				'"Ik wist niet waar ik moest bellen."'
			);
		});

		test('an interviewer of round B reads round B only; another organisation’s nothing of either', async () => {
			const b = (await read(w.interviewerB.claims)).data as Group;
			expect(statements(b)).toEqual([`Bevinding ${secretB}`]);
			expect(JSON.stringify(b)).not.toContain(w.secret);
			expect(b.groups[0].findings[0]).toMatchObject({ own: true });
			const presenterB = (await read(w.presenterB.claims)).data as Group;
			expect(presenterB.groups[0].findings[0]).toMatchObject({ own: false, id: null });
			const other = await read(w.otherOrgInterviewer.claims);
			expect(other.error).toBeNull();
			// They have sent nothing in their own round either: the list stays closed.
			expect(other.data).toEqual({ editable: true, readable: false, groups: [] });
		});

		test('who only joined reads nothing until they send an interview or a finding', async () => {
			// The probe of issue 8: whoever has the join code (the coordinator too) can join.
			const lurker = await createInterviewer(backend(), w.roundA.id);
			expect((await read(lurker.claims)).data).toEqual({
				editable: true,
				readable: false,
				groups: []
			});
			await createInterview(backend(), w.roundA, lurker, uid());
			const after = (await read(lurker.claims)).data as Group;
			expect(after.readable).toBe(true);
			expect(statements(after)).toContain(colleagues);

			const writer = await createInterviewer(backend(), w.roundA.id);
			expect(((await read(writer.claims)).data as Group).readable).toBe(false);
			const writerFinding = await create(writer.claims, `Los ${uid()}`, null);
			expect(statements((await read(writer.claims)).data as Group)).toContain(colleagues);
			// Withdrawn again, so the later tests see round A's list as it was; the fact of
			// having written it still counts.
			await backend().rpc(writer.claims, 'finding_withdraw', { p_id: writerFinding });
			expect(((await read(writer.claims)).data as Group).readable).toBe(true);

			// A presenter (chosen by the group) reads before sending anything.
			const presenter = await createInterviewer(backend(), w.roundA.id, true);
			expect(statements((await read(presenter.claims)).data as Group)).toContain(colleagues);
		});

		test.each<[string, (w: World) => Claims, string]>([
			['coordinator', (w) => w.coordinator.claims, 'not_allowed'],
			['councillor', (w) => w.councillor.claims, 'not_allowed'],
			['coordinator of another organisation', (w) => w.otherCoordinator.claims, 'not_allowed'],
			['anon', () => ANON, 'permission denied'],
			['service', () => SERVICE, 'permission denied']
		])('%s is refused', async (_, who, reason) => {
			const { data, error } = await read(who(w));
			expect(data).toBeNull();
			expect(error?.code).toBe('42501');
			expect(error?.message).toContain(reason);
		});

		test('a revoked session reads nothing, at once', async () => {
			const extra = await backend().sql<{ id: string }>(
				`insert into app.sessions (interviewer_id, token_hash, expires_at)
				 select interviewer_id, extensions.gen_random_bytes(32), expires_at
				 from app.sessions where id = $1 returning id`,
				[w.colleague.sessionId]
			);
			const claims = { ...w.colleague.claims, session_id: extra[0].id };
			expect((await read(claims)).error).toBeNull();
			await backend().sql(`update app.sessions set revoked_at = now() where id = $1`, [
				extra[0].id
			]);
			expect((await read(claims)).error).toMatchObject({ code: '42501', message: 'not_allowed' });
		});
	});

	describe('from the evening on, and after publication', () => {
		beforeAll(async () => {
			await openEvening(backend(), w);
		});

		test('the group still reads it, no longer editable; staff and the audience still do not', async () => {
			const group = (await read(w.colleague.claims)).data as Group;
			expect(statements(group)).toEqual([colleagues, `Bevinding ${w.secret}`, loose]);
			expect(group.editable).toBe(false);
			expect((await read(w.coordinator.claims)).error).toMatchObject({ message: 'not_allowed' });
			expect((await read(ANON)).error).toMatchObject({ code: '42501' });
		});

		test('a withdrawal during the evening leaves the list at once', async () => {
			expect(
				(await backend().rpc(w.presenter.claims, 'finding_withdraw', { p_id: await idOf(loose) }))
					.error
			).toBeNull();
			expect(statements((await read(w.author.claims)).data as Group)).toEqual([
				colleagues,
				`Bevinding ${w.secret}`
			]);
		});

		test('published: the group still reads it; the coordinator still through the public pages only', async () => {
			expect(
				(await backend().rpc(w.presenter.claims, 'evening_close', { p_round_id: w.roundA.id }))
					.error
			).toBeNull();
			expect(
				(await backend().rpc(w.coordinator.claims, 'round_publish', { p_round_id: w.roundA.id }))
					.error
			).toBeNull();
			const group = (await read(w.author.claims)).data as Group;
			expect(statements(group)).toEqual([colleagues, `Bevinding ${w.secret}`]);
			expect(group.editable).toBe(false);
			expect((await read(w.coordinator.claims)).error).toMatchObject({ message: 'not_allowed' });
		});
	});

	async function idOf(statement: string): Promise<string> {
		const [row] = await backend().sql<{ id: string }>(
			`select id from app.findings where statement = $1`,
			[statement]
		);
		return row.id;
	}
});
