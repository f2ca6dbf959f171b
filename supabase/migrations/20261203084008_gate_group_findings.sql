-- gate_group_findings
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.group_findings()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_readable boolean := exists (select 1 from app.interviewers i where i.id = v_me and i.is_presenter)
		or exists (select 1 from app.interviews iv where iv.interviewer_id = v_me)
		or exists (select 1 from app.findings f where f.interviewer_id = v_me);
begin
	return jsonb_build_object(
		'editable', app.round_state(v_round_id) = 'veldwerk' and not app.evening_opened(v_round_id),
		'readable', v_readable,
		'groups', case when not v_readable then '[]'::jsonb else (
			with theme_order as (
				select t.theme, t.n from unnest(app.round_themes(v_round_id)) with ordinality as t (theme, n)
			), shown as (
				select f.*, coalesce((select o.n from theme_order o where o.theme = f.theme), 1000) as ord
				from app.findings f
				where f.round_id = v_round_id and f.withdrawn_at is null and f.erased_at is null
					and f.statement is not null
			), grouped as (
				select s.ord, s.theme, jsonb_agg(jsonb_build_object(
					'id', case when s.interviewer_id = v_me then s.id end,
					'own', s.interviewer_id = v_me,
					'statement', s.statement, 'quote', s.quote, 'theme', s.theme,
					'created_at', s.created_at, 'updated_at', s.updated_at
				) order by s.created_at, s.id) as findings
				from shown s group by s.ord, s.theme
			)
			select coalesce(jsonb_agg(jsonb_build_object('theme', g.theme, 'findings', g.findings)
				order by g.ord, g.theme nulls last), '[]'::jsonb)
			from grouped g
		) end
	);
end;
$function$
;

reset check_function_bodies;

