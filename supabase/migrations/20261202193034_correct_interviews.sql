-- correct_interviews
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."chain_entries" drop constraint "chain_entries_kind_check";

alter table "app"."interviews" add column "corrected_at" timestamp with time zone;

alter table "app"."chain_entries" add constraint "chain_entries_kind_check" CHECK ((kind = ANY (ARRAY['interview_submitted'::text, 'interview_corrected'::text, 'interview_withdrawn'::text, 'finding_submitted'::text, 'finding_corrected'::text, 'finding_withdrawn'::text]))) not valid;

alter table "app"."chain_entries" validate constraint "chain_entries_kind_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.interview_update(p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid, p_answers jsonb)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
	v_next app.interviews;
	v_rows jsonb;
	v_before text;
begin
	select * into v_interview from app.interviews v where v.id = p_id for update;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_interview.interviewer_id <> v_me then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if v_interview.consent_withdrawn_at is not null then
		raise exception using errcode = 'P0001', message = 'withdrawn';
	end if;
	if app.evening_opened(v_interview.round_id) then
		raise exception using errcode = 'P0001', message = 'interviews_frozen';
	end if;
	if app.round_state(v_interview.round_id) <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	perform app.check_interview_profile(v_interview.round_id, p_consent_form, p_guardian_consent,
		p_interviewee_group, p_age_band, p_municipality_id);
	v_rows := app.interview_answer_rows(v_interview.round_id, v_interview.guide_version, p_answers);

	v_before := app.interview_content_hash(v_interview);
	delete from app.answers where interview_id = p_id;
	perform app.insert_answers(p_id, v_rows);
	v_next := v_interview;
	v_next.consent_form := p_consent_form;
	v_next.guardian_consent := coalesce(p_guardian_consent, false);
	v_next.interviewee_group := p_interviewee_group;
	v_next.age_band := p_age_band;
	v_next.municipality_id := p_municipality_id;
	update app.interviews
	set consent_form = v_next.consent_form, guardian_consent = v_next.guardian_consent,
		interviewee_group = v_next.interviewee_group, age_band = v_next.age_band,
		municipality_id = v_next.municipality_id,
		corrected_at = case when app.interview_content_hash(v_next) <> v_before then now()
			else corrected_at end
	where id = p_id;
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
		'answers', (select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'question_id', a.question_id, 'text', a.text_value, 'scale', a.scale_value,
			'choices', to_jsonb(a.choices))) order by a.question_id), '[]'::jsonb)
			from app.answers a where a.interview_id = v_interview.id)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.check_interview_profile(p_round_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
	if p_consent_form is null then
		raise exception using errcode = 'P0001', message = 'consent_required', hint = 'consent_form';
	end if;
	if p_consent_form not in ('mondeling', 'schriftelijk') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'consent_form';
	end if;
	if p_interviewee_group is null or p_interviewee_group not in ('ouder', 'jongere') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interviewee_group';
	end if;
	if p_age_band is null or p_age_band not in ('onder_12', '12_15', '16_17', '18_23', '24_plus') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'age_band';
	end if;
	if p_age_band in ('onder_12', '12_15') and p_guardian_consent is not true then
		raise exception using errcode = 'P0001', message = 'guardian_consent_required',
			hint = 'guardian_consent';
	end if;
	if p_municipality_id is null or not exists (
		select 1 from app.round_municipalities rm
		where rm.round_id = p_round_id and rm.municipality_id = p_municipality_id
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_id';
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.insert_answers(p_interview_id uuid, p_rows jsonb)
 RETURNS void
 LANGUAGE sql
 SET search_path TO ''
AS $function$
	insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
	select p_interview_id, (r ->> 'question_id')::uuid, r ->> 'text', (r ->> 'scale')::integer,
		case when jsonb_typeof(r -> 'choices') = 'array' then
			array(select c.value from jsonb_array_elements_text(r -> 'choices') with ordinality as c
				order by c.ordinality) end
	from jsonb_array_elements(p_rows) r
$function$
;

CREATE OR REPLACE FUNCTION app.interview_answer_rows(p_round_id uuid, p_guide_version integer, p_answers jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_answer jsonb;
	v_guide jsonb;
	v_question jsonb;
	v_rows jsonb := '[]'::jsonb;
	v_text text;
	v_scale integer;
	v_choices text[];
begin
	if p_answers is null or jsonb_typeof(p_answers) <> 'array' or jsonb_array_length(p_answers) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;
	if (select count(*) from jsonb_array_elements(p_answers) a)
		<> (select count(distinct a ->> 'question_id') from jsonb_array_elements(p_answers) a)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;

	select coalesce(jsonb_object_agg(q.id::text, jsonb_build_object('kind', q.kind,
		'options', coalesce(to_jsonb(q.options), '[]'::jsonb))), '{}'::jsonb)
	into v_guide
	from app.questions q where q.round_id = p_round_id and q.guide_version = p_guide_version;
	for v_answer in select a from jsonb_array_elements(p_answers) a loop
		v_question := null;
		if jsonb_typeof(v_answer) = 'object'
			and (v_answer ->> 'question_id') ~ '^[0-9a-fA-F-]{36}$'
		then
			v_question := v_guide -> lower(v_answer ->> 'question_id');
		end if;
		if v_question is null then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
		end if;
		v_text := null;
		v_scale := null;
		v_choices := null;
		if v_question ->> 'kind' = 'open' then
			v_text := btrim(case when jsonb_typeof(v_answer -> 'text') = 'string' then v_answer ->> 'text' end);
			if v_text is null or char_length(v_text) not between 1 and 4000 then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		elsif v_question ->> 'kind' = 'scale' then
			if jsonb_typeof(v_answer -> 'scale') is distinct from 'number'
				or (v_answer ->> 'scale') !~ '^[1-5]$'
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			v_scale := (v_answer ->> 'scale')::integer;
		else
			if jsonb_typeof(v_answer -> 'choices') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_answer -> 'choices') c
					where jsonb_typeof(c) <> 'string' or not ((v_question -> 'options') ? (c #>> '{}'))
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			select array_agg(distinct c #>> '{}') into v_choices
			from jsonb_array_elements(v_answer -> 'choices') c;
			if v_choices is null
				or (v_question ->> 'kind' = 'single' and cardinality(v_choices) <> 1)
				or cardinality(v_choices) <> jsonb_array_length(v_answer -> 'choices')
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		end if;
		v_rows := v_rows || jsonb_build_array(jsonb_build_object('question_id',
			lower(v_answer ->> 'question_id'), 'text', v_text, 'scale', v_scale,
			'choices', to_jsonb(v_choices)));
	end loop;

	return v_rows;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.interview_submit(p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid, p_answers jsonb, p_guide_version integer DEFAULT NULL::integer)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
	v_guide_version integer;
	v_rows jsonb;
	v_hash text;
	v_resent jsonb;
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	-- Idempotent: the device sends again after a lost answer, also after the round moved on.
	v_hash := app.submission_hash(jsonb_build_object(
		'consent_form', p_consent_form, 'guardian_consent', p_guardian_consent,
		'interviewee_group', p_interviewee_group, 'age_band', p_age_band,
		'municipality_id', p_municipality_id, 'guide_version', p_guide_version,
		'answers', case when jsonb_typeof(p_answers) = 'array' then (
			select jsonb_agg(a order by a ->> 'question_id', a::text) from jsonb_array_elements(p_answers) a
		) else p_answers end
	));
	v_resent := app.interview_resent(p_id, v_hash);
	if v_resent is not null then
		return v_resent;
	end if;

	select r.* into v_round from app.rounds r where r.id = app.current_interviewer_round_id();
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	v_guide_version := coalesce(p_guide_version, v_round.guide_version);
	if v_guide_version not between 1 and v_round.guide_version then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'guide_version';
	end if;
	perform app.check_interview_profile(v_round.id, p_consent_form, p_guardian_consent,
		p_interviewee_group, p_age_band, p_municipality_id);
	v_rows := app.interview_answer_rows(v_round.id, v_guide_version, p_answers);

	insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
		guardian_consent, interviewee_group, age_band, municipality_id, submission_hash)
	values (p_id, v_round.id, v_me, v_guide_version, p_consent_form,
		coalesce(p_guardian_consent, false), p_interviewee_group, p_age_band, p_municipality_id, v_hash)
	on conflict (id) do nothing;
	if not found then
		-- A concurrent send of the same id got there first (the insert waited for it): this
		-- statement sees it now. Otherwise the id is not ours: a forged or colliding id.
		v_resent := app.interview_resent(p_id, v_hash);
		if v_resent is not null then
			return v_resent;
		end if;
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;

	perform app.insert_answers(p_id, v_rows);

	return jsonb_build_object('id', p_id, 'created', true);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.chain_on_interview()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if tg_op = 'INSERT' then
		perform app.chain_append(new.round_id, 'interview_submitted', new.id,
			app.interview_content_hash(new));
	elsif old.consent_withdrawn_at is null and new.consent_withdrawn_at is not null then
		perform app.chain_append(new.round_id, 'interview_withdrawn', new.id,
			coalesce(app.chain_last_hash(new.round_id, new.id), app.interview_content_hash(old)));
	elsif new.consent_withdrawn_at is null and new.corrected_at is distinct from old.corrected_at then
		-- Deferred to commit: the hash covers the new answers (api.interview_update).
		perform app.chain_append(new.round_id, 'interview_corrected', new.id,
			app.interview_content_hash(new));
	end if;
	return null;
end;
$function$
;

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant execute on function app.check_interview_profile(p_round_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid) to authenticated;
grant execute on function app.interview_answer_rows(p_round_id uuid, p_guide_version integer, p_answers jsonb) to authenticated;
grant execute on function app.insert_answers(p_interview_id uuid, p_rows jsonb) to authenticated;
grant execute on function api.interview_update(p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid, p_answers jsonb) to authenticated;
grant execute on function api.my_interview(p_id uuid) to authenticated;

