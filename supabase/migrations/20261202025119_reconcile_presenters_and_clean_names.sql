-- reconcile_presenters_and_clean_names
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

drop function if exists "api"."round_create"(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb);

set check_function_bodies = off;

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
		then
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
			scale_min_label, scale_max_label, options)
		values (v_round_id, 1, v_pos - 1, v_kind, v_prompt, v_theme,
			case when v_kind = 'scale' then v_min end, case when v_kind = 'scale' then v_max end, v_options);
	end loop;

	return jsonb_build_object('id', v_round_id, 'join_code', app.format_join_code(v_join_code));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.session_join(p_code text, p_display_name text, p_client_key text)
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
	if app.attempts_blocked('join', p_client_key, null) then
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
		perform app.record_attempt('join', p_client_key, null, false);
		return jsonb_build_object('error', 'join_code_unknown');
	end if;
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'round_not_open';
	end if;

	-- Display names are unique within a round (app.fold: case and accents do not count), so
	-- nobody can pass as someone else of the group. The unique index is the wall; this gives
	-- the reason at the name field.
	if exists (select 1 from app.interviewers i
		where i.round_id = v_round.id and app.fold(i.display_name) = app.fold(v_name))
	then
		raise exception using errcode = 'P0001', message = 'display_name_taken', hint = 'display_name';
	end if;
	perform app.record_attempt('join', p_client_key, null, true);
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

reset check_function_bodies;

