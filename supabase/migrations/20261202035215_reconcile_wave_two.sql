-- reconcile_wave_two
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."audit_events" drop constraint "audit_events_kind_check";

drop function if exists "api"."round_create"(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb);

drop function if exists "api"."session_join"(p_code text, p_display_name text, p_client_key text);

alter table "app"."audit_events" add constraint "audit_events_kind_check" CHECK ((kind = ANY (ARRAY['round_created'::text, 'fieldwork_started'::text, 'presenter_marked'::text, 'presenter_unmarked'::text, 'interviewer_revoked'::text, 'evening_opened'::text, 'evening_closed'::text, 'round_published'::text, 'retention_run'::text, 'access_granted'::text, 'access_revoked'::text, 'response_posted'::text]))) not valid;

alter table "app"."audit_events" validate constraint "audit_events_kind_check";

set check_function_bodies = off;

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
	if app.evening_opened(v_round_id) then
		raise exception using errcode = 'P0001', message = 'findings_frozen';
	end if;
	if app.round_state(v_round_id) <> 'veldwerk' then
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

CREATE OR REPLACE FUNCTION api.round_audit(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = v_round_id;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd')
		-- coalesce: for anon the role check is null, and `not null` would let them through.
		and not coalesce(app.is_coordinator_of_round(v_round.id), false)
	then
		return app.sealed_round(v_round);
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state),
		'counts', jsonb_build_object(
			'interviewers_joined', (select count(*) from app.interviewers i where i.round_id = v_round.id),
			'interviews_submitted', (select count(*) from app.interviews v where v.round_id = v_round.id),
			'interviews_withdrawn', (select count(*) from app.interviews v
				where v.round_id = v_round.id and v.consent_withdrawn_at is not null),
			'findings_submitted', (select count(*) from app.findings f where f.round_id = v_round.id),
			'findings_withdrawn', (select count(*) from app.findings f
				where f.round_id = v_round.id and f.withdrawn_at is not null)
		),
		'events', (
			select coalesce(jsonb_agg(jsonb_build_object('at', a.at, 'kind', a.kind,
				'actor_name', a.actor_name, 'subject_name', a.subject_name,
				'confirmations', a.confirmations) order by a.id), '[]'::jsonb)
			from app.audit_events a
			where a.round_id = v_round.id
				or (a.round_id is null and a.organisation_id = v_round.organisation_id)
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_create(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb, p_presenter_quorum integer DEFAULT 2)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_title text := app.clean_name(p_title);
	v_org uuid;
	v_round_id uuid;
	v_join_code text;
	v_q jsonb;
	v_pos bigint;
	v_kind text;
	v_prompt text;
	v_theme text;
	v_min text;
	v_max text;
	v_options text[];
	v_key text;
	v_attempt integer := 0;
begin
	perform app.require_staff();
	v_org := app.current_organisation_id();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if char_length(v_title) not between 3 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'title';
	end if;
	if p_target_group is null or p_target_group not in ('ouders', 'jongeren') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'target_group';
	end if;
	if coalesce(cardinality(p_municipality_ids), 0) = 0
		or array_position(p_municipality_ids, null) is not null
		or exists (
			select 1 from unnest(p_municipality_ids) as u(id)
			where not exists (
				select 1 from app.municipalities m where m.id = u.id and m.organisation_id = v_org
			)
		)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_ids';
	end if;
	if p_questions is null or jsonb_typeof(p_questions) <> 'array'
		or jsonb_array_length(p_questions) not between 1 and 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	if p_presenter_quorum is null or p_presenter_quorum not between 2 and 5 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'presenter_quorum';
	end if;

	-- A join code must be unique across all organisations; retry the rare collision.
	loop
		v_attempt := v_attempt + 1;
		v_join_code := app.random_code(8);
		begin
			insert into app.rounds (organisation_id, title, target_group, join_code, evening_code,
				created_by, presenter_quorum)
			values (v_org, v_title, p_target_group, v_join_code, app.random_code(6),
				app.current_staff_id(), p_presenter_quorum)
			returning id into v_round_id;
			exit;
		exception when unique_violation then
			if v_attempt >= 5 then
				raise;
			end if;
		end;
	end loop;

	insert into app.round_municipalities (round_id, municipality_id)
	select distinct v_round_id, u.id from unnest(p_municipality_ids) as u(id);

	for v_q, v_pos in select e.value, e.ordinality from jsonb_array_elements(p_questions) with ordinality as e loop
		if jsonb_typeof(v_q) <> 'object' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		v_kind := v_q ->> 'kind';
		v_prompt := btrim(coalesce(v_q ->> 'prompt', ''));
		v_theme := app.clean_name(v_q ->> 'theme');
		v_min := nullif(btrim(coalesce(v_q ->> 'scale_min_label', '')), '');
		v_max := nullif(btrim(coalesce(v_q ->> 'scale_max_label', '')), '');
		v_options := null;
		if v_kind is null or v_kind not in ('open', 'scale', 'single', 'multi')
			or char_length(v_prompt) not between 3 and 300
			or char_length(v_theme) not between 1 and 60
			or char_length(v_min) > 60 or char_length(v_max) > 60
			-- A scale says what 1 and 5 mean: both words, or the answers cannot be read.
			or (v_kind = 'scale' and (v_min is null or v_max is null))
		then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		-- The same key as a question of an earlier round (a starter guide's, or one copied) marks
		-- it as the same question; without one it gets a key of its own.
		v_key := coalesce(nullif(v_q ->> 'key', ''), gen_random_uuid()::text);
		if v_key !~ '^[a-z0-9][a-z0-9_-]{0,63}$' or exists (
			select 1 from app.questions q where q.round_id = v_round_id and q.key = v_key
		) then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		if v_kind in ('single', 'multi') then
			if jsonb_typeof(v_q -> 'options') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_q -> 'options') o
					where jsonb_typeof(o) <> 'string' or char_length(btrim(o #>> '{}')) not between 1 and 200
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
			select array_agg(btrim(o #>> '{}') order by n) into v_options
			from jsonb_array_elements(v_q -> 'options') with ordinality as x(o, n);
			if cardinality(v_options) not between 2 and 20
				or (select count(distinct x) from unnest(v_options) x) <> cardinality(v_options)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
		end if;
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
			scale_min_label, scale_max_label, options, key)
		values (v_round_id, 1, v_pos - 1, v_kind, v_prompt, v_theme,
			case when v_kind = 'scale' then v_min end, case when v_kind = 'scale' then v_max end, v_options,
			v_key);
	end loop;

	return jsonb_build_object('id', v_round_id, 'join_code', app.format_join_code(v_join_code));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_get(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
begin
	perform app.require_staff();
	select * into v_round from app.rounds r
	where r.id = p_round_id and r.organisation_id = app.current_organisation_id();
	if not found then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	-- Counts only: nothing here reads answers, statements or quotes.
	return jsonb_build_object(
		'id', v_round.id, 'title', v_round.title, 'target_group', v_round.target_group,
		'state', v_round.state, 'join_code', app.format_join_code(v_round.join_code),
		'evening_code', v_round.evening_code, 'guide_version', v_round.guide_version,
		'presenter_quorum', v_round.presenter_quorum,
		'results_min_cell', v_round.results_min_cell,
		'municipalities', app.round_municipalities_json(v_round.id),
		'questions', app.questions_json(v_round.id, v_round.guide_version),
		'interviewers', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', i.id, 'display_name', i.display_name, 'tag', '#' || i.member_no,
				'is_presenter', i.is_presenter, 'joined_at', i.joined_at
			) order by i.joined_at, i.id), '[]'::jsonb)
			from app.interviewers i where i.round_id = v_round.id
		),
		'counts', app.round_counts(v_round.id),
		'evening', (
			select jsonb_build_object('opened_at', e.opened_at, 'opened_by_name', i.display_name,
				'closed_at', e.closed_at)
			from app.evenings e left join app.interviewers i on i.id = e.opened_by
			where e.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.session_join(p_code text, p_display_name text, p_client_key text, p_device_key text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_name text := app.clean_name(p_display_name);
	v_round app.rounds;
	v_interviewer_id uuid;
begin
	perform app.check_client_key(p_client_key);
	perform app.check_client_key(coalesce(p_device_key, p_client_key));
	if app.attempts_blocked('join', p_client_key, coalesce(p_device_key, p_client_key)) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	if char_length(v_name) not between 1 and 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(coalesce(p_code, '')) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'code';
	end if;

	select * into v_round from app.rounds r where r.join_code = app.normalise_code(p_code);
	if not found then
		-- Returned, not raised: raising would roll back the failure we just counted.
		perform app.record_attempt('join', p_client_key, p_device_key, null, false);
		return jsonb_build_object('error', 'join_code_unknown');
	end if;
	if v_round.state <> 'veldwerk' then
		-- A real code of a closed round counts as a wrong try: old invitations are no way to probe.
		perform app.record_attempt('join', p_client_key, p_device_key, null, false, v_round.id);
		return jsonb_build_object('error', 'round_not_open');
	end if;
	-- The cap per round: no flood of joins makes a round's group unreadable.
	if (select count(*) from app.auth_attempts a
		where a.kind = 'join' and a.round_id = v_round.id and a.succeeded
			and a.created_at > now() - interval '15 minutes') >= 200
	then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;

	-- Display names are unique within a round (app.fold: case and accents do not count), so
	-- nobody can pass as someone else of the group. The unique index is the wall; this gives
	-- the reason at the name field.
	if exists (select 1 from app.interviewers i
		where i.round_id = v_round.id and app.fold(i.display_name) = app.fold(v_name))
	then
		raise exception using errcode = 'P0001', message = 'display_name_taken', hint = 'display_name';
	end if;
	perform app.record_attempt('join', p_client_key, p_device_key, null, true, v_round.id);
	begin
		insert into app.interviewers (round_id, display_name)
		values (v_round.id, v_name)
		returning id into v_interviewer_id;
	exception when unique_violation then
		-- Someone took the name in the same moment.
		raise exception using errcode = 'P0001', message = 'display_name_taken', hint = 'display_name';
	end;
	return app.create_session(null, v_interviewer_id)
		|| jsonb_build_object('interviewer_id', v_interviewer_id, 'round_id', v_round.id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.setup_complete(p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text, p_municipalities jsonb, p_themes text[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_token_id uuid;
	v_org_name text := app.clean_name(p_organisation_name);
	v_name text := app.clean_name(p_display_name);
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_org_id uuid;
	v_staff_id uuid;
	v_themes text[];
	v_municipality jsonb;
begin
	select t.id into v_token_id from app.setup_tokens t
	where t.token_hash = app.token_hash(p_token) and t.used_at is null and t.expires_at > now()
	for update;
	if v_token_id is null or exists (select 1 from app.staff) then
		raise exception using errcode = 'P0001', message = 'setup_token_invalid';
	end if;
	if char_length(v_org_name) not between 2 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'organisation_name';
	end if;
	if char_length(v_name) not between 1 and 80 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(v_email) not between 3 and 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 10 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	if exists (select 1 from app.staff s where s.email = v_email) then
		raise exception using errcode = 'P0001', message = 'email_taken', hint = 'email';
	end if;
	if jsonb_typeof(p_municipalities) is distinct from 'array'
		or jsonb_array_length(p_municipalities) not between 1 and 400 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipalities';
	end if;
	for v_municipality in select * from jsonb_array_elements(p_municipalities) loop
		perform app.check_municipality(v_municipality ->> 'cbs_code', v_municipality ->> 'name');
	end loop;
	v_themes := app.clean_themes(p_themes);

	select o.id into v_org_id from app.organisations o where lower(o.name) = lower(v_org_name);
	if v_org_id is null then
		insert into app.organisations (name, themes) values (v_org_name, v_themes) returning id into v_org_id;
	else
		update app.organisations set themes = v_themes where id = v_org_id;
	end if;
	-- Municipalities the organisation already has (the demo's) stay as they are.
	insert into app.municipalities (organisation_id, name, cbs_code)
	select v_org_id, btrim(m ->> 'name'), m ->> 'cbs_code' from jsonb_array_elements(p_municipalities) m
	on conflict do nothing;
	insert into app.staff (organisation_id, role, display_name, email, password_hash)
	values (v_org_id, 'coordinator', v_name, v_email, extensions.crypt(p_password, extensions.gen_salt('bf', 10)))
	returning id into v_staff_id;
	update app.setup_tokens set used_at = now() where id = v_token_id;
	return jsonb_build_object('staff_id', v_staff_id);
end;
$function$
;

reset check_function_bodies;

