-- The results evening: presenters open, move and close it; the public reads the board by its
-- evening code. Opening, moving and closing cross policies (they change the round's state and
-- append to the public log), so they are security definer and check the presenter themselves.

-- The presenters' story: a title slide, then per theme (guide order, unknown themes after, no
-- theme last) a theme slide followed by that theme's findings in the order they came in.
create function app.build_slides(p_round_id uuid) returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_count integer;
begin
	delete from app.slides where round_id = p_round_id;
	with theme_order as (
		select q.theme, min(q.position) as ord
		from app.questions q join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
		where q.round_id = p_round_id
		group by q.theme
	), shown as (
		select f.id, f.theme, f.created_at,
			coalesce((select t.ord from theme_order t where t.theme = f.theme), 1000) as ord
		from app.findings f
		where f.round_id = p_round_id and f.withdrawn_at is null
	), items as (
		select distinct s.ord, s.theme, 0 as sub, null::timestamptz as created_at, null::uuid as finding_id,
			'theme' as kind
		from shown s
		union all
		select s.ord, s.theme, 1, s.created_at, s.id, 'finding' from shown s
	)
	insert into app.slides (round_id, position, kind, theme, finding_id)
	select p_round_id, 0, 'title', null, null
	union all
	select p_round_id,
		row_number() over (order by i.ord, i.theme nulls last, i.sub, i.created_at, i.finding_id),
		i.kind, i.theme, i.finding_id
	from items i;
	get diagnostics v_count = row_count;
	return v_count;
end;
$$;

-- A presenter of this round, or a refusal: not_allowed for anyone who is not an interviewer,
-- not_presenter for interviewers who are not a presenter of this very round.
create function app.require_presenter_of(p_round_id uuid) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	if not app.is_presenter_of(p_round_id) then
		raise exception using errcode = 'P0001', message = 'not_presenter';
	end if;
	return v_me;
end;
$$;

create function app.log_event(p_round_id uuid, p_kind text, p_position integer, p_actor_id uuid)
returns bigint
language sql volatile security definer set search_path = ''
as $$
	insert into app.evening_events (round_id, kind, position, actor_id, actor_name)
	values (p_round_id, p_kind, p_position, p_actor_id,
		(select i.display_name from app.interviewers i where i.id = p_actor_id))
	returning seq
$$;

create function api.evening_open(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
begin
	perform 1 from app.rounds r where r.id = p_round_id and r.state = 'veldwerk' for update;
	if not found or app.evening_opened(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	insert into app.evenings (round_id, opened_at, opened_by, position)
	values (p_round_id, now(), v_me, 0)
	on conflict (round_id) do update
		set opened_at = excluded.opened_at, opened_by = excluded.opened_by, position = 0;
	update app.rounds set state = 'avond' where id = p_round_id;
	perform app.build_slides(p_round_id);
	-- Who opened the evening and when is public (promise 2).
	perform app.log_event(p_round_id, 'opened', 0, v_me);
end;
$$;

-- The evening row of a live evening (opened, not closed), locked, or wrong_state.
create function app.live_evening(p_round_id uuid) returns app.evenings
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_evening app.evenings;
begin
	select * into v_evening from app.evenings e
	where e.round_id = p_round_id and e.opened_at is not null and e.closed_at is null
	for update;
	if v_evening.round_id is null then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	return v_evening;
end;
$$;

create function api.evening_move(p_round_id uuid, p_position integer) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings := app.live_evening(p_round_id);
	v_last integer;
	v_position integer;
begin
	if p_position is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
	end if;
	select coalesce(max(s.position), 0) into v_last from app.slides s where s.round_id = p_round_id;
	v_position := greatest(0, least(p_position, v_last));
	update app.evenings set position = v_position where round_id = v_evening.round_id;
	perform app.log_event(p_round_id, 'moved', v_position, v_me);
	return jsonb_build_object('position', v_position);
end;
$$;

create function api.evening_close(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings := app.live_evening(p_round_id);
begin
	update app.evenings set closed_at = now(), closed_by = v_me where round_id = v_evening.round_id;
	perform app.log_event(p_round_id, 'closed', v_evening.position, v_me);
end;
$$;

create function api.presenter_slides(p_round_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_presenter_of(p_round_id);
	return jsonb_build_object(
		'position', (select e.position from app.evenings e where e.round_id = p_round_id and e.opened_at is not null),
		'slides', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'position', s.position, 'kind', s.kind, 'theme', s.theme,
				'statement', f.statement, 'quote', f.quote
			) order by s.position), '[]'::jsonb)
			from app.slides s left join app.findings f on f.id = s.finding_id
			where s.round_id = p_round_id
		)
	);
end;
$$;

create function app.round_id_by_evening_code(p_evening_code text) returns uuid
language sql stable security definer set search_path = ''
as $$
	select r.id from app.rounds r
	where char_length(coalesce(p_evening_code, '')) <= 20
		and r.evening_code = app.normalise_code(p_evening_code)
$$;

create function app.reaction_counts(p_round_id uuid, p_position integer) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'herkenbaar', count(*) filter (where x.kind = 'herkenbaar'),
		'verrast', count(*) filter (where x.kind = 'verrast')
	)
	from app.reactions x where x.round_id = p_round_id and x.slide_position = p_position
$$;

-- The public board. Definer, because the counts and the title must show before the evening is
-- opened; the slide (the only text) is returned only while the evening is live.
create function api.evening_board(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
	v_evening app.evenings;
	v_state text;
	v_slide jsonb;
	v_counts jsonb;
begin
	select * into v_round from app.rounds r where r.id = app.round_id_by_evening_code(p_evening_code);
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	select * into v_evening from app.evenings e where e.round_id = v_round.id;
	v_state := case
		when v_evening.opened_at is null then 'waiting'
		when v_evening.closed_at is null then 'live'
		else 'closed'
	end;
	if v_state = 'live' then
		select jsonb_build_object('kind', s.kind, 'theme', s.theme,
			'statement', case when f.withdrawn_at is null then f.statement end,
			'quote', case when f.withdrawn_at is null then f.quote end)
		into v_slide
		from app.slides s left join app.findings f on f.id = s.finding_id
		where s.round_id = v_round.id and s.position = v_evening.position;
	end if;
	v_counts := app.round_counts(v_round.id);
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'target_group', v_round.target_group),
		'state', v_state,
		'opened_at', v_evening.opened_at,
		'opened_by_name', (select ev.actor_name from app.evening_events ev
			where ev.round_id = v_round.id and ev.kind = 'opened' order by ev.seq desc limit 1),
		'position', case when v_state = 'waiting' then null else v_evening.position end,
		'slide_count', (select count(*) from app.slides s where s.round_id = v_round.id),
		'seq', (select coalesce(max(ev.seq), 0) from app.evening_events ev where ev.round_id = v_round.id),
		'slide', v_slide,
		'counts', jsonb_build_object('interviews', v_counts -> 'interviews', 'findings', v_counts -> 'findings'),
		'reactions', case when v_state = 'live'
			then app.reaction_counts(v_round.id, v_evening.position) end
	);
end;
$$;

-- Invoker on purpose: the policy "the audience reads findings once the evening is opened" is what
-- decides. The explicit opened check keeps authors and presenters from getting a partial list early.
create function api.evening_findings(p_evening_code text) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if not app.evening_opened(v_round_id) then
		return '[]'::jsonb;
	end if;
	return (
		select coalesce(jsonb_agg(jsonb_build_object('theme', f.theme, 'statement', f.statement,
			'quote', f.quote) order by f.theme nulls last, f.created_at, f.id), '[]'::jsonb)
		from app.findings f
		where f.round_id = v_round_id and f.withdrawn_at is null
	);
end;
$$;

create function api.evening_seq(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object('seq',
		(select coalesce(max(ev.seq), 0) from app.evening_events ev where ev.round_id = v_round_id));
end;
$$;

-- service_role only: the server hashes the client key and applies its own rate limit first.
create function api.react(p_evening_code text, p_kind text, p_client_key text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_evening app.evenings;
begin
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if p_kind is null or p_kind not in ('herkenbaar', 'verrast') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
	end if;
	perform app.check_client_key(p_client_key);
	v_evening := app.live_evening(v_round_id);
	insert into app.reactions (round_id, slide_position, kind, client_key)
	values (v_round_id, v_evening.position, p_kind, p_client_key)
	on conflict do nothing;
	if found then
		perform app.log_event(v_round_id, 'reacted', v_evening.position, null);
	end if;
	return jsonb_build_object('counts', app.reaction_counts(v_round_id, v_evening.position));
end;
$$;

revoke all on all functions in schema api from public;
-- evening_findings is invoker, so the public needs the code lookup; presenter_slides needs the check.
grant execute on function app.round_id_by_evening_code(text) to anon, authenticated;
grant execute on function app.require_presenter_of(uuid) to authenticated;
grant execute on function api.evening_open(uuid), api.evening_move(uuid, integer),
	api.evening_close(uuid), api.presenter_slides(uuid) to authenticated;
grant execute on function api.evening_board(text), api.evening_findings(text), api.evening_seq(text)
	to anon, authenticated;
grant execute on function api.react(text, text, text) to service_role;
