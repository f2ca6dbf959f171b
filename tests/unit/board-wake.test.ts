// One wake path (src/lib/server/live/board-changes.ts): whatever changes an evening's board wakes
// its screens from the api layer, routes never do, and a failed wake never turns a change that
// was made into an error message. The api layer talks to a fake PostgREST; the hub is a spy.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import * as evening from '$lib/server/api/evening';
import * as findings from '$lib/server/api/findings';
import * as interviews from '$lib/server/api/interviews';
import * as story from '$lib/server/api/story';
import type { Person } from '$lib/server/session';
import { fakePostgrest, ok, refuse, useTemporaryKeys } from './fake-postgrest';

const spy = vi.hoisted(() => ({ wake: vi.fn(async (code: string) => void code) }));
vi.mock('$lib/server/live/instance', () => ({ hub: spy }));

const gesprekken = await import('../../src/routes/gesprekken/+page.server');
const presentatie = await import('../../src/routes/presentatie/+page.server');

const CODE = 'OUDR27';

function interviewer(isPresenter = false): Person & { roundId: string } {
	return {
		kind: 'interviewer',
		id: crypto.randomUUID(),
		sessionId: crypto.randomUUID(),
		displayName: 'Mirjam',
		roundId: crypto.randomUUID(),
		isPresenter
	};
}

const meOf = (person: Person, code = CODE) => ({
	id: person.id,
	display_name: person.displayName,
	is_presenter: person.isPresenter ?? false,
	round: {
		id: person.roundId,
		title: 'Ouders aan het woord 2027',
		target_group: 'ouders',
		state: 'avond',
		evening_code: code,
		guide_version: 1,
		can_add_questions: false,
		municipalities: [],
		questions: [],
		themes: []
	}
});

const board = {
	round: { title: 'Ouders aan het woord 2027', target_group: 'ouders' },
	state: 'live',
	position: 0,
	slide_count: 3,
	seq: 5,
	counts: { interviews: 1, findings: 1 }
};

const STORY = {
	version: 0,
	reactions_live: true,
	state: 'live',
	position: 0,
	slides: [],
	questions: []
};

/** Every person's own round, as interviewer_me answers it; `failMe` makes that lookup fail. */
const people = new Map<string, Person>();
let failMe = false;
const backend = fakePostgrest({
	interviewer_me: ({ claims }) =>
		failMe ? refuse('boom', undefined, 500) : ok(meOf(people.get(claims.sub ?? '')!)),
	evening_open: () => ok(null),
	evening_move: ({ args }) => ok({ position: args.p_position }),
	evening_close: () => ok(null),
	evening_board: () => ok(board),
	presenter_slides: () => ok({ position: 0, slides: [] }),
	story: () => ok(STORY),
	story_edit: () => ok({ ...STORY, version: 1 }),
	finding_create: ({ args }) => ok({ id: args.p_id, created: true }),
	finding_update: () => ok(null),
	finding_withdraw: ({ args }) =>
		args.p_id === REFUSED ? refuse('not_allowed') : ok({ id: args.p_id }),
	interview_submit: ({ args }) => ok({ id: args.p_id, created: true }),
	interview_withdraw: ({ args }) => ok({ id: args.p_interview_id, findings_withdrawn: 1 }),
	my_findings: () => ok([])
});
const REFUSED = crypto.randomUUID();

const known = <P extends Person>(person: P) => (people.set(person.id, person), person);

let cleanUp: () => void;
beforeAll(() => {
	cleanUp = useTemporaryKeys();
	backend.use();
});
afterEach(() => {
	spy.wake.mockReset();
	failMe = false;
	vi.restoreAllMocks();
});
afterAll(() => {
	cleanUp();
	vi.unstubAllGlobals();
	delete process.env.KLANKBORD_POSTGREST_URL;
});

const finding = () => ({
	p_id: crypto.randomUUID(),
	p_statement: 'Ouders wachtten maanden.',
	p_quote: null,
	p_theme: null,
	p_interview_id: null
});

describe('the api layer wakes the board', () => {
	test('after every change of a board, once, for the caller’s evening; a read wakes nothing', async () => {
		const person = known(interviewer(true));
		const changes: [string, () => Promise<unknown>][] = [
			['evening_open', () => evening.open(person, person.roundId)],
			['evening_move', () => evening.move(person, person.roundId, 2)],
			['evening_close', () => evening.close(person, person.roundId)],
			['finding_create', () => findings.create(person, finding())],
			['finding_update', () => findings.update(person, finding())],
			['finding_withdraw', () => findings.withdraw(person, crypto.randomUUID())],
			[
				'interview_submit',
				() =>
					interviews.submit(person, {
						p_id: crypto.randomUUID(),
						p_consent_form: 'mondeling',
						p_guardian_consent: false,
						p_interviewee_group: 'ouder',
						p_age_band: '24_plus',
						p_municipality_id: crypto.randomUUID(),
						p_answers: []
					})
			],
			['interview_withdraw', () => interviews.withdrawInterview(person, crypto.randomUUID())],
			[
				'story_edit',
				() => story.edit(person, person.roundId, 0, { op: 'hide', position: 1, hidden: true })
			]
		];
		for (const [fn, change] of changes) {
			spy.wake.mockClear();
			await change();
			expect(backend.calls(fn).length, fn).toBeGreaterThan(0);
			expect(spy.wake.mock.calls, fn).toEqual([[CODE]]);
		}
		// The evening code was asked once for the round, not once per change.
		expect(backend.calls('interviewer_me').filter((c) => c.claims.sub === person.id)).toHaveLength(
			1
		);

		spy.wake.mockClear();
		await findings.mine(person);
		await interviews.me(person);
		await evening.board(CODE);
		expect(spy.wake).not.toHaveBeenCalled();
	});

	test('a refused change wakes nothing', async () => {
		const person = known(interviewer());
		await expect(findings.withdraw(person, REFUSED)).rejects.toMatchObject({
			reason: 'not_allowed',
			status: 403
		});
		expect(spy.wake).not.toHaveBeenCalled();
	});
});

function withdrawRequest(interviewId: string) {
	const body = new FormData();
	body.set('interview_id', interviewId);
	return new Request('http://localhost/gesprekken?/toestemming_intrekken', {
		method: 'POST',
		body
	});
}

describe('a failing wake never turns a success into an error', () => {
	test('a withdrawal that succeeded is reported as done, even when the hub throws', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		spy.wake.mockRejectedValueOnce(new Error('the hub is down'));
		const person = known(interviewer());
		const interviewId = crypto.randomUUID();
		await expect(
			gesprekken.actions.toestemming_intrekken({
				locals: { person },
				request: withdrawRequest(interviewId)
			} as never)
		).rejects.toMatchObject({
			status: 303,
			location: '/gesprekken?melding=toestemming-ingetrokken'
		});
		expect(backend.calls('interview_withdraw').at(-1)?.args).toEqual({
			p_interview_id: interviewId
		});
		expect(spy.wake).toHaveBeenCalledWith(CODE);
		expect(logged).toHaveBeenCalledWith('[live] could not wake the board', expect.any(Error));
	});

	test('… and when finding out which evening it was fails', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		failMe = true;
		const person = known(interviewer());
		await expect(
			gesprekken.actions.toestemming_intrekken({
				locals: { person },
				request: withdrawRequest(crypto.randomUUID())
			} as never)
		).rejects.toMatchObject({
			status: 303,
			location: '/gesprekken?melding=toestemming-ingetrokken'
		});
		expect(spy.wake).not.toHaveBeenCalled();
		expect(logged).toHaveBeenCalledWith('[live] could not wake the board', expect.anything());
	});
});

test('a presenter’s move wakes the screens without asking again who the presenter is', async () => {
	const presenter = known(interviewer(true));
	await presentatie.load({
		locals: { person: presenter },
		url: new URL('http://localhost/presentatie')
	} as never);
	const asked = backend.calls('interviewer_me').length;

	const body = new FormData();
	body.set('position', '2');
	const request = new Request('http://localhost/presentatie?/move', { method: 'POST', body });
	expect(
		await presentatie.actions.move({ locals: { person: presenter }, request } as never)
	).toEqual({
		moved: 2
	});
	expect(backend.calls('evening_move').at(-1)?.args).toEqual({
		p_round_id: presenter.roundId,
		p_position: 2
	});
	expect(spy.wake).toHaveBeenCalledWith(CODE);
	expect(backend.calls('interviewer_me')).toHaveLength(asked);
});
