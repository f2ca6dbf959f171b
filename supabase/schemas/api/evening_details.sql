-- When and where the results evening is, read by its evening code: the projector's waiting screen,
-- the audience's phones and the calendar file (.ics). Public like the board: only the round's
-- title, the times and the place, which the coordinator set to be shown (api.round_set_details).
-- Definer, because the public reads no table; the evening code is what the hall already sees.
create function api.evening_details(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code);
	return jsonb_build_object(
		'title', v_round.title, 'evening_code', v_round.evening_code,
		'starts_at', v_round.evening_starts_at, 'ends_at', v_round.evening_ends_at,
		'place', v_round.evening_place
	);
end;
$$;

grant execute on function api.evening_details(text) to anon, authenticated;
