// Municipal users (a municipal officer or councillor): staff tied to municipalities of their own
// organisation, who log in like a coordinator and edit nothing. Revoking any staff member cuts
// them off at the next request. Questions carry a stable key, one per question per guide version.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import {
	SERVICE,
	createOrganisation,
	createStaff,
	createWorld,
	uid,
	type Staff,
	type World
} from './fixtures';

describeBackends('municipal accounts', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend(), 'concept');
	});

	const login = (s: Staff) =>
		backend().rpc(SERVICE, 'session_login', {
			p_email: s.email,
			p_password: s.password,
			p_client_key: `key-${uid()}`
		});

	test('a municipal user logs in through the ordinary login and is known as municipal', async () => {
		const { data, error } = await login(w.councillor);
		expect(error).toBeNull();
		const token = (data as { token: string }).token;
		const resolved = await backend().rpc(SERVICE, 'session_resolve', { p_token: token });
		expect(resolved.data).toMatchObject({ kind: 'staff', role: 'municipal' });
		const me = await backend().rpc(w.councillor.claims, 'staff_me');
		expect(me.data).toMatchObject({ role: 'municipal', organisation: { id: w.org.id } });
	});

	test('a municipal user cannot create or change rounds or guides', async () => {
		const create = await backend().rpc(w.councillor.claims, 'round_create', {
			p_title: 'Niet van mij',
			p_target_group: 'ouders',
			p_municipality_ids: w.org.municipalityIds.slice(0, 1),
			p_questions: [{ kind: 'open', prompt: 'Hoe ging het?', theme: 'Toegang' }]
		});
		expect(create.error).toMatchObject({ code: '42501', message: 'not_allowed' });
		const start = await backend().rpc(w.councillor.claims, 'round_start_fieldwork', {
			p_round_id: w.roundA.id
		});
		expect(start.error).toMatchObject({ code: '42501', message: 'not_allowed' });
		// Straight at the table: the coordinator-only policy refuses the question. (Round B: round
		// A's guide has an interview, and a frozen version is refused before any policy.)
		const insert = await backend().asRole(
			w.councillor.claims,
			`insert into app.questions (round_id, guide_version, position, kind, prompt, theme)
			 values ($1, 1, 30, 'open', 'Een vraag van de gemeente?', 'Toegang')`,
			[w.roundB.id]
		);
		expect(insert.error).toMatchObject({ code: '42501' });
	});

	describe('municipality links', () => {
		test('staff of the organisation see who works for which municipality; others see nothing', async () => {
			const query = `select municipality_id from app.staff_municipalities where staff_id = $1`;
			const expected = [{ municipality_id: w.org.municipalityIds[0] }];
			for (const who of [w.coordinator, w.councillor]) {
				const { rows } = await backend().asRole(who.claims, query, [w.councillor.id]);
				expect(rows).toEqual(expected);
			}
			for (const claims of [w.otherCoordinator.claims, w.author.claims]) {
				const { rows } = await backend().asRole(claims, query, [w.councillor.id]);
				expect(rows).toEqual([]);
			}
			const { rows } = await backend().asRole(
				w.councillor.claims,
				`select app.current_staff_municipality_ids() as id`
			);
			expect(rows).toEqual([{ id: w.org.municipalityIds[0] }]);
		});

		test('a link to another organisation’s municipality cannot exist', async () => {
			await expect(
				backend().sql(
					`insert into app.staff_municipalities (organisation_id, staff_id, municipality_id)
					 values ($1, $2, $3)`,
					[w.org.id, w.councillor.id, w.otherOrg.municipalityIds[0]]
				)
			).rejects.toMatchObject({ code: '23503' });
		});

		test('a coordinator has no municipality links', async () => {
			await expect(
				backend().sql(
					`insert into app.staff_municipalities (organisation_id, staff_id, municipality_id)
					 values ($1, $2, $3)`,
					[w.org.id, w.coordinator.id, w.org.municipalityIds[0]]
				)
			).rejects.toMatchObject({ code: '23514' });
		});

		test('nobody but the server writes links directly', async () => {
			for (const who of [w.coordinator, w.councillor]) {
				const { error } = await backend().asRole(
					who.claims,
					`insert into app.staff_municipalities (organisation_id, staff_id, municipality_id)
					 values ($1, $2, $3)`,
					[w.org.id, w.councillor.id, w.org.municipalityIds[1]]
				);
				expect(error).toMatchObject({ code: '42501' });
			}
		});
	});

	test('a revoked staff member is refused at the next request and cannot log in again', async () => {
		const org = await createOrganisation(backend());
		const officer = await createStaff(backend(), org.id, 'municipal', org.municipalityIds);
		expect((await backend().rpc(officer.claims, 'staff_me')).error).toBeNull();
		await backend().sql(`update app.staff set revoked_at = now() where id = $1`, [officer.id]);
		expect((await backend().rpc(officer.claims, 'staff_me')).error).toMatchObject({
			code: '42501',
			message: 'not_allowed'
		});
		const resolved = await backend().rpc(SERVICE, 'session_resolve', { p_token: officer.token });
		expect(resolved.data).toBeNull();
		expect((await login(officer)).data).toEqual({ error: 'login_failed' });
	});

	describe('question keys', () => {
		const create = (questions: Record<string, unknown>[]) =>
			backend().rpc(w.coordinator.claims, 'round_create', {
				p_title: `Sleutels ${uid()}`,
				p_target_group: 'ouders',
				p_municipality_ids: w.org.municipalityIds.slice(0, 1),
				p_questions: questions
			});
		const open = { kind: 'open', prompt: 'Hoe kwam u bij de hulp?', theme: 'Toegang' };

		test('round_create keeps a given key (a starter guide’s) and makes one where none is given', async () => {
			const key = `ouders-toegang-${uid()}`;
			const { data, error } = await create([
				{ ...open, key },
				{ ...open, prompt: 'En toen?' }
			]);
			expect(error).toBeNull();
			const rows = await backend().sql<{ key: string }>(
				`select key from app.questions where round_id = $1 order by position`,
				[(data as { id: string }).id]
			);
			expect(rows[0].key).toBe(key);
			expect(rows[1].key).toMatch(/^[0-9a-f-]{36}$/);
		});

		test.each([
			[
				'a key used twice in one guide',
				[
					{ ...open, key: 'dubbel' },
					{ ...open, key: 'dubbel' }
				]
			],
			['a key that is not well formed', [{ ...open, key: 'Geen Sleutel' }]],
			[
				'a scale with one label',
				[{ kind: 'scale', prompt: 'Hoe tevreden?', theme: 'Resultaat', scale_min_label: 'Slecht' }]
			],
			[
				'a choice with one option',
				[{ kind: 'single', prompt: 'Welke?', theme: 'Toegang', options: ['Alleen deze'] }]
			]
		])('%s is refused and no round is made', async (_what, questions) => {
			const before = await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.rounds where organisation_id = $1`,
				[w.org.id]
			);
			const { error } = await create(questions);
			expect(error).toMatchObject({ message: 'invalid_input', hint: 'questions' });
			const after = await backend().sql<{ n: number }>(
				`select count(*)::int as n from app.rounds where organisation_id = $1`,
				[w.org.id]
			);
			expect(after).toEqual(before);
		});

		test('every question has a key of its own', async () => {
			const rows = await backend().sql<{ key: string }>(
				`select key from app.questions where round_id = $1`,
				[w.roundA.id]
			);
			expect(rows.length).toBeGreaterThan(1);
			expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
		});

		test('a key is unique within a guide version and well formed', async () => {
			const insert = (key: string, position: number) =>
				backend().sql(
					`insert into app.questions (round_id, guide_version, position, kind, prompt, theme, key)
					 values ($1, 1, $2, 'open', 'Wat wilt u nog kwijt?', 'Resultaat', $3)`,
					[w.roundB.id, position, key]
				);
			const key = `ouders-extra-${uid()}`;
			await insert(key, 31);
			await expect(insert(key, 32)).rejects.toMatchObject({ code: '23505' });
			await expect(insert('Geen Sleutel!', 33)).rejects.toMatchObject({ code: '23514' });
			// The same key in another round's guide is the point: the same question, compared.
			// (Round A's guide has an interview and is frozen, so the keys go into B and X.)
			await backend().sql(
				`insert into app.questions (round_id, guide_version, position, kind, prompt, theme, key)
				 values ($1, 1, 31, 'open', 'Wat wilt u nog kwijt?', 'Resultaat', $2)`,
				[w.roundOther.id, key]
			);
		});
	});
});
