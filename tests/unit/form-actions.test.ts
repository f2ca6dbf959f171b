// Every form action answers a database refusal in one shape, { values, errors }, with the Dutch
// sentence at the place the page shows it. The actions run as they do in the server, against a
// fake PostgREST that refuses the way the database does.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Person } from '$lib/server/session';
import { fakePostgrest, ok, refuse, useTemporaryKeys, type Answer } from './fake-postgrest';

vi.mock('$lib/server/live/instance', () => ({ hub: { wake: async () => {} } }));

const routes = {
	meedoen: await import('../../src/routes/meedoen/+page.server'),
	inloggen: await import('../../src/routes/inloggen/+page.server'),
	setup: await import('../../src/routes/setup/[token]/+page.server'),
	nieuweRonde: await import('../../src/routes/beheer/rondes/nieuw/+page.server'),
	ronde: await import('../../src/routes/beheer/rondes/[id]/+page.server'),
	presentatie: await import('../../src/routes/presentatie/+page.server'),
	gesprekken: await import('../../src/routes/gesprekken/+page.server'),
	nieuwGesprek: await import('../../src/routes/gesprekken/nieuw/+page.server'),
	nieuweBevinding: await import('../../src/routes/bevindingen/nieuw/+page.server'),
	bevinding: await import('../../src/routes/bevindingen/[id]/+page.server'),
	versturen: await import('../../src/routes/gesprekken/versturen/+server')
};

const MUNICIPALITY = crypto.randomUUID();
const interviewer: Person = {
	kind: 'interviewer',
	id: crypto.randomUUID(),
	sessionId: crypto.randomUUID(),
	displayName: 'Daan',
	roundId: crypto.randomUUID(),
	isPresenter: true
};
const staff: Person = {
	kind: 'staff',
	id: crypto.randomUUID(),
	sessionId: crypto.randomUUID(),
	displayName: 'Esther',
	role: 'coordinator'
};

/** What the next call of a function answers; set per test. */
const answers = new Map<string, Answer>();
const backend = fakePostgrest({
	interviewer_me: () =>
		ok({
			id: interviewer.id,
			display_name: interviewer.displayName,
			is_presenter: true,
			round: {
				id: interviewer.roundId,
				title: 'Ouders aan het woord 2027',
				target_group: 'ouders',
				state: 'veldwerk',
				evening_code: 'OUDR27',
				guide_version: 1,
				can_add_questions: false,
				municipalities: [{ id: MUNICIPALITY, name: 'Ermelo' }],
				questions: [],
				themes: []
			}
		}),
	...Object.fromEntries(
		[
			'session_join',
			'session_login',
			'setup_complete',
			'round_create',
			'round_publish',
			'evening_open',
			'interview_withdraw',
			'interview_submit',
			'finding_create',
			'finding_withdraw',
			'session_resolve'
		].map((fn) => [fn, () => answers.get(fn) ?? refuse('no answer set for ' + fn, undefined, 500)])
	)
});

let cleanUp: () => void;
beforeAll(() => {
	cleanUp = useTemporaryKeys();
	backend.use();
});
afterAll(() => {
	cleanUp();
	vi.unstubAllGlobals();
	delete process.env.KLANKBORD_POSTGREST_URL;
});

function post(fields: Record<string, string | string[]>) {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const one of [value].flat()) body.append(name, one);
	}
	return new Request('http://localhost/form', { method: 'POST', body });
}

/** Call an action the way SvelteKit does; only what the actions read is there. */
type Action = (event: never) => unknown;
const cookieJar = () => {
	const jar = new Map<string, string>();
	return {
		get: (name: string) => jar.get(name),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name)
	};
};
const run = (action: Action, event: Record<string, unknown>) =>
	action({
		locals: { person: null, clientKey: 'test', sessionToken: null },
		cookies: cookieJar(),
		url: new URL('http://localhost/'),
		...event
	} as never);
/** A person as session_resolve returns them. */
const resolvedRow = (person: Person) => ({
	session_id: person.sessionId,
	kind: person.kind,
	person_id: person.id,
	display_name: person.displayName,
	round_id: person.roundId,
	is_presenter: person.isPresenter
});
const asPerson = (person: Person) => ({ person, clientKey: 'test', sessionToken: null });

describe('the interviewer’s forms', () => {
	test('join: a wrong code is said in the join’s own words at the code; the name stays', async () => {
		answers.set('session_join', ok({ error: 'join_code_unknown' }));
		const form = { code: 'ZZZZ-9999', display_name: 'Mirjam' };
		expect(await run(routes.meedoen.actions.default, { request: post(form) })).toMatchObject({
			status: 400,
			data: {
				values: form,
				errors: { code: 'Deze code kennen we niet. Kijk of je hem goed hebt overgenomen.' }
			}
		});
		answers.set('session_join', refuse('rate_limited'));
		expect(await run(routes.meedoen.actions.default, { request: post(form) })).toMatchObject({
			status: 429,
			data: { errors: { code: expect.stringMatching(/^Je hebt te vaak een verkeerde code/) } }
		});
		answers.set('session_join', refuse('invalid_input', 'display_name'));
		expect(await run(routes.meedoen.actions.default, { request: post(form) })).toMatchObject({
			status: 400,
			data: { errors: { display_name: expect.stringContaining('‘naam’') } }
		});
	});

	test('join: a second Fatima is asked at the name field to choose another name', async () => {
		answers.set('session_join', refuse('display_name_taken', 'display_name'));
		const form = { code: 'DEMO-OUDR', display_name: 'fatima' };
		expect(await run(routes.meedoen.actions.default, { request: post(form) })).toMatchObject({
			status: 400,
			data: {
				values: form,
				errors: { display_name: expect.stringContaining('Fatima B.') }
			}
		});
	});

	test('join while signed in as staff is refused before the database is asked', async () => {
		// Were the database asked, the fake would answer 500 and the action would throw.
		answers.delete('session_join');
		const form = { code: 'DEMO-OUDR', display_name: 'Coco' };
		const cookies = { set: () => expect.unreachable('no interviewer cookie for staff') };
		expect(
			await run(routes.meedoen.actions.default, {
				locals: { person: staff, clientKey: 'test', sessionToken: 'staff-token' },
				request: post(form),
				cookies
			})
		).toMatchObject({
			status: 409,
			data: {
				values: form,
				errors: { form: 'Je bent ingelogd als medewerker. Log eerst uit om mee te doen.' }
			}
		});
	});

	test('a new interview: missing consent is shown at the consent box', async () => {
		answers.set('interview_submit', refuse('consent_required'));
		const form = {
			id: crypto.randomUUID(),
			consent: 'on',
			consent_form: 'mondeling',
			interviewee_group: 'ouder',
			age_band: '24_plus',
			municipality_id: MUNICIPALITY
		};
		expect(
			await run(routes.nieuwGesprek.actions.default, {
				locals: asPerson(interviewer),
				request: post(form)
			})
		).toMatchObject({
			status: 400,
			data: {
				values: { id: form.id, age_band: '24_plus' },
				errors: { consent: expect.stringMatching(/^Vraag eerst toestemming/) }
			}
		});
	});

	test('a new finding: a refused statement is shown at the statement', async () => {
		answers.set('finding_create', refuse('invalid_input', 'statement'));
		const form = { id: crypto.randomUUID(), statement: 'Ouders wachtten maanden.' };
		expect(
			await run(routes.nieuweBevinding.actions.default, {
				locals: asPerson(interviewer),
				request: post(form)
			})
		).toMatchObject({
			status: 400,
			data: {
				values: { statement: form.statement },
				errors: { statement: expect.stringContaining('‘bevinding’') }
			}
		});
	});

	test('withdrawing a finding: the refusal belongs at the withdraw button, not the edit form', async () => {
		answers.set('finding_withdraw', refuse('not_allowed'));
		expect(
			await run(routes.bevinding.actions.finding_withdraw, {
				locals: asPerson(interviewer),
				params: { id: crypto.randomUUID() }
			})
		).toMatchObject({
			status: 403,
			data: { about: 'withdraw', errors: { form: 'Dit mag u niet doen met uw account.' } }
		});
	});

	test('withdrawing consent: the message names the interview it is about', async () => {
		answers.set('interview_withdraw', refuse('not_found'));
		const interviewId = crypto.randomUUID();
		expect(
			await run(routes.gesprekken.actions.toestemming_intrekken, {
				locals: asPerson(interviewer),
				request: post({ interview_id: interviewId })
			})
		).toMatchObject({
			status: 404,
			data: { values: { interview_id: interviewId }, errors: { form: expect.any(String) } }
		});
		expect(
			await run(routes.gesprekken.actions.toestemming_intrekken, {
				locals: asPerson(interviewer),
				request: post({ interview_id: 'not-an-id' })
			})
		).toMatchObject({
			status: 400,
			data: { values: { interview_id: 'not-an-id' }, errors: { form: expect.any(String) } }
		});
	});

	test('the presenter: a refusal shows above the controls', async () => {
		answers.set('evening_open', refuse('not_presenter'));
		expect(
			await run(routes.presentatie.actions.open, { locals: asPerson(interviewer) })
		).toMatchObject({
			status: 403,
			data: { errors: { form: 'Alleen een presentator van deze ronde kan dit doen.' } }
		});
		expect(
			await run(routes.presentatie.actions.move, {
				locals: asPerson(interviewer),
				request: post({ position: 'vijf' })
			})
		).toMatchObject({ status: 400, data: { errors: { form: expect.any(String) } } });
	});
});

describe('the staff’s forms', () => {
	test('login: a wrong password is said at the top; the e-mail stays', async () => {
		answers.set('session_login', ok({ error: 'login_failed' }));
		expect(
			await run(routes.inloggen.actions.default, {
				request: post({ email: 'esther@example.org', password: 'fout' })
			})
		).toMatchObject({
			status: 400,
			data: {
				values: { email: 'esther@example.org' },
				errors: { form: 'Het e-mailadres of het wachtwoord klopt niet. Probeer het opnieuw.' }
			}
		});
	});

	test('setup: a taken e-mail address is shown at the e-mail field', async () => {
		answers.set('setup_complete', refuse('email_taken', 'email'));
		const form = {
			organisation_name: 'CJG Noord-Veluwe',
			display_name: 'Esther',
			email: 'esther@example.org',
			password: 'een lange zin als wachtwoord',
			password_repeat: 'een lange zin als wachtwoord',
			municipalities: ['GM0233', 'GM0273'],
			themes: 'Toegang\nWachttijd'
		};
		expect(
			await run(routes.setup.actions.default, { request: post(form), params: { token: 'x' } })
		).toMatchObject({
			status: 400,
			data: {
				values: { email: form.email, organisation_name: form.organisation_name },
				errors: { email: expect.stringMatching(/^Er is al een account met dit e-mailadres/) }
			}
		});
	});

	test.each([
		[
			'an unknown municipality code',
			{ municipalities: ['GM0233', 'GM9999'] },
			{ municipalities: expect.stringMatching(/^Deze gemeente staat niet in de lijst/) }
		],
		['no municipality', { municipalities: [] }, { municipalities: 'Kies minstens één gemeente.' }],
		['no theme', { themes: ' \n ' }, { themes: 'Vul minstens één thema in.' }]
	])(
		'setup: %s is refused at its field before the database is asked',
		async (_what, change, errors) => {
			answers.delete('setup_complete'); // were it called, the fake would answer with a 500
			const form = {
				organisation_name: 'CJG Veluwe',
				display_name: 'Esther',
				email: 'esther@example.org',
				password: 'een lange zin als wachtwoord',
				password_repeat: 'een lange zin als wachtwoord',
				municipalities: ['GM0233'],
				themes: 'Toegang',
				...change
			};
			expect(
				await run(routes.setup.actions.default, { request: post(form), params: { token: 'x' } })
			).toMatchObject({ status: 400, data: { errors } });
		}
	);

	test('a new round: a refused title is shown at the title', async () => {
		answers.set('round_create', refuse('invalid_input', 'title'));
		const form = {
			title: 'Ouders vertellen',
			target_group: 'ouders',
			municipality_ids: [MUNICIPALITY],
			q0_kind: 'open',
			q0_prompt: 'Hoe lang wachtte u?',
			q0_theme: 'Wachttijd',
			q1_kind: 'scale',
			q1_prompt: 'Hoe tevreden bent u?',
			q1_theme: 'Tevredenheid',
			q1_scale_min_label: 'slecht',
			q1_scale_max_label: 'goed'
		};
		expect(
			await run(routes.nieuweRonde.actions.default, {
				locals: asPerson(staff),
				request: post(form)
			})
		).toMatchObject({
			status: 400,
			data: {
				values: { title: form.title },
				errors: { title: expect.stringContaining('‘titel’') }
			}
		});
	});

	test('the round page: a refusal is shown next to the button that was pressed', async () => {
		answers.set('round_publish', refuse('wrong_state'));
		expect(
			await run(routes.ronde.actions.publish, {
				locals: asPerson(staff),
				params: { id: crypto.randomUUID() }
			})
		).toMatchObject({
			status: 400,
			data: { about: 'round', errors: { form: expect.stringMatching(/^Dit kan nu niet/) } }
		});
	});

	test('a failure of ours is never shown as a form error: it goes to handleError', async () => {
		answers.set('session_login', refuse('boom', undefined, 500));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await expect(
			run(routes.inloggen.actions.default, {
				request: post({ email: 'esther@example.org', password: 'fout' })
			})
		).rejects.toMatchObject({ reason: 'unexpected', status: 500 });
	});
});

// The outbox's endpoint answers in JSON the outbox can act on: never a redirect, never raw text.
describe('the outbox endpoint (/gesprekken/versturen)', () => {
	const args = () => ({
		p_id: crypto.randomUUID(),
		p_consent_form: 'mondeling',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: '24_plus',
		p_municipality_id: MUNICIPALITY,
		p_answers: [],
		p_guide_version: 1
	});
	const send = async (
		body: unknown,
		person: Person | null = interviewer,
		cookies = cookieJar(),
		sessionToken: string | null = null
	) => {
		const response = (await routes.versturen.POST({
			locals: { ...asPerson(person as Person), sessionToken },
			cookies,
			url: new URL('http://localhost/gesprekken/versturen'),
			request: new Request('http://localhost/gesprekken/versturen', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body)
			})
		} as never)) as Response;
		return { status: response.status, body: await response.json() };
	};

	test('a stored interview is confirmed with its id', async () => {
		const sent = args();
		answers.set('interview_submit', ok({ id: sent.p_id, created: false }));
		expect(await send({ kind: 'interview', args: sent })).toEqual({
			status: 200,
			body: { id: sent.p_id, created: false }
		});
	});

	test('a conflict and a withdrawn resend are refused in their own words', async () => {
		answers.set('interview_submit', refuse('submission_conflict'));
		expect(await send({ kind: 'interview', args: args() })).toEqual({
			status: 409,
			body: {
				reason: 'submission_conflict',
				message:
					'Dit gesprek is al verstuurd, maar met andere antwoorden. Er is niets overschreven.'
			}
		});
		answers.set('interview_submit', refuse('withdrawn'));
		expect(await send({ kind: 'interview', args: args() })).toEqual({
			status: 400,
			body: {
				reason: 'withdrawn',
				message: 'Dit gesprek is ingetrokken en kan niet opnieuw worden verstuurd.'
			}
		});
	});

	// The hook shares one session lookup between a phone's sends for a few seconds
	// (server/recent-sessions.ts); the database still refuses a session revoked since.
	test('a session revoked since it was looked up: sign in again, as without the shared lookup', async () => {
		const cookies = cookieJar();
		cookies.set('__Host-kb_session', 'revoked-token');
		answers.set('interview_submit', refuse('not_allowed'));
		answers.set('session_resolve', ok(null));
		expect(
			await send({ kind: 'interview', args: args() }, interviewer, cookies, 'revoked-token')
		).toMatchObject({ status: 401, body: { reason: 'session_invalid' } });
		expect(cookies.get('__Host-kb_session')).toBeUndefined();
		expect(backend.calls('session_resolve').at(-1)?.args).toEqual({ p_token: 'revoked-token' });

		// Still signed in: the database's refusal is the answer, in its own words.
		answers.set('session_resolve', ok(resolvedRow(interviewer)));
		expect(
			await send({ kind: 'interview', args: args() }, interviewer, cookieJar(), 'live-token')
		).toMatchObject({ status: 403, body: { reason: 'not_allowed' } });
	});

	test('without a session, or with a body it cannot read, it says so in JSON', async () => {
		expect(await send({ kind: 'interview', args: args() }, null)).toMatchObject({
			status: 401,
			body: { reason: 'session_invalid' }
		});
		expect(await send({ kind: 'interview', args: { p_id: 'x' } })).toMatchObject({
			status: 400,
			body: { reason: 'invalid_input' }
		});
	});
});
