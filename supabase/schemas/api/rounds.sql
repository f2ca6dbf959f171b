-- Rounds, for staff (security invoker: RLS decides): list, create, read, start fieldwork, and
-- publish once the evening is closed.

-- Numbers only: safe for every role that may see a round at all. The interviews are read once
-- for both of their counts.
create function app.round_counts(p_round_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'interviewers', (select count(*) from app.interviewers i where i.round_id = p_round_id),
		'interviews', v.submitted,
		'findings', (select count(*) from app.findings f
			where f.round_id = p_round_id and f.withdrawn_at is null),
		'consent_withdrawn', v.withdrawn
	)
	from (
		select count(*) filter (where v.consent_withdrawn_at is null) as submitted,
			count(*) filter (where v.consent_withdrawn_at is not null) as withdrawn
		from app.interviews v where v.round_id = p_round_id
	) as v
$$;

create function app.questions_json(p_round_id uuid, p_guide_version integer) returns jsonb
language sql stable set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object(
		'id', q.id, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt, 'theme', q.theme,
		'scale_min_label', q.scale_min_label, 'scale_max_label', q.scale_max_label,
		'options', to_jsonb(q.options), 'key', q.key
	) order by q.position), '[]'::jsonb)
	from app.questions q
	where q.round_id = p_round_id and q.guide_version = p_guide_version
$$;

create function app.round_municipalities_json(p_round_id uuid) returns jsonb
language sql stable set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name) order by m.name), '[]'::jsonb)
	from app.round_municipalities rm
	join app.municipalities m on m.id = rm.municipality_id
	where rm.round_id = p_round_id
$$;

create function api.rounds_list() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_staff();
	return (
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', r.id, 'title', r.title, 'target_group', r.target_group, 'state', r.state,
			'join_code', app.format_join_code(r.join_code), 'evening_code', r.evening_code,
			'created_at', r.created_at,
			'counts', app.round_counts(r.id) - 'consent_withdrawn'
		) order by r.created_at desc, r.title), '[]'::jsonb)
		from app.rounds r
		where r.organisation_id = app.current_organisation_id()
	);
end;
$$;

create function api.round_create(
	p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb,
	p_presenter_quorum integer default 2
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
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
$$;

create function api.round_get(p_round_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
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
		'retention_months', v_round.retention_months,
		'evening_starts_at', v_round.evening_starts_at, 'evening_ends_at', v_round.evening_ends_at,
		'evening_place', v_round.evening_place,
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
$$;

create function api.round_start_fieldwork(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	update app.rounds set state = 'veldwerk' where id = p_round_id and state = 'concept';
	if not found then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
end;
$$;

-- The end of a round's life: the coordinator publishes it after the evening closed; from then on
-- its retention period runs (retention.sql).
create function api.round_publish(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	perform 1 from app.rounds r where r.id = p_round_id for update;
	if app.round_state(p_round_id) <> 'avond' or not exists (
		select 1 from app.evenings e where e.round_id = p_round_id and e.closed_at is not null
	) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	-- The audit trigger on rounds logs round_published with the coordinator's name.
	update app.rounds set state = 'gepubliceerd', published_at = now() where id = p_round_id;
end;
$$;

-- The evening's date, time and place and how long the round's data is kept. Until publication:
-- from then on the retention period runs and the evening is over. Each bad value is refused with
-- the field it belongs to (hint), and nothing changes.
create function api.round_set_details(p_round_id uuid, p_starts_at timestamptz,
	p_ends_at timestamptz, p_place text, p_retention_months integer) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_place text := btrim(coalesce(p_place, ''));
begin
	perform app.require_coordinator_of_round(p_round_id);
	if p_starts_at is null or p_starts_at < now() then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'evening_date';
	end if;
	if p_ends_at is null or p_ends_at <= p_starts_at or p_ends_at > p_starts_at + interval '1 day' then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'evening_end';
	end if;
	if char_length(v_place) not between 2 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'evening_place';
	end if;
	if p_retention_months is null or p_retention_months not between 1 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'retention_months';
	end if;
	if app.round_state(p_round_id) in ('gepubliceerd', 'gearchiveerd') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	update app.rounds set evening_starts_at = p_starts_at, evening_ends_at = p_ends_at,
		evening_place = v_place, retention_months = p_retention_months
	where id = p_round_id;
end;
$$;

grant execute on function api.round_set_details(uuid, timestamptz, timestamptz, text, integer)
	to authenticated;
grant execute on function app.round_counts(uuid) to authenticated, service_role;
grant execute on function app.questions_json(uuid, integer), app.round_municipalities_json(uuid)
	to authenticated;
grant execute on function api.rounds_list(), api.round_create(text, text, uuid[], jsonb, integer),
	api.round_get(uuid), api.round_start_fieldwork(uuid), api.round_publish(uuid) to authenticated;
