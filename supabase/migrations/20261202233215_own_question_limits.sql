-- own_question_limits
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

CREATE INDEX question_authors_interviewer ON app.question_authors USING btree (interviewer_id, added_at);

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.own_question_limits()
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$ select '{"per_interviewer_hour": 20, "per_round": 60}'::jsonb $function$
;

CREATE OR REPLACE FUNCTION api.own_question_add(p_kind text, p_prompt text, p_theme text, p_scale_min_label text DEFAULT NULL::text, p_scale_max_label text DEFAULT NULL::text, p_options text[] DEFAULT NULL::text[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
	v_version integer;
	v app.questions;
	v_limits jsonb := app.own_question_limits();
begin
	select r.* into v_round from app.rounds r
	where r.id = (select i.round_id from app.interviewers i where i.id = v_me);
	if not v_round.interviewers_add_questions then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	v := app.question_checked(v_round.id, p_kind, p_prompt, p_theme, p_scale_min_label,
		p_scale_max_label, p_options, null);
	if (select count(*) from app.question_authors a where a.interviewer_id = v_me
		and a.added_at > now() - interval '1 hour') >= (v_limits ->> 'per_interviewer_hour')::integer
	then
		raise exception using errcode = 'P0001', message = 'own_questions_hour';
	end if;
	if (select count(*) from app.question_authors a where a.round_id = v_round.id)
		>= (v_limits ->> 'per_round')::integer
	then
		raise exception using errcode = 'P0001', message = 'own_questions_round';
	end if;
	if (select count(*) from app.questions q
		where q.round_id = v_round.id and q.guide_version = v_round.guide_version) >= 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	v_version := app.guide_edit_version(v_round.id, true);
	insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
		scale_min_label, scale_max_label, options, key, origin)
	values (v_round.id, v_version,
		(select coalesce(max(q.position) + 1, 0) from app.questions q
			where q.round_id = v_round.id and q.guide_version = v_version),
		v.kind, v.prompt, v.theme, v.scale_min_label, v.scale_max_label, v.options,
		gen_random_uuid()::text, 'interviewer')
	returning * into v;
	insert into app.question_authors (round_id, key, interviewer_id) values (v_round.id, v.key, v_me);
	return jsonb_build_object('id', v.id, 'guide_version', v_version);
end;
$function$
;

reset check_function_bodies;

