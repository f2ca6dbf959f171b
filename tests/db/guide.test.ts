// The guide editor (issue 10): only the round's own coordinators edit; a version with interviews
// is frozen for everyone, the owner included, and an edit then makes a new version; keys are
// checked; youth rounds let their own interviewers add questions, and only them.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends, type Backend } from './harness';
import {
	ANON,
	createInterviewer,
	createRound,
	createWorld,
	SERVICE,
	type Round,
	type World
} from './fixtures';
import type { Claims } from '$lib/server/supabase';

type Q = { id: string; prompt: string; key: string; position: number; origin: string };
type Guide = {
	version: number;
	frozen: boolean;
	editable: boolean;
	questions: Q[];
	versions: { version: number; questions: number; interviews: number; by_interviewers: boolean }[];
	earlier: { key: string }[];
};

const open = (prompt = 'Wat wilt u nog kwijt?') => ({
	p_kind: 'open',
	p_prompt: prompt,
	p_theme: 'Toegang'
});

describeBackends('the guide editor', (backend) => {
	let w: World;
	let b: Backend;
	const guide = async (round: string, who: Claims = w.coordinator.claims, version?: number) => {
		const { data, error } = await b.rpc(who, 'guide_get', {
			p_round_id: round,
			...(version ? { p_version: version } : {})
		});
		if (error) throw new Error(`guide_get: ${error.message}`);
		return data as Guide;
	};
	const save = (round: string, args: Record<string, unknown>, who = w.coordinator.claims) =>
		b.rpc(who, 'guide_question_save', { p_question_id: null, ...args, p_round_id: round });
	const version = async (round: string) =>
		(
			await b.sql<{ v: number }>(`select guide_version as v from app.rounds where id = $1`, [round])
		)[0].v;

	beforeAll(async () => {
		b = backend();
		w = await createWorld(b);
	});

	test('in a concept round the coordinator adds, edits, moves and deletes in place', async () => {
		const c = await createRound(b, w.org, 'concept');
		const added = await save(c.id, open());
		expect(added.error).toBeNull();
		expect(added.data).toMatchObject({ guide_version: 1 });
		const id = (added.data as { id: string }).id;
		expect(
			(
				await save(c.id, {
					p_question_id: id,
					p_kind: 'scale',
					p_prompt: 'Hoe tevreden bent u?',
					p_theme: 'Resultaat',
					p_scale_min_label: 'Niet',
					p_scale_max_label: 'Heel erg'
				})
			).error
		).toBeNull();
		const move = await b.rpc(w.coordinator.claims, 'guide_question_move', {
			p_round_id: c.id,
			p_question_id: id,
			p_position: 0
		});
		expect(move.error).toBeNull();
		let g = await guide(c.id);
		expect(g.version).toBe(1);
		expect(g.questions.map((q) => q.position)).toEqual([0, 1, 2, 3, 4]);
		expect(g.questions[0]).toMatchObject({ id, prompt: 'Hoe tevreden bent u?' });
		// Past the end means last.
		await b.rpc(w.coordinator.claims, 'guide_question_move', {
			p_round_id: c.id,
			p_question_id: id,
			p_position: 99
		});
		g = await guide(c.id);
		expect(g.questions.at(-1)?.id).toBe(id);
		const del = await b.rpc(w.coordinator.claims, 'guide_question_delete', {
			p_round_id: c.id,
			p_question_id: c.questions.open
		});
		expect(del.error).toBeNull();
		g = await guide(c.id);
		expect(g.questions.map((q) => q.position)).toEqual([0, 1, 2, 3]);
		expect(g.versions).toHaveLength(1);
	});

	test('an edit of a version with interviews makes a new version; the old one stays', async () => {
		// Round A's version 1 has the author's interview.
		const before = await guide(w.roundA.id);
		expect(before).toMatchObject({ version: 1, frozen: true });
		const edit = await save(w.roundA.id, {
			p_question_id: w.roundA.questions.open,
			...open('Hoe was het eerste contact met ons?'),
			p_theme: 'Eerste contact'
		});
		expect(edit.error).toBeNull();
		expect(edit.data).toMatchObject({ guide_version: 2 });
		expect(await version(w.roundA.id)).toBe(2);
		const v1 = await guide(w.roundA.id, w.coordinator.claims, 1);
		const v2 = await guide(w.roundA.id);
		expect(v1.questions.find((q) => q.id === w.roundA.questions.open)?.prompt).toBe(
			'Hoe was het eerste contact?'
		);
		const changed = v2.questions.find((q) => q.prompt === 'Hoe was het eerste contact met ons?');
		// The same question keeps its key in the new version, so results add up across versions.
		expect(changed?.key).toBe(v1.questions.find((q) => q.id === w.roundA.questions.open)?.key);
		expect(changed?.id).not.toBe(w.roundA.questions.open);
		expect(v2.versions.map((v) => [v.version, v.interviews])).toEqual([
			[2, 0],
			[1, 1]
		]);
		// The interview keeps its version.
		const [row] = await b.sql<{ v: number }>(
			`select guide_version as v from app.interviews where id = $1`,
			[w.interviewId]
		);
		expect(row.v).toBe(1);
		// Version 2 has no interviews yet, but it is fieldwork: a phone may hold version 2
		// offline with a draft that answers it. So a second edit makes version 3 (also when the
		// editor posts the id of version 1 it showed before), and version 2 stays as it was.
		const again = await save(w.roundA.id, {
			p_question_id: w.roundA.questions.open,
			...open('Hoe was het eerste contact met de hulp?'),
			p_theme: 'Eerste contact'
		});
		expect(again.data).toMatchObject({ guide_version: 3 });
		const v2after = await guide(w.roundA.id, w.coordinator.claims, 2);
		expect(v2after.questions.find((q) => q.id === changed?.id)?.prompt).toBe(
			'Hoe was het eerste contact met ons?'
		);
	});

	test('nobody changes a version that has interviews, not even the server or the owner', async () => {
		const attempts = [
			`update app.questions set prompt = 'Vervalst?' where id = $1`,
			`delete from app.questions where id = $1`,
			`insert into app.questions (round_id, guide_version, position, kind, prompt, theme)
			 select round_id, 1, 30, 'open', 'Stiekem erbij?', 'Extra' from app.questions where id = $1`
		];
		for (const sql of attempts) {
			await expect(b.sql(sql, [w.roundA.questions.scale])).rejects.toThrow(/guide_frozen/);
			const asService = await b.asRole(SERVICE, sql, [w.roundA.questions.scale]);
			expect(asService.error?.message).toBe('guide_frozen');
		}
		const v1 = await guide(w.roundA.id, w.coordinator.claims, 1);
		expect(v1.questions).toHaveLength(4);
		expect(v1.questions.map((q) => q.prompt)).not.toContain('Vervalst?');
	});

	test('only the round’s own coordinators edit it', async () => {
		const others: [string, Claims, string][] = [
			['anon', ANON, 'denied'],
			['municipal user', w.councillor.claims, 'not_allowed'],
			['other organisation', w.otherCoordinator.claims, 'not_found'],
			['interviewer', w.author.claims, 'not_allowed'],
			['presenter', w.presenter.claims, 'not_allowed']
		];
		const before = await version(w.roundB.id);
		for (const [who, claims, reason] of others) {
			const calls = [
				save(w.roundB.id, open('Een vraag van buiten?'), claims),
				b.rpc(claims, 'guide_question_delete', {
					p_round_id: w.roundB.id,
					p_question_id: w.roundB.questions.open
				}),
				b.rpc(claims, 'guide_question_move', {
					p_round_id: w.roundB.id,
					p_question_id: w.roundB.questions.open,
					p_position: 3
				}),
				b.rpc(claims, 'round_set_own_questions', { p_round_id: w.roundB.id, p_allowed: false })
			];
			for (const { error } of await Promise.all(calls)) {
				const got = error && /permission denied/.test(error.message) ? 'denied' : error?.message;
				expect({ who, got }).toEqual({ who, reason: undefined, got: reason });
			}
		}
		// The municipal user reads the guide, but may not edit it; another organisation finds none.
		expect((await guide(w.roundB.id, w.councillor.claims)).editable).toBe(false);
		const other = await b.rpc(w.otherCoordinator.claims, 'guide_get', { p_round_id: w.roundB.id });
		expect(other.error?.message).toBe('not_found');
		expect(await version(w.roundB.id)).toBe(before);
		const g = await guide(w.roundB.id);
		expect(g.questions.map((q) => q.prompt)).not.toContain('Een vraag van buiten?');
	});

	test('bad input is refused at its field and changes nothing', async () => {
		const c = await createRound(b, w.org, 'concept');
		const cases: [Record<string, unknown>, string][] = [
			[{ p_kind: 'essay' }, 'kind'],
			[{ p_prompt: ' ja ' }, 'prompt'],
			[{ p_prompt: 'x'.repeat(301) }, 'prompt'],
			[{ p_theme: 'Geen thema van ons' }, 'theme'],
			[{ p_kind: 'scale', p_scale_min_label: 'Slecht' }, 'scale_max_label'],
			[{ p_kind: 'scale', p_scale_max_label: 'Goed' }, 'scale_min_label'],
			[{ p_kind: 'single', p_options: ['Ja'] }, 'options'],
			[{ p_kind: 'multi', p_options: ['Ja', ' Ja '] }, 'options'],
			[{ p_key: 'Niet Goed!' }, 'key'],
			// A well-formed key that no other round of the organisation has.
			[{ p_key: 'bestaat-niet' }, 'key'],
			// Another organisation's round's key is not "an earlier round of ours".
			[{ p_key: await keyOf(b, w.roundOther) }, 'key']
		];
		for (const [args, hint] of cases) {
			const { error } = await save(c.id, { ...open(), ...args });
			expect({ args, error: error && { message: error.message, hint: error.hint } }).toEqual({
				args,
				error: { message: 'invalid_input', hint }
			});
		}
		expect((await guide(c.id)).questions).toHaveLength(4);
		// The last question cannot go: an interview needs one.
		const one = await createRound(b, w.org, 'concept');
		const ids = (await guide(one.id)).questions.map((q) => q.id);
		for (const id of ids.slice(1)) {
			await b.rpc(w.coordinator.claims, 'guide_question_delete', {
				p_round_id: one.id,
				p_question_id: id
			});
		}
		const last = await b.rpc(w.coordinator.claims, 'guide_question_delete', {
			p_round_id: one.id,
			p_question_id: ids[0]
		});
		expect(last.error?.message).toBe('last_question');
	});

	test('a question takes over the key of an earlier round’s question: the same question', async () => {
		const c = await createRound(b, w.org, 'concept');
		const key = await keyOf(b, w.roundB);
		const g = await guide(c.id);
		expect(g.earlier.map((e) => e.key)).toContain(key);
		const { error } = await save(c.id, { p_question_id: g.questions[0].id, ...open(), p_key: key });
		expect(error).toBeNull();
		expect((await guide(c.id)).questions[0].key).toBe(key);
		// Not twice in one guide.
		const twice = await save(c.id, { ...open('Nog eens dezelfde?'), p_key: key });
		expect(twice.error?.hint).toBe('key');
	});

	test('no edits once the evening is on', async () => {
		const r = await createRound(b, w.org, 'avond');
		const { error } = await save(r.id, open());
		expect(error?.message).toBe('wrong_state');
	});

	describe('youth rounds: the interviewers add their own questions', () => {
		let youth: Round;
		let peer: Awaited<ReturnType<typeof createInterviewer>>;
		let other: Awaited<ReturnType<typeof createInterviewer>>;
		const add = (who: Claims, prompt = 'Wat vind jij van je hulpverlener?') =>
			b.rpc(who, 'own_question_add', { p_kind: 'open', p_prompt: prompt, p_theme: 'Bejegening' });

		beforeAll(async () => {
			youth = await createRound(b, w.org, 'veldwerk');
			await b.sql(`update app.rounds set target_group = 'jongeren' where id = $1`, [youth.id]);
			peer = await createInterviewer(b, youth.id);
			other = await createInterviewer(b, youth.id);
		});

		test('only a youth round can allow it, and only its coordinator sets it', async () => {
			const parents = await b.rpc(w.coordinator.claims, 'round_set_own_questions', {
				p_round_id: w.roundB.id,
				p_allowed: true
			});
			expect(parents.error?.hint).toBe('allowed');
			expect((await add(peer.claims)).error?.message).toBe('not_allowed');
			const set = await b.rpc(w.coordinator.claims, 'round_set_own_questions', {
				p_round_id: youth.id,
				p_allowed: true
			});
			expect(set.error).toBeNull();
		});

		test('their question enters the guide as a new version, without approval', async () => {
			const before = await version(youth.id);
			const { data, error } = await add(peer.claims);
			expect(error).toBeNull();
			expect(data).toMatchObject({ guide_version: before + 1 });
			const g = await guide(youth.id);
			expect(g.questions.at(-1)).toMatchObject({
				prompt: 'Wat vind jij van je hulpverlener?',
				origin: 'interviewer'
			});
			expect(g.versions[0]).toMatchObject({ version: before + 1, by_interviewers: true });
			// Bad input as for the coordinator.
			const bad = await b.rpc(peer.claims, 'own_question_add', {
				p_kind: 'single',
				p_prompt: 'Kies maar?',
				p_theme: 'Bejegening',
				p_options: ['Ja']
			});
			expect(bad.error?.hint).toBe('options');
		});

		test('who added it is shown to the group only', async () => {
			const mine = await b.rpc(other.claims, 'own_questions', {});
			const own = (mine.data as { questions: { origin: string; added_by: string | null }[] })
				.questions;
			expect(own.find((q) => q.origin === 'interviewer')?.added_by).toBe(peer.name);
			// Staff see that an interviewer added it, never who: not in the guide, not in the table.
			const staffView = JSON.stringify(await guide(youth.id));
			expect(staffView).not.toContain(peer.name);
			const direct = await b.asRole(w.coordinator.claims, `select * from app.question_authors`);
			expect(direct.rows ?? []).toEqual([]);
			for (const claims of [ANON, w.councillor.claims, w.author.claims]) {
				const r = await b.asRole(claims, `select * from app.question_authors where round_id = $1`, [
					youth.id
				]);
				expect(r.rows ?? []).toEqual([]);
			}
		});

		// app.own_question_limits: 20 per interviewer per hour, 60 per round. The rows are written
		// directly, so the test does not add 60 questions one by one.
		const seed = (n: number, interviewer: string | null, ago: string) =>
			b.sql(
				`insert into app.question_authors (round_id, key, interviewer_id, added_at)
				select $1, gen_random_uuid()::text, $2, now() - $3::interval from generate_series(1, $4)`,
				[youth.id, interviewer, ago, n]
			);

		test('one interviewer adding many in an hour is stopped; an hour later it works again', async () => {
			const busy = await createInterviewer(b, youth.id);
			await seed(19, busy.id, '10 minutes');
			await seed(30, busy.id, '2 hours'); // older than an hour: does not count
			const before = await version(youth.id);
			expect((await add(busy.claims, 'Nummer twintig?')).error).toBeNull();
			const refused = await add(busy.claims, 'Nummer eenentwintig?');
			expect(refused.error?.message).toBe('own_questions_hour');
			expect(await version(youth.id)).toBe(before + 1);
			// The rest of the group goes on.
			expect((await add(other.claims, 'Wat wil jij nog zeggen?')).error).toBeNull();
		});

		test('the round as a whole has a ceiling too', async () => {
			const [{ n }] = await b.sql<{ n: number }>(
				`select count(*)::int as n from app.question_authors where round_id = $1`,
				[youth.id]
			);
			// Authors that left the round (interviewer_id null) count as well.
			await seed(59 - n, null, '3 hours');
			const fresh = await createInterviewer(b, youth.id);
			expect((await add(fresh.claims, 'De laatste vraag?')).error).toBeNull();
			const before = await version(youth.id);
			const refused = await add(fresh.claims, 'Nog eentje?');
			expect(refused.error?.message).toBe('own_questions_round');
			expect(await version(youth.id)).toBe(before);
		});

		test('nobody but the round’s own interviewers adds youth questions', async () => {
			const before = await version(youth.id);
			for (const who of [
				w.coordinator.claims,
				w.councillor.claims,
				w.author.claims,
				w.otherOrgInterviewer.claims
			]) {
				expect((await add(who, 'Een vraag van buiten?')).error?.message).toBe('not_allowed');
			}
			const anon = await add(ANON);
			expect(anon.error).not.toBeNull();
			expect(await version(youth.id)).toBe(before);
		});
	});
});

async function keyOf(b: Backend, round: Round): Promise<string> {
	const [row] = await b.sql<{ key: string }>(`select key from app.questions where id = $1`, [
		round.questions.scale
	]);
	return row.key;
}
