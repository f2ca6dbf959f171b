// The cast of the role matrix, built with the policy-test factories (SECURITY.md lists who every
// policy test covers). Round A is the round under attack: every actor is described relative to it. Round B (same organisation) and round X
// (another organisation) each carry their own interview and finding, so "sees only its own" can
// be told apart from "sees nothing"; round C stays a concept, for the functions that need one.
import { randomUUID } from 'node:crypto';
import type { Claims } from '$lib/server/supabase';
import type { Backend } from '../harness';
import {
	ANON,
	SERVICE,
	createFinding,
	createInterview,
	createInterviewer,
	createOrganisation,
	createRound,
	createStaff,
	uid
} from '../fixtures';

/** Who asks. The table in expectations.ts has one column per role, in this order. */
export const ROLES = [
	'anonymous',
	'audience',
	'interviewer',
	'other-round interviewer',
	'other-org interviewer',
	'presenter',
	'coordinator',
	'other-org coordinator',
	'councillor',
	'service_role'
] as const;
export type Role = (typeof ROLES)[number];

export async function createMatrixWorld(b: Backend) {
	// Distinct sealed text per round: a leak of round A's text is what the matrix looks for.
	const secret = `GEHEIM-A-${uid()}`;
	const secretB = `GEHEIM-B-${uid()}`;
	const secretX = `GEHEIM-X-${uid()}`;
	const org = await createOrganisation(b);
	const otherOrg = await createOrganisation(b);
	const coordinator = await createStaff(b, org.id, 'coordinator');
	// "councillor": a municipal user (staff role 'municipal') of the organisation's first municipality.
	const councillor = await createStaff(b, org.id, 'municipal', org.municipalityIds.slice(0, 1));
	const otherCoordinator = await createStaff(b, otherOrg.id, 'coordinator');
	const roundA = await createRound(b, org, 'veldwerk');
	const roundB = await createRound(b, org, 'veldwerk');
	const roundC = await createRound(b, org, 'concept');
	const roundX = await createRound(b, otherOrg, 'veldwerk');
	// The interviewer of this round is the author of round A's content; the presenter is not.
	const author = await createInterviewer(b, roundA.id);
	const presenter = await createInterviewer(b, roundA.id, true);
	const interviewerB = await createInterviewer(b, roundB.id);
	const interviewerX = await createInterviewer(b, roundX.id);
	const interviewA = await createInterview(b, roundA, author, secret);
	const interviewB = await createInterview(b, roundB, interviewerB, secretB);
	const interviewX = await createInterview(b, roundX, interviewerX, secretX);
	// The author added round A's multiple-choice question (as in a youth round): who did is for
	// the group's eyes only.
	await b.sql(
		`insert into app.question_authors (round_id, key, interviewer_id)
		 select round_id, key, $2 from app.questions where id = $1`,
		[roundA.questions.multi, author.id]
	);
	const findingA = await createFinding(b, roundA, author, secret, interviewA);
	const findingB = await createFinding(b, roundB, interviewerB, secretB, interviewB);
	const findingX = await createFinding(b, roundX, interviewerX, secretX, interviewX);
	// Rows of the two tables only the session functions touch, so their refusals can be told apart
	// from "there is nothing to see".
	const clientKey = `matrix-${uid()}`;
	await b.sql(
		`insert into app.auth_attempts (kind, client_key, device_key, succeeded)
		 values ('join', $1, $1, false)`,
		[clientKey]
	);
	// An open invitation of the organisation, with a token the matrix knows.
	const invitationToken = `matrix-uitnodiging-${uid()}`;
	const [invitation] = await b.sql<{ id: string }>(
		`insert into app.invitations (organisation_id, role, municipality_ids, token_hash, created_by, expires_at)
		 values ($1, 'municipal', $2, extensions.digest($3, 'sha256'), $4, now() + interval '1 day')
		 returning id`,
		[org.id, [org.municipalityIds[0]], invitationToken, coordinator.id]
	);
	// A team of the organisation (the team learning loop): its notes are the coordinator's only.
	const [team] = await b.sql<{ id: string }>(
		`insert into app.teams (organisation_id, name) values ($1, $2) returning id`,
		[org.id, `Matrixteam ${uid()}`]
	);
	// The author chose to hear of new responses by e-mail: an address only they may see.
	await b.sql(
		`insert into app.notice_addresses (interviewer_id, round_id, email) values ($1, $2, $3)`,
		[author.id, roundA.id, 'auteur@voorbeeld.example']
	);
	const [setupToken] = await b.sql<{ id: string }>(
		`insert into app.setup_tokens (token_hash, expires_at)
		 values (extensions.gen_random_bytes(32), now() + interval '1 hour') returning id`
	);
	return {
		secret,
		secretB,
		secretX,
		org,
		otherOrg,
		coordinator,
		councillor,
		otherCoordinator,
		roundA,
		roundB,
		roundC,
		roundX,
		author,
		presenter,
		interviewerB,
		interviewerX,
		interviewA,
		interviewB,
		interviewX,
		findingA,
		findingB,
		findingX,
		clientKey,
		setupTokenId: setupToken.id,
		invitationId: invitation.id,
		invitationToken,
		teamA: team.id,
		// Round A's first public response: a made-up id until the published phase posts it
		// (phases.ts), so before that every function looks for a response that does not exist.
		responseA: randomUUID() as string,
		// The presenters' story version (api.story_edit): the evening phase edits the story once.
		storyVersion: 0
	};
}
export type MatrixWorld = Awaited<ReturnType<typeof createMatrixWorld>>;

export function claimsFor(w: MatrixWorld, role: Role): Claims {
	switch (role) {
		case 'anonymous':
		case 'audience':
			return ANON;
		case 'interviewer':
			return w.author.claims;
		case 'other-round interviewer':
			return w.interviewerB.claims;
		case 'other-org interviewer':
			return w.interviewerX.claims;
		case 'presenter':
			return w.presenter.claims;
		case 'coordinator':
			return w.coordinator.claims;
		case 'other-org coordinator':
			return w.otherCoordinator.claims;
		case 'councillor':
			return w.councillor.claims;
		case 'service_role':
			return SERVICE;
	}
}

/** The interviewer id a role acts as when it writes rows (others impersonate round A's author). */
export function actingInterviewer(w: MatrixWorld, role: Role): string {
	if (role === 'presenter') return w.presenter.id;
	if (role === 'other-round interviewer') return w.interviewerB.id;
	if (role === 'other-org interviewer') return w.interviewerX.id;
	return w.author.id;
}

/**
 * Readable names for the world's rows, by id: what a cell of the table says a role sees. A row
 * whose key is not here (the seed, other tests) is not part of the matrix.
 */
export function rowNames(w: MatrixWorld): Record<string, string> {
	return {
		[w.roundA.id]: 'A',
		[w.roundB.id]: 'B',
		[w.roundC.id]: 'C',
		[w.roundX.id]: 'X',
		[w.interviewA]: 'A',
		[w.interviewB]: 'B',
		[w.interviewX]: 'X',
		[w.org.id]: 'org',
		[w.otherOrg.id]: 'other org',
		[w.coordinator.id]: 'coordinator',
		[w.councillor.id]: 'councillor',
		[w.otherCoordinator.id]: 'other-org coordinator',
		[w.author.id]: 'interviewer',
		[w.presenter.id]: 'presenter',
		[w.interviewerB.id]: 'B interviewer',
		[w.interviewerX.id]: 'X interviewer',
		[w.clientKey]: 'attempt',
		[w.setupTokenId]: 'token'
	};
}
