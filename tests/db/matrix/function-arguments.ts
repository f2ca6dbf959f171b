// Meaningful arguments for every api function, per role: each role aims at round A (its ids, its
// evening code, its author), the way an attacker who learnt those ids would. Only "anonymous"
// lacks the evening code and guesses one; the "audience" has it.
import { randomUUID } from 'node:crypto';
import { uid } from '../fixtures';
import type { MatrixWorld, Role } from './roles';

type Args = Record<string, unknown>;

const eveningCode = (w: MatrixWorld, role: Role) =>
	role === 'anonymous' ? 'ZZZZZZ' : w.roundA.eveningCode;

export const FUNCTION_ARGUMENTS: Record<string, (w: MatrixWorld, role: Role) => Args> = {
	session_join: (w) => ({
		p_code: w.roundA.joinCode,
		p_display_name: 'Nieuwe peer',
		p_client_key: `matrix-${uid()}`
	}),
	session_login: (w) => ({
		p_email: w.coordinator.email,
		p_password: w.coordinator.password,
		p_client_key: `matrix-${uid()}`
	}),
	session_resolve: (w) => ({ p_token: w.author.token }),
	session_revoke: (w) => ({ p_token: w.author.token }),
	setup_needed: () => ({}),
	setup_issue_token: () => ({}),
	setup_complete: () => ({
		p_token: 'een-verzonnen-token',
		p_organisation_name: 'Overname BV',
		p_display_name: 'Indringer',
		p_email: `indringer-${uid()}@example.org`,
		p_password: 'lang-genoeg-wachtwoord',
		p_municipalities: [{ cbs_code: 'GM0344', name: 'Utrecht' }],
		p_themes: ['Toegang']
	}),
	react: (w, role) => ({
		p_evening_code: eveningCode(w, role),
		p_kind: 'herkenbaar',
		p_client_key: `matrix-${uid()}`,
		p_address_key: `matrix-${uid()}`
	}),

	// Far in the future, so the retention period of every published round has run out.
	retention_run: () => ({ p_now: '2100-01-01T00:00:00Z' }),

	staff_me: () => ({}),
	municipalities_list: () => ({}),
	organisation_get: () => ({}),
	invitation_create: (w) => ({
		p_role: 'municipal',
		p_municipality_ids: [w.org.municipalityIds[0]]
	}),
	invitation_withdraw: (w) => ({ p_invitation_id: w.invitationId }),
	people_list: () => ({}),
	staff_revoke: (w) => ({ p_staff_id: w.councillor.id }),
	invitation_lookup: (w) => ({ p_token: w.invitationToken }),
	invitation_accept: (w) => ({
		p_token: w.invitationToken,
		p_display_name: 'Raadslid Jansen',
		p_email: `raadslid-${uid()}@example.org`,
		p_password: 'lang-genoeg-wachtwoord'
	}),
	// The same name and themes it has: a coordinator's call changes nothing visible.
	organisation_update: (w) => ({ p_name: w.org.name, p_themes: ['Toegang', 'Wachttijd'] }),
	// A code no municipality of the world has (theirs have no code).
	municipality_add: () => ({ p_cbs_code: 'GM0344', p_name: 'Utrecht' }),
	// The organisation's third municipality: no round works in it.
	municipality_remove: (w) => ({ p_municipality_id: w.org.municipalityIds[2] }),
	rounds_list: () => ({}),
	round_create: (w) => ({
		p_title: 'Ronde van de matrix',
		p_target_group: 'ouders',
		p_municipality_ids: [w.roundA.municipalityIds[0]],
		p_questions: [{ kind: 'open', prompt: 'Wat wilt u kwijt?', theme: 'Algemeen' }]
	}),
	round_get: (w) => ({ p_round_id: w.roundA.id }),
	round_start_fieldwork: (w) => ({ p_round_id: w.roundC.id }),
	guide_get: (w) => ({ p_round_id: w.roundA.id }),
	guide_question_save: (w) => ({
		p_round_id: w.roundA.id,
		p_question_id: w.roundA.questions.open,
		p_kind: 'open',
		p_prompt: 'Hoe was het eerste contact met ons?',
		p_theme: 'Eerste contact'
	}),
	guide_question_delete: (w) => ({
		p_round_id: w.roundA.id,
		p_question_id: w.roundA.questions.multi
	}),
	guide_question_move: (w) => ({
		p_round_id: w.roundA.id,
		p_question_id: w.roundA.questions.open,
		p_position: 2
	}),
	round_set_own_questions: (w) => ({ p_round_id: w.roundA.id, p_allowed: false }),
	own_questions: () => ({}),
	own_question_add: () => ({
		p_kind: 'open',
		p_prompt: 'Wat wil jij nog vragen?',
		p_theme: 'Toegang'
	}),
	interviewer_revoke: (w) => ({ p_interviewer_id: w.author.id }),
	round_publish: (w) => ({ p_round_id: w.roundA.id }),

	round_members: () => ({}),
	presenter_volunteer: () => ({ p_volunteer: true }),
	presenter_confirm: (w) => ({ p_interviewer_id: w.presenter.id, p_confirm: true }),
	interviewer_me: () => ({}),
	interview_submit: (w) => ({
		p_id: randomUUID(),
		p_consent_form: 'mondeling',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: '24_plus',
		p_municipality_id: w.roundA.municipalityIds[0],
		p_answers: [{ question_id: w.roundA.questions.scale, scale: 3 }]
	}),
	my_interviews: () => ({}),
	interview_update: (w) => ({
		p_id: w.interviewA,
		p_consent_form: 'mondeling',
		p_guardian_consent: false,
		p_interviewee_group: 'ouder',
		p_age_band: '24_plus',
		p_municipality_id: w.roundA.municipalityIds[0],
		p_answers: [{ question_id: w.roundA.questions.scale, scale: 4 }]
	}),
	my_interview: (w) => ({ p_id: w.interviewA }),
	interview_withdraw: (w) => ({ p_interview_id: w.interviewA }),
	finding_create: () => ({
		p_id: randomUUID(),
		p_statement: 'Een nieuwe bevinding',
		p_quote: null,
		p_theme: 'Wachttijd',
		p_interview_id: null
	}),
	finding_update: (w) => ({
		p_id: w.findingA,
		p_statement: 'Overschreven',
		p_quote: null,
		p_theme: null
	}),
	finding_withdraw: (w) => ({ p_id: w.findingA }),
	my_findings: () => ({}),
	group_findings: () => ({}),

	evening_open: (w) => ({ p_round_id: w.roundA.id }),
	// Position 2 is round A's finding slide (title, theme, finding).
	evening_move: (w) => ({ p_round_id: w.roundA.id, p_position: 2 }),
	evening_close: (w) => ({ p_round_id: w.roundA.id }),
	presenter_slides: (w) => ({ p_round_id: w.roundA.id }),
	story: (w) => ({ p_round_id: w.roundA.id }),
	rehearsal_board: (w) => ({ p_round_id: w.roundA.id }),
	rehearsal_step: (w) => ({ p_round_id: w.roundA.id, p_step: { op: 'react', kind: 'herkenbaar' } }),
	// Hiding round A's finding slide, on the story's current version.
	story_edit: (w) => ({
		p_round_id: w.roundA.id,
		p_version: w.storyVersion,
		p_edit: { op: 'hide', position: 2, hidden: true }
	}),
	evening_board: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	evening_findings: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	evening_seq: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	evening_details: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	round_verification: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	round_audit: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	round_results: (w) => ({ p_round_id: w.roundA.id }),
	results_by_key: () => ({}),
	results_public: () => ({ p_token: 'een-verzonnen-token-van-zesendertig-tekens' }),
	results_link_create: (w) => ({ p_round_id: w.roundA.id }),
	results_link_revoke: (w) => ({ p_round_id: w.roundA.id }),
	round_set_min_cell: (w) => ({ p_round_id: w.roundA.id, p_min_cell: 7 }),
	round_set_details: (w) => ({
		p_round_id: w.roundA.id,
		p_starts_at: new Date(Date.now() + 7 * 864e5).toISOString(),
		p_ends_at: new Date(Date.now() + 7 * 864e5 + 2 * 36e5).toISOString(),
		p_place: 'Dorpshuis De Brink',
		p_retention_months: 12
	}),

	response_post: (w) => ({
		p_finding_id: w.findingA,
		p_status: 'niet_mogelijk',
		p_body: 'Dit kunnen we niet alleen.',
		p_reason: 'Het budget ligt bij de provincie.'
	}),
	verdict_give: (w) => ({
		p_response_id: w.responseA,
		p_verdict: 'gaat_langs_ons_heen',
		p_comment: 'Dit is geen antwoord.'
	}),
	// The finding's permanent page is public by its id: everyone asks for round A's finding.
	finding_story: (w) => ({ p_finding_id: w.findingA }),
	round_responses: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	round_accountability: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	teams_list: () => ({}),
	team_create: () => ({ p_name: `Team ${uid()}` }),
	team_rename: (w) => ({ p_team_id: w.teamA, p_name: `Team ${uid()}` }),
	team_meeting: (w) => ({ p_team_id: w.teamA }),
	team_draw: (w) => ({ p_team_id: w.teamA }),
	team_agreement_record: (w) => ({
		p_team_id: w.teamA,
		p_finding_id: w.findingA,
		p_body: 'We vragen elk gezin wat het nodig heeft.',
		p_owner: 'Teamleider',
		p_look_back_on: new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10),
		p_publish: true
	}),
	team_look_back_record: () => ({ p_agreement_id: randomUUID(), p_body: 'Het loopt goed.' }),
	finding_teams: (w) => ({ p_finding_id: w.findingA }),
	round_team_agreements: (w, role) => ({ p_evening_code: eveningCode(w, role) }),
	my_news: () => ({}),
	news_seen: () => ({}),
	notice_address: () => ({}),
	notice_address_set: () => ({ p_email: 'matrix@voorbeeld.example' }),
	notice_address_remove: () => ({}),
	response_notices: (w) => ({ p_response_id: w.responseA })
};
