-- A screen's `seq` follows the hash chain too. Before, it counted only the presenter's events, so
-- a finding written or withdrawn during the evening changed the board (its fingerprint, the
-- counts) without changing `seq`: a screen that reconnected with Last-Event-ID, or a second server
-- polling evening_seq, never learned of it. Both counters only grow, so their sum only grows.

create function app.board_seq(p_round_id uuid) returns bigint
language sql stable security definer set search_path = ''
as $$
	select coalesce((select max(ev.seq) from app.evening_events ev where ev.round_id = p_round_id), 0)
		+ coalesce((select max(c.seq) from app.chain_entries c where c.round_id = p_round_id), 0);
$$;

create or replace function api.evening_board(p_evening_code text) returns jsonb
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
			'statement', case when f.withdrawn_at is null and f.erased_at is null then f.statement end,
			'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end)
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
		'seq', app.board_seq(v_round.id),
		'slide', v_slide,
		'counts', jsonb_build_object('interviews', v_counts -> 'interviews', 'findings', v_counts -> 'findings'),
		'reactions', case when v_state = 'live'
			then app.reaction_counts(v_round.id, v_evening.position) end,
		'fingerprint', case when v_state <> 'waiting' then app.chain_fingerprint(v_round.id) end
	);
end;
$$;

create or replace function api.evening_seq(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object('seq', app.board_seq(v_round_id));
end;
$$;

revoke all on function app.board_seq(uuid) from public;
revoke all on all functions in schema api from public;
grant execute on function api.evening_board(text), api.evening_seq(text) to anon, authenticated;
