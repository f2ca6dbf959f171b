// After the evening: public responses to a finding and the peers' verdicts on them (API.md,
// "After the evening"). Nothing exists before publication; a response never changes its finding
// (the chain still klopt, the fingerprint stays); nobody alters or removes a finding or an
// earlier response; a municipal user answers only rounds that cover their municipality; only the
// round's own interviewers give verdicts, one each per response; bad input changes nothing.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { verifyChain } from '$lib/verify/index.js';
import { describeBackends } from './harness';
import {
	ANON,
	SERVICE,
	createFinding,
	createStaff,
	createWorld,
	identities,
	openEvening,
	type Staff,
	type World
} from './fixtures';

const POST = {
	p_status: 'wordt_opgepakt',
	p_body: 'We spreken dit door met alle wijkteams.',
	p_reason: null,
	p_planned_for: null
};

describeBackends('public responses and the peers’ verdict', (backend) => {
	let w: World;
	// A municipal user of the organisation's third municipality, which round A does not cover.
	let elsewhere: Staff;
	let findingB: string;
	let responseB: string;
	let first: string;
	let second: string;
	let fingerprint: string;

	const post = (who: Claims, args: Record<string, unknown> = {}, finding = w.findingId) =>
		backend().rpc(who, 'response_post', { p_finding_id: finding, ...POST, ...args });
	const judge = (who: Claims, response: string, verdict = 'helpt', comment: string | null = null) =>
		backend().rpc(who, 'verdict_give', {
			p_response_id: response,
			p_verdict: verdict,
			p_comment: comment
		});
	const counts = async () => {
		const [row] = await backend().sql<{ responses: string; verdicts: string }>(
			`select (select count(*) from app.responses) as responses,
				(select count(*) from app.verdicts) as verdicts`
		);
		return { responses: Number(row.responses), verdicts: Number(row.verdicts) };
	};
	const finding = async () => {
		const [row] = await backend().sql(
			`select statement, quote, theme, updated_at, withdrawn_at from app.findings where id = $1`,
			[w.findingId]
		);
		return row;
	};
	const verification = async () => {
		const { data, error } = await backend().rpc(ANON, 'round_verification', {
			p_evening_code: w.roundA.eveningCode
		});
		expect(error).toBeNull();
		return verifyChain(data);
	};
	const story = async (who: Claims = ANON) => {
		const { data, error } = await backend().rpc(who, 'finding_story', {
			p_finding_id: w.findingId
		});
		expect(error).toBeNull();
		return data as {
			finding: { statement: string };
			responses: Array<{
				id: string;
				status: string;
				author_role: string;
				verdicts: Record<string, number>;
				comments: Array<{ verdict: string; comment: string }>;
			}>;
			viewer: { can_respond: boolean; can_judge: boolean; verdicts: unknown[] };
		};
	};

	beforeAll(async () => {
		w = await createWorld(backend());
		elsewhere = await createStaff(backend(), w.org.id, 'municipal', [w.org.municipalityIds[2]]);
		findingB = await createFinding(backend(), w.roundB, w.interviewerB, 'B');
	});

	describe('before publication nothing of this exists', () => {
		test('not during fieldwork, not while the evening runs, not after it closed', async () => {
			expect((await post(w.coordinator.claims)).error).toMatchObject({ message: 'not_found' });
			await openEvening(backend(), w);
			expect((await post(w.coordinator.claims)).error).toMatchObject({ message: 'wrong_state' });
			expect((await post(w.councillor.claims)).error).toMatchObject({ message: 'wrong_state' });
			const { error } = await backend().rpc(w.presenter.claims, 'evening_close', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
			expect((await post(w.coordinator.claims)).error).toMatchObject({ message: 'wrong_state' });
			expect(await counts()).toEqual({ responses: 0, verdicts: 0 });
		});

		test('the page and the feed do not exist yet, for anyone', async () => {
			for (const who of [ANON, w.coordinator.claims, w.author.claims]) {
				const page = await backend().rpc(who, 'finding_story', { p_finding_id: w.findingId });
				expect(page.error).toMatchObject({ code: 'P0002', message: 'not_found' });
			}
			const feed = await backend().rpc(ANON, 'round_responses', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(feed.error).toMatchObject({ code: 'P0002', message: 'not_found' });
		});

		test('not even the database owner can insert a response before publication', async () => {
			await expect(
				backend().sql(
					`insert into app.responses (finding_id, status, body, author_role)
					 values ($1, 'afgerond', 'Stiekem alvast', 'coordinator')`,
					[w.findingId]
				)
			).rejects.toThrow(/wrong_state/);
			expect(await counts()).toEqual({ responses: 0, verdicts: 0 });
		});
	});

	describe('after publication', () => {
		beforeAll(async () => {
			fingerprint = (await verification()).fingerprint!;
			const published = await backend().rpc(w.coordinator.claims, 'round_publish', {
				p_round_id: w.roundA.id
			});
			expect(published.error).toBeNull();
			// Round B went through its evening too (written directly: its course is not under test).
			await backend().sql(
				`insert into app.evenings (round_id, opened_at, closed_at) values ($1, now(), now())`,
				[w.roundB.id]
			);
			await backend().sql(
				`update app.rounds set state = 'gepubliceerd', published_at = now() where id = $1`,
				[w.roundB.id]
			);
			const b = await post(w.coordinator.claims, {}, findingB);
			expect(b.error).toBeNull();
			responseB = (b.data as { id: string }).id;
		});

		test('a municipal user of a covered municipality responds, then a coordinator follows up', async () => {
			const before = await finding();
			const one = await post(w.councillor.claims, {
				p_status: 'in_onderzoek',
				p_body: 'De gemeente zoekt uit hoe lang de wachtlijst echt is.',
				p_planned_for: '2099-03-01'
			});
			expect(one.error).toBeNull();
			first = (one.data as { id: string }).id;
			const two = await post(w.coordinator.claims, {
				p_status: 'niet_mogelijk',
				p_body: 'Een vaste hulpverlener voor iedereen lukt ons niet.',
				p_reason: 'Er zijn te weinig hulpverleners in de regio.'
			});
			expect(two.error).toBeNull();
			second = (two.data as { id: string }).id;

			expect(await finding()).toEqual(before);
			const verdict = await verification();
			expect(verdict.problems).toEqual([]);
			expect(verdict.fingerprint).toBe(fingerprint);

			const page = await story();
			expect(page.finding.statement).toContain(w.secret);
			expect(page.responses.map((r) => [r.id, r.status, r.author_role])).toEqual([
				[first, 'in_onderzoek', 'municipal'],
				[second, 'niet_mogelijk', 'coordinator']
			]);
			expect(page.viewer).toEqual({ can_respond: false, can_judge: false, verdicts: [] });
			expect((await story(w.councillor.claims)).viewer.can_respond).toBe(true);
		});

		test('each response is in the public audit trail', async () => {
			const { data } = await backend().rpc(ANON, 'round_audit', {
				p_evening_code: w.roundA.eveningCode
			});
			const events = (data as { events: Array<{ kind: string; subject_name: string }> }).events;
			expect(events.filter((e) => e.kind === 'response_posted').map((e) => e.subject_name)).toEqual(
				['in_onderzoek', 'niet_mogelijk']
			);
		});

		test.each([
			['a municipal user of a municipality the round does not cover', 'elsewhere', 'not_allowed'],
			['a coordinator of another organisation', 'other-org', 'not_found'],
			['an interviewer of the round', 'author', 'not_allowed']
		])('%s cannot respond', async (_, who, reason) => {
			const claims =
				who === 'elsewhere'
					? elsewhere.claims
					: who === 'other-org'
						? w.otherCoordinator.claims
						: w.author.claims;
			const before = await counts();
			expect((await post(claims)).error).toMatchObject({ message: reason });
			expect(await counts()).toEqual(before);
			expect((await story(claims)).viewer.can_respond).toBe(false);
		});

		test('the public cannot respond at all', async () => {
			expect((await post(ANON)).error).toMatchObject({ code: '42501' });
		});

		test('nobody alters or removes a finding or an earlier response, at the SQL level', async () => {
			const before = await finding();
			const [{ body }] = await backend().sql<{ body: string }>(
				`select body from app.responses where id = $1`,
				[first]
			);
			for (const [who, claims] of Object.entries({
				...identities(w),
				'municipal user elsewhere': elsewhere.claims,
				service_role: SERVICE
			})) {
				for (const sql of [
					`update app.responses set body = 'Weggepoetst', status = 'afgerond' where id = $1 returning id`,
					`delete from app.responses where id = $1 returning id`,
					`update app.findings set statement = 'Weggepoetst' where id = $2 returning id`,
					`delete from app.findings where id = $2 returning id`
				]) {
					const { rows, error } = await backend().asRole(claims, sql, [first, w.findingId]);
					expect(error !== null || rows.length === 0, `${who}: ${sql}`).toBe(true);
				}
			}
			// The owner (the superuser the tests connect as) meets the same triggers.
			await expect(
				backend().sql(`update app.responses set body = 'Weg' where id = $1`, [first])
			).rejects.toThrow(/append_only/);
			await expect(
				backend().sql(`delete from app.responses where id = $1`, [first])
			).rejects.toThrow(/append_only/);
			await expect(backend().sql(`truncate app.responses cascade`)).rejects.toThrow(/append_only/);
			const [after] = await backend().sql<{ body: string }>(
				`select body from app.responses where id = $1`,
				[first]
			);
			expect(after.body).toBe(body);
			expect(await finding()).toEqual(before);
		});

		test('the round’s interviewers give verdicts, one each per response, and may change theirs', async () => {
			expect(
				(await judge(w.author.claims, first, 'helpt_nog_niet', 'Wanneer weten we meer?')).error
			).toBeNull();
			expect((await judge(w.colleague.claims, first, 'helpt')).error).toBeNull();
			expect(
				(await judge(w.presenter.claims, second, 'gaat_langs_ons_heen', 'Dit is geen antwoord.'))
					.error
			).toBeNull();
			// Again: the author's own verdict changes, there is still one.
			expect(
				(await judge(w.author.claims, first, 'gaat_langs_ons_heen', 'Te vaag.')).error
			).toBeNull();
			const [{ n }] = await backend().sql<{ n: string }>(
				`select count(*) as n from app.verdicts where response_id = $1 and interviewer_id = $2`,
				[first, w.author.id]
			);
			expect(Number(n)).toBe(1);

			const page = await story();
			expect(page.responses[0].verdicts).toEqual({
				helpt: 1,
				helpt_nog_niet: 0,
				gaat_langs_ons_heen: 1
			});
			expect(page.responses[0].comments).toEqual([
				expect.objectContaining({ verdict: 'gaat_langs_ons_heen', comment: 'Te vaag.' })
			]);
			expect(page.responses[1].verdicts).toEqual({
				helpt: 0,
				helpt_nog_niet: 0,
				gaat_langs_ons_heen: 1
			});
			// Never who said it: no interviewer's name or id reaches the public page.
			const text = JSON.stringify(page);
			for (const p of [w.author, w.colleague, w.presenter]) {
				expect(text).not.toContain(p.name);
				expect(text).not.toContain(p.id);
			}
			const mine = await story(w.author.claims);
			expect(mine.viewer).toMatchObject({ can_judge: true, can_respond: false });
			expect(mine.viewer.verdicts).toEqual([
				{ response_id: first, verdict: 'gaat_langs_ons_heen', comment: 'Te vaag.' }
			]);
		});

		test.each([
			['an interviewer of another round', 'B', 'other_round'],
			['a coordinator', 'coordinator', 'not_allowed'],
			['a municipal user', 'councillor', 'not_allowed']
		])('%s gives no verdict', async (_, who, reason) => {
			const claims =
				who === 'B'
					? w.interviewerB.claims
					: who === 'coordinator'
						? w.coordinator.claims
						: w.councillor.claims;
			const before = await counts();
			expect((await judge(claims, first)).error).toMatchObject({ message: reason });
			expect(await counts()).toEqual(before);
		});

		test('the public gives no verdict', async () => {
			expect((await judge(ANON, first)).error).toMatchObject({ code: '42501' });
		});

		test('an interviewer cannot hand in a verdict as someone else, at the SQL level', async () => {
			const { error } = await backend().asRole(
				w.interviewerB.claims,
				`insert into app.verdicts (response_id, interviewer_id, round_id, verdict)
				 values ($1, $2, $3, 'helpt')`,
				[first, w.colleague.id, w.roundA.id]
			);
			expect(error).toMatchObject({ code: '42501' });
			const { rows } = await backend().asRole(
				w.interviewerB.claims,
				`update app.verdicts set verdict = 'helpt' where response_id = $1 returning 1`,
				[first]
			);
			expect(rows).toEqual([]);
			await expect(
				backend().sql(`delete from app.verdicts where response_id = $1`, [first])
			).rejects.toThrow(/append_only/);
		});

		const BAD_RESPONSES: Array<[string, Record<string, unknown>, string, string]> = [
			['an empty response', { p_body: '   ' }, 'invalid_input', 'body'],
			['an overlong response', { p_body: 'x'.repeat(2001) }, 'invalid_input', 'body'],
			['an unknown status', { p_status: 'opgelost' }, 'invalid_input', 'status'],
			['no status', { p_status: null }, 'invalid_input', 'status'],
			[
				'"niet mogelijk" without a reason',
				{ p_status: 'niet_mogelijk' },
				'reason_required',
				'reason'
			],
			[
				'an overlong reason',
				{ p_status: 'niet_mogelijk', p_reason: 'x'.repeat(1001) },
				'invalid_input',
				'reason'
			],
			['a planned date in the past', { p_planned_for: '2001-01-01' }, 'date_in_past', 'planned_for']
		];
		test.each(BAD_RESPONSES)('%s is refused and changes nothing', async (_, args, reason, hint) => {
			const before = await counts();
			const { error } = await post(w.coordinator.claims, args);
			expect(error).toMatchObject({ code: 'P0001', message: reason, hint });
			expect(await counts()).toEqual(before);
		});

		const BAD_VERDICTS: Array<[string, () => [string, string, string | null], string]> = [
			['an unknown verdict', () => [first, 'top', null], 'invalid_input'],
			['an overlong comment', () => [first, 'helpt', 'x'.repeat(281)], 'invalid_input'],
			['a verdict on another round’s finding', () => [responseB, 'helpt', null], 'other_round'],
			[
				'a verdict on a response that does not exist',
				() => ['00000000-0000-4000-8000-000000000000', 'helpt', null],
				'not_found'
			]
		];
		test.each(BAD_VERDICTS)('%s is refused and changes nothing', async (_, args, reason) => {
			const [{ verdict: was }] = await backend().sql<{ verdict: string }>(
				`select verdict from app.verdicts where response_id = $1 and interviewer_id = $2`,
				[first, w.author.id]
			);
			const before = await counts();
			const [response, verdict, comment] = args();
			expect((await judge(w.author.claims, response, verdict, comment)).error).toMatchObject({
				message: reason
			});
			expect(await counts()).toEqual(before);
			const [{ verdict: is }] = await backend().sql<{ verdict: string }>(
				`select verdict from app.verdicts where response_id = $1 and interviewer_id = $2`,
				[first, w.author.id]
			);
			expect(is).toBe(was);
		});

		test('the feed lists the round’s responses, newest first; others’ rounds stay out', async () => {
			const { data, error } = await backend().rpc(ANON, 'round_responses', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(error).toBeNull();
			const feed = data as { responses: Array<{ id: string; author_role: string }> };
			expect(feed.responses.map((r) => r.id)).toEqual([second, first]);
			expect(JSON.stringify(feed)).not.toContain(w.author.name);
		});

		test('what is new for an interviewer, until they mark it seen', async () => {
			const news = async () => {
				const { data, error } = await backend().rpc(w.colleague.claims, 'my_news', {});
				expect(error).toBeNull();
				return (data as { responses: Array<{ id: string }> }).responses.map((r) => r.id);
			};
			expect(await news()).toEqual([second, first]);
			expect((await backend().rpc(w.colleague.claims, 'news_seen', {})).error).toBeNull();
			expect(await news()).toEqual([]);
			// A response posted after that is new again.
			const third = await post(w.coordinator.claims, {
				p_status: 'afgerond',
				p_body: 'Klaar: er is een vaste contactpersoon.'
			});
			expect(third.error).toBeNull();
			expect(await news()).toEqual([(third.data as { id: string }).id]);
			// Interviewers of round B hear only of their own round.
			const { data } = await backend().rpc(w.interviewerB.claims, 'my_news', {});
			expect((data as { responses: Array<{ id: string }> }).responses.map((r) => r.id)).toEqual([
				responseB
			]);
		});

		test('the accountability overview counts answers, the latest status and the verdicts', async () => {
			const { data, error } = await backend().rpc(ANON, 'round_accountability', {
				p_evening_code: w.roundA.eveningCode
			});
			expect(error).toBeNull();
			const { findings } = data as {
				findings: Array<{ id: string; responses: number; latest_status: string | null }>;
			};
			expect(findings.find((f) => f.id === w.findingId)).toMatchObject({
				responses: 3,
				latest_status: 'afgerond',
				verdicts: { helpt: 1, helpt_nog_niet: 0, gaat_langs_ons_heen: 2 }
			});
			const unpublished = await backend().rpc(ANON, 'round_accountability', {
				p_evening_code: w.roundOther.eveningCode
			});
			expect(unpublished.error).toMatchObject({ code: 'P0002', message: 'not_found' });
		});

		test('after all of this the chain still klopt, with the same fingerprint', async () => {
			const verdict = await verification();
			expect(verdict.problems).toEqual([]);
			expect(verdict.fingerprint).toBe(fingerprint);
		});
	});
});
