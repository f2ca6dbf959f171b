-- refuse_changed_resubmissions
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

drop function if exists "api"."interview_submit"(p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid, p_answers jsonb);

alter table "app"."findings" add column "submission_hash" text;

alter table "app"."interviews" add column "submission_hash" text;

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.interview_submit(p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid, p_answers jsonb, p_guide_version integer DEFAULT NULL::integer)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
	v_guide_version integer;
	v_answer jsonb;
	v_question app.questions;
	v_text text;
	v_scale integer;
	v_choices text[];
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
		where rm.round_id = v_round.id and rm.municipality_id = p_municipality_id
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_id';
	end if;
	if p_answers is null or jsonb_typeof(p_answers) <> 'array' or jsonb_array_length(p_answers) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;
	if (select count(*) from jsonb_array_elements(p_answers) a)
		<> (select count(distinct a ->> 'question_id') from jsonb_array_elements(p_answers) a)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;

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

	for v_answer in select a from jsonb_array_elements(p_answers) a loop
		v_question := null;
		if jsonb_typeof(v_answer) = 'object'
			and (v_answer ->> 'question_id') ~ '^[0-9a-fA-F-]{36}$'
		then
			select q.* into v_question from app.questions q
			where q.id = (v_answer ->> 'question_id')::uuid
				and q.round_id = v_round.id and q.guide_version = v_guide_version;
		end if;
		if v_question.id is null then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
		end if;
		v_text := null;
		v_scale := null;
		v_choices := null;
		if v_question.kind = 'open' then
			v_text := btrim(case when jsonb_typeof(v_answer -> 'text') = 'string' then v_answer ->> 'text' end);
			if v_text is null or char_length(v_text) not between 1 and 4000 then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		elsif v_question.kind = 'scale' then
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
					where jsonb_typeof(c) <> 'string' or not ((c #>> '{}') = any (v_question.options))
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			select array_agg(distinct c #>> '{}') into v_choices
			from jsonb_array_elements(v_answer -> 'choices') c;
			if v_choices is null
				or (v_question.kind = 'single' and cardinality(v_choices) <> 1)
				or cardinality(v_choices) <> jsonb_array_length(v_answer -> 'choices')
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		end if;
		insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
		values (p_id, v_question.id, v_text, v_scale, v_choices);
	end loop;

	return jsonb_build_object('id', p_id, 'created', true);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.finding_resent(p_id uuid, p_hash text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_finding app.findings;
begin
	select * into v_finding from app.findings f
	where f.id = p_id and f.interviewer_id = app.require_interviewer();
	if v_finding.id is null then
		return null;
	end if;
	perform app.resubmission(v_finding.withdrawn_at is not null, v_finding.submission_hash, p_hash);
	return jsonb_build_object('id', p_id, 'created', false);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.findings_erase_fingerprint()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if new.statement is null then
		new.submission_hash := null;
	end if;
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.interview_resent(p_id uuid, p_hash text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_interview app.interviews;
begin
	select * into v_interview from app.interviews v
	where v.id = p_id and v.interviewer_id = app.require_interviewer();
	if v_interview.id is null then
		return null;
	end if;
	perform app.resubmission(v_interview.consent_withdrawn_at is not null,
		v_interview.submission_hash, p_hash);
	return jsonb_build_object('id', p_id, 'created', false);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.resubmission(p_withdrawn boolean, p_stored text, p_sent text)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
begin
	if p_withdrawn then
		raise exception using errcode = 'P0001', message = 'withdrawn';
	end if;
	if p_stored is not null and p_stored <> p_sent then
		raise exception using errcode = 'P0001', message = 'submission_conflict';
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.submission_hash(p_content jsonb)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
	select encode(sha256(convert_to(p_content::text, 'UTF8')), 'hex')
$function$
;

CREATE OR REPLACE FUNCTION api.finding_create(p_id uuid, p_statement text, p_quote text DEFAULT NULL::text, p_theme text DEFAULT NULL::text, p_interview_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_clean record;
	v_hash text := app.submission_hash(jsonb_build_object('statement', p_statement,
		'quote', p_quote, 'theme', p_theme, 'interview_id', p_interview_id));
	v_resent jsonb;
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	-- Idempotent, as interview_submit: a resend is checked before the round's state.
	v_resent := app.finding_resent(p_id, v_hash);
	if v_resent is not null then
		return v_resent;
	end if;
	if app.round_state(v_round_id) not in ('veldwerk', 'avond') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_round_id, p_statement, p_quote, p_theme);
	if p_interview_id is not null and not exists (
		select 1 from app.interviews v
		where v.id = p_interview_id and v.interviewer_id = v_me and v.consent_withdrawn_at is null
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interview_id';
	end if;

	insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme,
		submission_hash)
	values (p_id, v_round_id, v_me, p_interview_id, v_clean.statement, v_clean.quote, v_clean.theme,
		v_hash)
	on conflict (id) do nothing;
	if not found then
		-- A concurrent send of the same id won, or the id is someone else's.
		v_resent := app.finding_resent(p_id, v_hash);
		if v_resent is not null then
			return v_resent;
		end if;
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return jsonb_build_object('id', p_id, 'created', true);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.retention_run(p_now timestamp with time zone DEFAULT now())
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
	v_rounds integer := 0;
	v_findings integer := 0;
	v_answers integer := 0;
	v_n integer;
	v_was text;
begin
	if p_now is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'now';
	end if;
	for v_round in
		select r.* from app.rounds r
		where r.state = 'gepubliceerd' and r.published_at is not null
			and r.published_at + make_interval(months => r.retention_months) < p_now
		order by r.published_at, r.id
		for update
	loop
		v_was := app.allow_finding_write();
		update app.findings set statement = null, quote = null, erased_at = p_now
		where round_id = v_round.id and erased_at is null and withdrawn_at is null;
		get diagnostics v_n = row_count;
		perform app.restore_finding_write(v_was);
		v_findings := v_findings + v_n;
		delete from app.answers a using app.interviews v
		where v.id = a.interview_id and v.round_id = v_round.id and a.text_value is not null;
		get diagnostics v_n = row_count;
		v_answers := v_answers + v_n;
		-- The fingerprints covered the erased text too.
		update app.interviews set submission_hash = null where round_id = v_round.id;
		update app.rounds set state = 'gearchiveerd' where id = v_round.id;
		perform app.audit(v_round.id, 'retention_run', null, null, p_now);
		v_rounds := v_rounds + 1;
	end loop;
	return jsonb_build_object('rounds_archived', v_rounds, 'findings_erased', v_findings,
		'answers_erased', v_answers);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.interviews_erase_salt()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if old.consent_withdrawn_at is null and new.consent_withdrawn_at is not null then
		new.hash_salt := null;
		new.submission_hash := null;
	end if;
	return new;
end;
$function$
;

CREATE TRIGGER findings_erase_fingerprint BEFORE UPDATE ON app.findings FOR EACH ROW EXECUTE FUNCTION app.findings_erase_fingerprint();

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant insert (submission_hash) on table app.interviews to authenticated;
grant insert (submission_hash) on table app.findings to authenticated;
grant execute on function app.submission_hash(p_content jsonb) to authenticated;
grant execute on function app.resubmission(p_withdrawn boolean, p_stored text, p_sent text) to authenticated;
grant execute on function app.interview_resent(p_id uuid, p_hash text) to authenticated;
grant execute on function api.interview_submit(p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text, p_age_band text, p_municipality_id uuid, p_answers jsonb, p_guide_version integer) to authenticated;
grant execute on function app.finding_resent(p_id uuid, p_hash text) to authenticated;

