-- The coordinator's and councillor's API. Reads are security invoker: RLS decides what staff see,
-- and the only numbers about sealed content come from app.round_counts() (rounds.sql). State
-- changes that staff may not make by hand on the table (start fieldwork, presenters, revocation,
-- publishing) are definer functions that check the caller first.

create function api.staff_me() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_result jsonb;
begin
	select jsonb_build_object(
		'id', s.id, 'display_name', s.display_name, 'role', s.role,
		'organisation', jsonb_build_object('id', o.id, 'name', o.name)
	) into v_result
	from app.staff s join app.organisations o on o.id = s.organisation_id
	where s.id = app.require_staff();
	return v_result;
end;
$$;

create function api.municipalities_list() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_staff();
	return (
		select coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name) order by m.name), '[]'::jsonb)
		from app.municipalities m
		where m.organisation_id = app.current_organisation_id()
	);
end;
$$;

grant execute on function api.staff_me(), api.municipalities_list() to authenticated;
