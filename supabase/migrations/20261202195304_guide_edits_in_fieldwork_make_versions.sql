-- guide_edits_in_fieldwork_make_versions
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.guide_edit_version(p_round_id uuid, p_always_new boolean DEFAULT false)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = p_round_id for update;
	if v_round.state not in ('concept', 'veldwerk') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if not p_always_new and v_round.state = 'concept' and not exists (
		select 1 from app.interviews v
		where v.round_id = p_round_id and v.guide_version = v_round.guide_version
	) then
		return v_round.guide_version;
	end if;
	if v_round.guide_version >= 1000 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
		scale_min_label, scale_max_label, options, key, origin)
	select q.round_id, v_round.guide_version + 1, q.position, q.kind, q.prompt, q.theme,
		q.scale_min_label, q.scale_max_label, q.options, q.key, q.origin
	from app.questions q
	where q.round_id = p_round_id and q.guide_version = v_round.guide_version;
	update app.rounds set guide_version = v_round.guide_version + 1 where id = p_round_id;
	return v_round.guide_version + 1;
end;
$function$
;

reset check_function_bodies;

