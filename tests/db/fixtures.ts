// Test data factories for the policy tests. Everything is written as superuser through
// backend.sql (no RLS), with fresh names and codes per call so tests sharing one database never
// collide. Each person comes with a live session and the Claims the app would mint for them.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Claims } from '$lib/server/supabase';
import type { Backend } from './harness';
import type { StaffRole } from '$lib/schemas/domain';

export type RoundState = 'concept' | 'veldwerk' | 'avond' | 'gepubliceerd' | 'gearchiveerd';
export type Person = { id: string; token: string; sessionId: string; claims: Claims };
export type Staff = Person & {
	email: string;
	password: string;
	role: StaffRole;
};
export type Interviewer = Person & { roundId: string; name: string; isPresenter: boolean };

export const ANON: Claims = { role: 'anon' };
export const SERVICE: Claims = { role: 'service_role' };

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A random code of the database's alphabet; 31^8 (join) and 31^6 (evening) make clashes moot. */
export function randomCode(length: number): string {
	return Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Short unique text for names and sentinels. */
export function uid(): string {
	return randomUUID().slice(0, 8);
}

function sha256Hex(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

async function createSession(
	b: Backend,
	person: { staffId?: string; interviewerId?: string }
): Promise<{ token: string; sessionId: string }> {
	const token = randomBytes(32).toString('base64url');
	const [row] = await b.sql<{ id: string }>(
		`insert into app.sessions (token_hash, staff_id, interviewer_id, expires_at)
		 values (decode($1, 'hex'), $2, $3, now() + interval '7 days') returning id`,
		[sha256Hex(token), person.staffId ?? null, person.interviewerId ?? null]
	);
	return { token, sessionId: row.id };
}

function claimsFor(id: string, sessionId: string): Claims {
	return { role: 'authenticated', sub: id, session_id: sessionId };
}

export async function createOrganisation(b: Backend) {
	const [org] = await b.sql<{ id: string; name: string }>(
		`insert into app.organisations (name) values ($1) returning id, name`,
		[`Testorganisatie ${uid()}`]
	);
	const municipalities = await b.sql<{ id: string }>(
		`insert into app.municipalities (organisation_id, name)
		 select $1, 'Gemeente ' || n || ' ' || $2 from generate_series(1, 3) n returning id`,
		[org.id, uid()]
	);
	return { id: org.id, name: org.name, municipalityIds: municipalities.map((m) => m.id) };
}

export async function createStaff(
	b: Backend,
	organisationId: string,
	role: StaffRole,
	// A municipal user works for one or more of the organisation's municipalities.
	municipalityIds: string[] = []
): Promise<Staff> {
	const email = `${role}-${uid()}@example.org`;
	const password = `wachtwoord-${uid()}`;
	// Cost 4 keeps the tests quick; the setup function itself uses cost 10.
	const [row] = await b.sql<{ id: string }>(
		`insert into app.staff (organisation_id, role, display_name, email, password_hash)
		 values ($1, $2, $3, $4, extensions.crypt($5, extensions.gen_salt('bf', 4))) returning id`,
		[organisationId, role, `${role} ${uid()}`, email, password]
	);
	for (const m of municipalityIds) {
		await b.sql(
			`insert into app.staff_municipalities (organisation_id, staff_id, municipality_id)
			 values ($1, $2, $3)`,
			[organisationId, row.id, m]
		);
	}
	const session = await createSession(b, { staffId: row.id });
	return {
		id: row.id,
		email,
		password,
		role,
		...session,
		claims: claimsFor(row.id, session.sessionId)
	};
}

export type Round = {
	id: string;
	organisationId: string;
	joinCode: string;
	eveningCode: string;
	municipalityIds: string[];
	themes: string[];
	questions: { open: string; scale: string; single: string; multi: string };
};

export async function createRound(
	b: Backend,
	org: { id: string; municipalityIds: string[] },
	state: RoundState = 'veldwerk'
): Promise<Round> {
	const [round] = await b.sql<{ id: string }>(
		`insert into app.rounds (organisation_id, title, target_group, state, join_code, evening_code)
		 values ($1, $2, 'ouders', $3, $4, $5) returning id`,
		[org.id, `Testronde ${uid()}`, state, randomCode(8), randomCode(6)]
	);
	const [codes] = await b.sql<{ join_code: string; evening_code: string }>(
		`select join_code, evening_code from app.rounds where id = $1`,
		[round.id]
	);
	// Two of the three municipalities: the third one is "of the organisation, not of the round".
	const municipalityIds = org.municipalityIds.slice(0, 2);
	for (const m of municipalityIds) {
		await b.sql(
			`insert into app.round_municipalities (round_id, municipality_id) values ($1, $2)`,
			[round.id, m]
		);
	}
	const rows = await b.sql<{ id: string; kind: keyof Round['questions'] }>(
		`insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
			scale_min_label, scale_max_label, options)
		 values
			($1, 1, 0, 'open', 'Hoe was het eerste contact?', 'Eerste contact', null, null, null),
			($1, 1, 1, 'scale', 'Hoe lang was de wachttijd?', 'Wachttijd', 'Veel te lang', 'Goed', null),
			($1, 1, 2, 'single', 'Kon u meebeslissen?', 'Inspraak', null, null, array['Ja', 'Soms', 'Nee']),
			($1, 1, 3, 'multi', 'Wie hielp er mee?', 'Samenwerking', null, null, array['School', 'Huisarts', 'Buren'])
		 returning id, kind`,
		[round.id]
	);
	const questions = Object.fromEntries(rows.map((r) => [r.kind, r.id])) as Round['questions'];
	return {
		id: round.id,
		organisationId: org.id,
		joinCode: codes.join_code,
		eveningCode: codes.evening_code,
		municipalityIds,
		themes: ['Eerste contact', 'Wachttijd', 'Inspraak', 'Samenwerking'],
		questions
	};
}

export async function createInterviewer(
	b: Backend,
	roundId: string,
	isPresenter = false
): Promise<Interviewer> {
	const name = `Peer ${uid()}`.slice(0, 40);
	const [row] = await b.sql<{ id: string }>(
		`insert into app.interviewers (round_id, display_name, is_presenter) values ($1, $2, $3) returning id`,
		[roundId, name, isPresenter]
	);
	const session = await createSession(b, { interviewerId: row.id });
	return {
		id: row.id,
		roundId,
		name,
		isPresenter,
		...session,
		claims: claimsFor(row.id, session.sessionId)
	};
}

/** An interview with an answer to every question; `secret` ends up in the open answer. */
export async function createInterview(
	b: Backend,
	round: Round,
	interviewer: Interviewer,
	secret: string
): Promise<string> {
	const id = randomUUID();
	await b.sql(
		`insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
			guardian_consent, interviewee_group, age_band, municipality_id)
		 values ($1, $2, $3, 1, 'mondeling', false, 'ouder', '24_plus', $4)`,
		[id, round.id, interviewer.id, round.municipalityIds[0]]
	);
	await b.sql(
		`insert into app.answers (interview_id, question_id, text_value, scale_value, choices) values
			($1, $2, $5, null, null), ($1, $3, null, 2, null), ($1, $4, null, null, array['Soms'])`,
		[id, round.questions.open, round.questions.scale, round.questions.single, `Antwoord ${secret}`]
	);
	return id;
}

/** A finding whose statement and quote carry `secret`, so a leak is easy to spot. */
export async function createFinding(
	b: Backend,
	round: Round,
	author: Interviewer,
	secret: string,
	interviewId: string | null = null
): Promise<string> {
	const id = randomUUID();
	await b.sql(
		`insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme)
		 values ($1, $2, $3, $4, $5, $6, 'Wachttijd')`,
		[id, round.id, author.id, interviewId, `Bevinding ${secret}`, `Citaat ${secret}`]
	);
	return id;
}

/**
 * The cast of the policy tests: one organisation with a coordinator and a councillor (a municipal user), round A
 * (author, a second interviewer, a presenter) and round B of the same organisation (its own
 * interviewer and presenter), plus an interviewer of another organisation. The author has one
 * interview and one finding in round A; `secret` marks all of their text.
 */
export async function createWorld(b: Backend, state: RoundState = 'veldwerk') {
	const secret = `GEHEIM-${uid()}`;
	const org = await createOrganisation(b);
	const otherOrg = await createOrganisation(b);
	const coordinator = await createStaff(b, org.id, 'coordinator');
	// A councillor: a municipal user of the organisation's first municipality.
	const councillor = await createStaff(b, org.id, 'municipal', org.municipalityIds.slice(0, 1));
	const otherCoordinator = await createStaff(b, otherOrg.id, 'coordinator');
	const roundA = await createRound(b, org, state);
	const roundB = await createRound(b, org, state);
	const roundOther = await createRound(b, otherOrg, state);
	const author = await createInterviewer(b, roundA.id);
	const colleague = await createInterviewer(b, roundA.id);
	const presenter = await createInterviewer(b, roundA.id, true);
	const interviewerB = await createInterviewer(b, roundB.id);
	const presenterB = await createInterviewer(b, roundB.id, true);
	const otherOrgInterviewer = await createInterviewer(b, roundOther.id);
	const interviewId = await createInterview(b, roundA, author, secret);
	const findingId = await createFinding(b, roundA, author, secret, interviewId);
	return {
		secret,
		org,
		otherOrg,
		coordinator,
		councillor,
		otherCoordinator,
		roundA,
		roundB,
		roundOther,
		author,
		colleague,
		presenter,
		interviewerB,
		presenterB,
		otherOrgInterviewer,
		interviewId,
		findingId
	};
}
export type World = Awaited<ReturnType<typeof createWorld>>;

/** Every identity of a world by a readable name, for tables of (who, operation, expected). */
export function identities(w: World): Record<string, Claims> {
	return {
		anon: ANON,
		coordinator: w.coordinator.claims,
		councillor: w.councillor.claims,
		'coordinator of another organisation': w.otherCoordinator.claims,
		author: w.author.claims,
		'other interviewer of the round': w.colleague.claims,
		'presenter of the round': w.presenter.claims,
		'interviewer of round B': w.interviewerB.claims,
		'presenter of round B': w.presenterB.claims,
		"another organisation's interviewer": w.otherOrgInterviewer.claims
	};
}

/** Open round A's evening the way the app does: the presenter calls evening_open. */
export async function openEvening(b: Backend, w: World): Promise<void> {
	const { error } = await b.rpc(w.presenter.claims, 'evening_open', { p_round_id: w.roundA.id });
	if (error) throw new Error(`evening_open failed: ${error.code} ${error.message}`);
}

/** Row counts of the tables a refused call must leave alone. */
export async function tableCounts(b: Backend): Promise<Record<string, number>> {
	const tables = [
		'rounds',
		'questions',
		'round_municipalities',
		'interviewers',
		'interviews',
		'answers',
		'findings',
		'evenings',
		'slides',
		'evening_events',
		'sessions'
	];
	const [row] = await b.sql<Record<string, string>>(
		`select ${tables.map((t) => `(select count(*) from app.${t}) as ${t}`).join(', ')}`
	);
	return Object.fromEntries(tables.map((t) => [t, Number(row[t])]));
}
