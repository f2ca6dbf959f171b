-- The results evening, for its presenters: open, move and close it, and read the slides.
-- Opening, moving and closing cross policies (they change the round's state and append to the
-- public log), so they are security definer and check the presenter themselves.

-- The presenters' first story: a title slide, then per theme (guide order, unknown themes after,
-- no theme last) a theme slide followed by that theme's findings in the order they came in. The
-- story order (ord) starts as the position.
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
	insert into app.slides (round_id, position, ord, kind, theme, finding_id)
	select p_round_id, 0, 0, 'title', null, null
	union all
	select p_round_id, n, n, kind, theme, finding_id from (
		select row_number() over (order by i.ord, i.theme nulls last, i.sub, i.created_at,
			i.finding_id)::integer as n, i.kind, i.theme, i.finding_id
		from items i
	) numbered;
	get diagnostics v_count = row_count;
	return v_count;
end;
$$;

-- The story as it stands, made current: the evening row (unopened) exists, a first story is built
-- if there is none, and findings that came in since get a slide at the end (presenters place
-- them). Findings freeze when the evening opens, so from then on this changes nothing.
create function app.sync_story(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	insert into app.evenings (round_id) values (p_round_id) on conflict (round_id) do nothing;
	if not exists (select 1 from app.slides s where s.round_id = p_round_id) then
		perform app.build_slides(p_round_id);
		return;
	end if;
	insert into app.slides (round_id, position, ord, kind, theme, finding_id)
	select p_round_id, base.pos + n, base.ord + n, 'finding', f.theme, f.id
	from (
		select f.id, f.theme, row_number() over (order by f.created_at, f.id)::integer as n
		from app.findings f
		where f.round_id = p_round_id and f.withdrawn_at is null
			and not exists (select 1 from app.slides s
				where s.round_id = p_round_id and s.kind = 'finding' and s.finding_id = f.id)
	) f,
	(select max(s.position) as pos, max(s.ord) as ord from app.slides s
		where s.round_id = p_round_id) base;
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
		app.member_tag(p_actor_id))
	returning seq
$$;

-- Forget a rehearsal (api.rehearsal_step, story.sql): its slide, reveals and reactions. Opening
-- the evening does this too, so nothing rehearsed counts.
create function app.clear_rehearsal(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	delete from app.rehearsal_reactions x where x.round_id = p_round_id;
	update app.evenings e set rehearsal_position = null, rehearsal_revealed = '{}'
	where e.round_id = p_round_id;
end;
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
	-- The story the presenters prepared (or the first one, if they did not), on its first slide
	-- the wall shows.
	perform app.sync_story(p_round_id);
	perform app.clear_rehearsal(p_round_id);
	update app.evenings e set opened_at = now(), opened_by = v_me,
		position = coalesce((select s.position from app.slides s
			where s.round_id = p_round_id and not s.hidden order by s.ord, s.position limit 1), 0)
	where e.round_id = p_round_id;
	update app.rounds set state = 'avond' where id = p_round_id;
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
	-- A position is a slide's identity (slides.sql): a removed one is gone, a hidden one stays off
	-- the wall.
	if not exists (select 1 from app.slides s
			where s.round_id = p_round_id and s.position = v_position and not s.hidden) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
	end if;
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
			) order by s.ord, s.position), '[]'::jsonb)
			from app.slides s left join app.findings f on f.id = s.finding_id
			where s.round_id = p_round_id
		)
	);
end;
$$;

-- presenter_slides is invoker, so it needs the check.
grant execute on function app.require_presenter_of(uuid) to authenticated;
grant execute on function api.evening_open(uuid), api.evening_move(uuid, integer),
	api.evening_close(uuid), api.presenter_slides(uuid) to authenticated;
