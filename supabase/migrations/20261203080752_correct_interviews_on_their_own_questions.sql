-- correct_interviews_on_their_own_questions
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.interviewer_me()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_me app.interviewers;
	v_round app.rounds;
begin
	select * into v_me from app.interviewers i where i.id = app.require_interviewer();
	select * into v_round from app.rounds r where r.id = v_me.round_id;
	return jsonb_build_object(
		'id', v_me.id, 'display_name', v_me.display_name, 'is_presenter', v_me.is_presenter,
		'round', jsonb_build_object(
			'id', v_round.id, 'title', v_round.title, 'target_group', v_round.target_group,
			'state', v_round.state, 'evening_code', v_round.evening_code,
			'guide_version', v_round.guide_version,
			-- So "my interviews" knows whether to link to /vragen without asking own_questions too.
			'can_add_questions', v_round.interviewers_add_questions and v_round.state = 'veldwerk',
			'municipalities', app.round_municipalities_json(v_round.id),
			'questions', app.questions_json(v_round.id, v_round.guide_version),
			'themes', to_jsonb(app.round_themes(v_round.id))
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.my_interview(p_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
begin
	select * into v_interview from app.interviews v where v.id = p_id and v.interviewer_id = v_me;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'id', v_interview.id, 'guide_version', v_interview.guide_version,
		'consent_form', v_interview.consent_form, 'guardian_consent', v_interview.guardian_consent,
		'interviewee_group', v_interview.interviewee_group, 'age_band', v_interview.age_band,
		'municipality_id', v_interview.municipality_id, 'submitted_at', v_interview.submitted_at,
		'corrected_at', v_interview.corrected_at, 'withdrawn_at', v_interview.consent_withdrawn_at,
		'questions', app.questions_json(v_interview.round_id, v_interview.guide_version),
		'answers', (select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'question_id', a.question_id, 'text', a.text_value, 'scale', a.scale_value,
			'choices', to_jsonb(a.choices))) order by a.question_id), '[]'::jsonb)
			from app.answers a where a.interview_id = v_interview.id)
	);
end;
$function$
;

reset check_function_bodies;

