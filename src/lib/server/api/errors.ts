// One place that turns a database reason code (supabase/API.md) into words a person understands.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Options = { locale?: Locale };
type Message = (inputs: Record<string, never>, options?: Options) => string;

const REASONS: Record<string, Message> = {
	invalid_input: m.reason_invalid_input,
	// The guide editor's refusals (API.md "guide_question_save"), in the editor's own words.
	guide_frozen: m.guide_error_frozen,
	last_question: m.guide_error_last,
	// A youth round's own questions (app.own_question_limits): what to do next, not just "no".
	own_questions_hour: m.reason_own_questions_hour,
	own_questions_round: m.reason_own_questions_round,
	join_code_unknown: m.reason_join_code_unknown,
	round_not_open: m.reason_round_not_open,
	rate_limited: m.reason_rate_limited,
	login_wait: m.reason_login_wait,
	login_failed: m.reason_login_failed,
	setup_token_invalid: m.reason_setup_token_invalid,
	session_invalid: m.reason_session_invalid,
	not_allowed: m.reason_not_allowed,
	not_found: m.reason_not_found,
	consent_required: m.reason_consent_required,
	guardian_consent_required: m.reason_guardian_consent_required,
	wrong_state: m.reason_wrong_state,
	not_presenter: m.reason_not_presenter,
	email_taken: m.reason_email_taken,
	evening_live: m.reason_evening_live,
	display_name_taken: m.reason_display_name_taken,
	not_volunteering: m.reason_not_volunteering,
	findings_frozen: m.reason_findings_frozen,
	interviews_frozen: m.reason_interviews_frozen,
	staff_signed_in: m.field_join_staff_signed_in,
	municipality_exists: m.reason_municipality_exists,
	municipality_in_use: m.reason_municipality_in_use,
	name_taken: m.reason_name_taken,
	invitation_invalid: m.reason_invitation_invalid,
	revoke_self: m.reason_revoke_self,
	withdrawn: m.reason_withdrawn,
	submission_conflict: m.reason_submission_conflict,
	other_round: m.reason_other_round,
	reason_required: m.reason_reason_required,
	date_in_past: m.reason_date_in_past,
	story_changed: m.story_reason_changed,
	unexpected: m.error_unexpected
};

/** Argument names (without `p_`) that an `invalid_input` hint can point at, as people call them. */
const FIELDS: Record<string, Message> = {
	code: m.reason_field_code,
	display_name: m.reason_field_display_name,
	email: m.reason_field_email,
	password: m.reason_field_password,
	organisation_name: m.reason_field_organisation_name,
	title: m.reason_field_title,
	target_group: m.reason_field_target_group,
	municipality_ids: m.reason_field_municipality_ids,
	questions: m.reason_field_questions,
	statement: m.reason_field_statement,
	quote: m.reason_field_quote,
	theme: m.reason_field_theme,
	consent_form: m.reason_field_consent_form,
	interviewee_group: m.reason_field_interviewee_group,
	age_band: m.reason_field_age_band,
	interview_id: m.reason_field_interview_id,
	municipality_id: m.reason_field_municipality_id,
	answers: m.reason_field_answers,
	kind: m.reason_field_kind,
	municipalities: m.reason_field_municipalities,
	themes: m.reason_field_themes,
	name: m.reason_field_name,
	role: m.reason_field_role,
	guide_version: m.reason_field_guide_version,
	status: m.reason_field_status,
	body: m.reason_field_body,
	reason: m.reason_field_reason,
	planned_for: m.reason_field_planned_for,
	verdict: m.reason_field_verdict,
	comment: m.reason_field_comment,
	position: m.story_field_position,
	notes: m.story_field_notes,
	edit: m.story_field_edit,
	owner: m.reason_field_owner,
	look_back_on: m.reason_field_look_back_on
};

export const KNOWN_REASONS = Object.keys(REASONS);

/**
 * A calm, localized sentence for a reason code. Unknown codes get the generic message: a new
 * code in the database must never leak its raw text to a browser.
 */
export function messageFor(reason: string, field?: string, options: Options = {}): string {
	if (reason === 'invalid_input' && field && Object.hasOwn(FIELDS, field)) {
		return m.reason_invalid_input_field({ field: FIELDS[field]({}, options) }, options);
	}
	const message = Object.hasOwn(REASONS, reason) ? REASONS[reason] : m.error_unexpected;
	return message({}, options);
}
