// How the matrix touches each table of schema `app` at the SQL level, as a role (harness asRole:
// `set local role` + request.jwt.claims, always rolled back). The expectations live in
// expectations.ts; this file only says which rows a table's "key" names and what a plausible
// insert looks like, aimed at round A (or as close to it as the table allows).
import { randomUUID } from 'node:crypto';
import { randomCode, uid } from '../fixtures';
import { actingInterviewer, type MatrixWorld, type Role } from './roles';

export type TableOperations = {
	/** SQL expression (over alias `t`) naming a row: its value is looked up in rowNames(). */
	key: string;
	/** A column the update sets to itself: needs the UPDATE privilege, changes nothing visible. */
	touch: string;
	/** An insert a person in `role` would try; valid data, so only privileges and policies decide. */
	insert: (w: MatrixWorld, role: Role) => { sql: string; params: unknown[] };
};

const FAKE_BCRYPT = '$2a$04$abcdefghijklmnopqrstuuAbcdefghijklmnopqrstuvwxyz012';

export const TABLE_OPERATIONS: Record<string, TableOperations> = {
	organisations: {
		key: 't.id',
		touch: 'name',
		insert: () => ({
			sql: `insert into app.organisations (name) values ($1)`,
			params: [`Matrix organisatie ${uid()}`]
		})
	},
	municipalities: {
		key: 't.organisation_id',
		touch: 'name',
		insert: (w) => ({
			sql: `insert into app.municipalities (organisation_id, name) values ($1, $2)`,
			params: [w.org.id, `Matrix gemeente ${uid()}`]
		})
	},
	staff: {
		key: 't.id',
		touch: 'display_name',
		insert: (w) => ({
			sql: `insert into app.staff (organisation_id, role, display_name, email, password_hash)
				values ($1, 'coordinator', 'Nep coordinator', $2, $3)`,
			params: [w.org.id, `nep-${uid()}@example.org`, FAKE_BCRYPT]
		})
	},
	staff_municipalities: {
		key: 't.organisation_id',
		touch: 'municipality_id',
		// The councillor (a municipal user) also for the organisation's second municipality.
		insert: (w) => ({
			sql: `insert into app.staff_municipalities (organisation_id, staff_id, municipality_id)
				values ($1, $2, $3)`,
			params: [w.org.id, w.councillor.id, w.org.municipalityIds[1]]
		})
	},
	invitations: {
		key: 't.organisation_id',
		touch: 'expires_at',
		insert: (w) => ({
			sql: `insert into app.invitations (organisation_id, role, token_hash, expires_at)
				values ($1, 'coordinator', decode(md5($2) || md5($2 || 'x'), 'hex'), now() + interval '1 hour')`,
			params: [w.org.id, uid()]
		})
	},
	setup_tokens: {
		key: 't.id',
		touch: 'used_at',
		insert: () => ({
			sql: `insert into app.setup_tokens (token_hash, expires_at)
				values (decode(md5($1) || md5($1 || 'x'), 'hex'), now() + interval '1 hour')`,
			params: [uid()]
		})
	},
	rounds: {
		key: 't.id',
		touch: 'title',
		insert: (w) => ({
			sql: `insert into app.rounds (organisation_id, title, target_group, join_code, evening_code, created_by)
				values ($1, 'Matrix ronde', 'ouders', $2, $3, $4)`,
			params: [w.org.id, randomCode(8), randomCode(6), w.coordinator.id]
		})
	},
	round_municipalities: {
		key: 't.round_id',
		touch: 'municipality_id',
		// The concept round, with the organisation's third municipality (not linked yet).
		insert: (w) => ({
			sql: `insert into app.round_municipalities (round_id, municipality_id) values ($1, $2)`,
			params: [w.roundC.id, w.org.municipalityIds[2]]
		})
	},
	questions: {
		key: 't.round_id',
		touch: 'prompt',
		insert: (w) => ({
			sql: `insert into app.questions (round_id, guide_version, position, kind, prompt, theme)
				values ($1, 1, 10, 'open', 'Nog een vraag?', 'Extra')`,
			params: [w.roundC.id]
		})
	},
	question_authors: {
		key: 't.round_id',
		touch: 'interviewer_id',
		insert: (w) => ({
			sql: `insert into app.question_authors (round_id, key, interviewer_id) values ($1, $2, $3)`,
			params: [w.roundA.id, `matrix-${uid()}`, w.author.id]
		})
	},
	interviewers: {
		key: 't.id',
		touch: 'display_name',
		insert: (w) => ({
			sql: `insert into app.interviewers (round_id, display_name, is_presenter) values ($1, 'Indringer', true)`,
			params: [w.roundA.id]
		})
	},
	presenter_confirmations: {
		key: 't.candidate_id',
		touch: 'confirmed_at',
		// Round A's presenter confirmed once more, by whoever the role acts as.
		insert: (w, role) => ({
			sql: `insert into app.presenter_confirmations (round_id, candidate_id, confirmer_id)
				values ($1, $2, $3)`,
			params: [w.roundA.id, w.presenter.id, actingInterviewer(w, role)]
		})
	},
	sessions: {
		key: 'coalesce(t.staff_id, t.interviewer_id)',
		touch: 'revoked_at',
		insert: (w) => ({
			sql: `insert into app.sessions (token_hash, interviewer_id, expires_at)
				values (decode(md5($1) || md5($1 || 'x'), 'hex'), $2, now() + interval '1 day')`,
			params: [uid(), w.author.id]
		})
	},
	auth_attempts: {
		key: 't.client_key',
		touch: 'succeeded',
		insert: () => ({
			sql: `insert into app.auth_attempts (kind, client_key, device_key, succeeded) values ('join', $1, $1, true)`,
			params: [`matrix-${uid()}`]
		})
	},
	evenings: {
		key: 't.round_id',
		touch: 'position',
		// Round B: its evening is never opened in the matrix, so only privileges decide.
		insert: (w) => ({
			sql: `insert into app.evenings (round_id, opened_at) values ($1, now())`,
			params: [w.roundB.id]
		})
	},
	interviews: {
		key: 't.id',
		touch: 'age_band',
		insert: (w, role) => ({
			sql: `insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
					guardian_consent, interviewee_group, age_band, municipality_id)
				values ($1, $2, $3, 1, 'mondeling', false, 'ouder', '24_plus', $4)`,
			params: [randomUUID(), w.roundA.id, actingInterviewer(w, role), w.roundA.municipalityIds[0]]
		})
	},
	answers: {
		key: 't.interview_id',
		touch: 'text_value',
		// Round A's interview has no answer to the multiple-choice question yet.
		insert: (w) => ({
			sql: `insert into app.answers (interview_id, question_id, choices) values ($1, $2, array['School'])`,
			params: [w.interviewA, w.roundA.questions.multi]
		})
	},
	findings: {
		key: 't.round_id',
		touch: 'statement',
		insert: (w, role) => ({
			sql: `insert into app.findings (id, round_id, interviewer_id, statement, theme)
				values ($1, $2, $3, 'Een bevinding van de matrix', 'Wachttijd')`,
			params: [randomUUID(), w.roundA.id, actingInterviewer(w, role)]
		})
	},
	slides: {
		key: 't.round_id',
		touch: 'theme',
		insert: (w) => ({
			sql: `insert into app.slides (round_id, position, kind) values ($1, 500, 'title')`,
			params: [w.roundA.id]
		})
	},
	evening_events: {
		key: 't.round_id',
		touch: 'position',
		insert: (w) => ({
			sql: `insert into app.evening_events (round_id, kind, position) values ($1, 'moved', 0)`,
			params: [w.roundA.id]
		})
	},
	reactions: {
		key: 't.round_id',
		touch: 'kind',
		insert: (w) => ({
			sql: `insert into app.reactions (round_id, slide_position, kind, client_key)
				values ($1, 0, 'verrast', $2)`,
			params: [w.roundA.id, `matrix-${uid()}`]
		})
	},
	slide_notes: {
		key: 't.round_id',
		touch: 'notes',
		insert: (w) => ({
			sql: `insert into app.slide_notes (round_id, position, notes) values ($1, 0, 'Welkom')`,
			params: [w.roundA.id]
		})
	},
	reaction_taps: {
		key: 't.round_id',
		touch: 'client_key',
		insert: (w) => ({
			sql: `insert into app.reaction_taps (round_id, client_key, address_key) values ($1, $2, 'matrix')`,
			params: [w.roundA.id, `matrix-${uid()}`]
		})
	},
	rehearsal_reactions: {
		key: 't.round_id',
		touch: 'kind',
		insert: (w) => ({
			sql: `insert into app.rehearsal_reactions (round_id, slide_position, kind, interviewer_id)
				values ($1, 0, 'verrast', $2)`,
			params: [w.roundA.id, w.presenter.id]
		})
	},
	chain_entries: {
		key: 't.round_id',
		touch: 'content_hash',
		// A forged entry, the way app.chain_append writes one (the trigger computes the rest).
		insert: (w) => ({
			sql: `insert into app.chain_entries (round_id, seq, kind, subject_id, content_hash, prev_hash, at, entry_hash)
				values ($1, 0, 'finding_submitted', $2, repeat('0', 64), '', '', '')`,
			params: [w.roundA.id, randomUUID()]
		})
	},
	responses: {
		key: 't.round_id',
		touch: 'body',
		// A response to round A's finding, in the caller's own staff role (the policy checks it).
		insert: (w, role) => ({
			sql: `insert into app.responses (finding_id, status, body, author_role)
				values ($1, 'in_onderzoek', 'We zoeken het uit.', $2)`,
			params: [w.findingA, role === 'councillor' ? 'municipal' : 'coordinator']
		})
	},
	verdicts: {
		key: 't.round_id',
		touch: 'verdict',
		// A verdict on round A's response, as the interviewer the role acts as.
		insert: (w, role) => ({
			sql: `insert into app.verdicts (response_id, interviewer_id, round_id, verdict)
				values ($1, $2, $3, 'helpt')`,
			params: [w.responseA, actingInterviewer(w, role), w.roundA.id]
		})
	},
	notice_addresses: {
		key: 't.interviewer_id',
		touch: 'email',
		// An address for round A, as the interviewer the role acts as.
		insert: (w, role) => ({
			sql: `insert into app.notice_addresses (interviewer_id, round_id, email)
				values ($1, $2, 'matrix@voorbeeld.example')`,
			params: [actingInterviewer(w, role), w.roundA.id]
		})
	},
	audit_events: {
		key: 't.round_id',
		touch: 'actor_name',
		insert: (w) => ({
			sql: `insert into app.audit_events (round_id, kind, actor_name) values ($1, 'evening_opened', 'Nep')`,
			params: [w.roundA.id]
		})
	},
	result_links: {
		key: 't.round_id',
		touch: 'revoked_at',
		// A link to round A's results made without the api (the hash of a token of one's own).
		insert: (w) => ({
			sql: `insert into app.result_links (round_id, token_hash) values ($1, extensions.digest($2, 'sha256'))`,
			params: [w.roundA.id, `matrix-${uid()}`]
		})
	},
	teams: {
		key: 't.organisation_id',
		touch: 'name',
		insert: (w) => ({
			sql: `insert into app.teams (organisation_id, name) values ($1, $2)`,
			params: [w.org.id, `Nepteam ${uid()}`]
		})
	},
	team_agreements: {
		key: 't.round_id',
		touch: 'body',
		// The organisation's team on round A's finding (the trigger fills in the round).
		insert: (w) => ({
			sql: `insert into app.team_agreements (team_id, finding_id, round_id, body, owner, look_back_on)
				values ($1, $2, $3, 'We bellen elk gezin terug.', 'Teamleider', current_date + 14)`,
			params: [w.teamA, w.findingA, w.roundA.id]
		})
	},
	team_look_backs: {
		key: 't.agreement_id',
		touch: 'body',
		insert: () => ({
			sql: `insert into app.team_look_backs (agreement_id, body) values ($1, 'Het loopt goed.')`,
			params: [randomUUID()]
		})
	}
};
