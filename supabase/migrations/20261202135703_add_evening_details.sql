-- add_evening_details
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.evening_details(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant execute on function api.evening_details(p_evening_code text) to anon, authenticated;

