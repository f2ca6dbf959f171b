// An interviewer of round A cannot read round B (nor another organisation's round), and staff
// never reach another organisation's rounds: object-level checks (ASVS 8.2.2).
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createFinding, createInterview, createWorld, uid, type World } from './fixtures';

describeBackends('rounds are isolated from each other', (backend) => {
	let w: World;
	let secretB: string;
	beforeAll(async () => {
		w = await createWorld(backend());
		secretB = `RONDE-B-${uid()}`;
		const interviewB = await createInterview(backend(), w.roundB, w.interviewerB, secretB);
		await createFinding(backend(), w.roundB, w.interviewerB, secretB, interviewB);
	});

	const TABLES = [
		'rounds',
		'questions',
		'round_municipalities',
		'interviewers',
		'interviews',
		'answers',
		'findings',
		'evenings',
		'slides',
		'evening_events'
	];

	test.each(TABLES)('the author in round A sees no row of round B in app.%s', async (table) => {
		const column = table === 'rounds' ? 'id' : table === 'answers' ? 'interview_id' : 'round_id';
		const query =
			table === 'answers'
				? `select a.* from app.answers a where a.interview_id in (select id from app.interviews where round_id = $1)`
				: `select * from app.${table} where ${column} = $1`;
		const { rows } = await backend().asRole(w.author.claims, query, [w.roundB.id]);
		expect(rows).toEqual([]);
		// The same query as superuser proves round B has rows to hide (where it should).
		if (
			['rounds', 'questions', 'interviewers', 'interviews', 'findings', 'answers'].includes(table)
		) {
			expect((await backend().sql(query, [w.roundB.id])).length).toBeGreaterThan(0);
		}
	});

	test('the author reads their own round, so the refusals above are not blanket refusals', async () => {
		const { rows } = await backend().asRole(w.author.claims, `select id from app.rounds`);
		expect(rows).toEqual([{ id: w.roundA.id }]);
		const me = await backend().rpc(w.author.claims, 'interviewer_me');
		expect(me.data).toMatchObject({ round: { id: w.roundA.id } });
		expect(JSON.stringify(me.data)).not.toContain(w.roundB.id);
	});

	test('no api call of the author returns round B content', async () => {
		for (const fn of ['interviewer_me', 'my_interviews', 'my_findings']) {
			const { data } = await backend().rpc(w.author.claims, fn);
			expect(JSON.stringify(data)).not.toContain(secretB);
		}
		const slides = await backend().rpc(w.presenter.claims, 'presenter_slides', {
			p_round_id: w.roundB.id
		});
		expect(slides.error).toMatchObject({ message: 'not_presenter' });
	});

	test("staff of another organisation cannot get or change this organisation's rounds", async () => {
		const got = await backend().rpc(w.otherCoordinator.claims, 'round_get', {
			p_round_id: w.roundA.id
		});
		expect(got.error).toMatchObject({ code: 'P0002', message: 'not_found' });
		const list = await backend().rpc(w.otherCoordinator.claims, 'rounds_list');
		expect(JSON.stringify(list.data)).not.toContain(w.roundA.id);
		const revoke = await backend().rpc(w.otherCoordinator.claims, 'interviewer_revoke', {
			p_interviewer_id: w.author.id
		});
		expect(revoke.error).toMatchObject({ code: 'P0002' });
		const [row] = await backend().sql(
			`select i.is_presenter, (select count(*)::int from app.sessions s
				where s.interviewer_id = i.id and s.revoked_at is null) as live_sessions
			 from app.interviewers i where i.id = $1`,
			[w.author.id]
		);
		expect(row).toEqual({ is_presenter: false, live_sessions: 1 });
	});

	test('a councillor may look but not manage', async () => {
		const got = await backend().rpc(w.councillor.claims, 'round_get', { p_round_id: w.roundA.id });
		expect(got.error).toBeNull();
		for (const [fn, args] of [
			['round_start_fieldwork', { p_round_id: w.roundA.id }],
			['interviewer_revoke', { p_interviewer_id: w.author.id }]
		] as const) {
			const { error } = await backend().rpc(w.councillor.claims, fn, args);
			expect(error).toMatchObject({ code: '42501', message: 'not_allowed' });
		}
	});

	test('interviewers cannot call staff functions, staff cannot call interviewer functions', async () => {
		for (const fn of ['staff_me', 'rounds_list', 'municipalities_list']) {
			const { error } = await backend().rpc(w.author.claims, fn);
			expect(error).toMatchObject({ code: '42501' });
		}
		for (const fn of ['interviewer_me', 'my_interviews', 'my_findings']) {
			const { error } = await backend().rpc(w.coordinator.claims, fn);
			expect(error).toMatchObject({ code: '42501' });
		}
	});
});
