-- set_round_details
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."rounds" add column "evening_starts_at" timestamp with time zone;

alter table "app"."rounds" add column "evening_ends_at" timestamp with time zone;

alter table "app"."rounds" add column "evening_place" text;

alter table "app"."rounds" add constraint "rounds_check" CHECK ((evening_ends_at > evening_starts_at)) not valid;

alter table "app"."rounds" validate constraint "rounds_check";

alter table "app"."rounds" add constraint "rounds_evening_place_check" CHECK (((char_length(evening_place) >= 2) AND (char_length(evening_place) <= 200))) not valid;

alter table "app"."rounds" validate constraint "rounds_evening_place_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.round_set_details(p_round_id uuid, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_place text, p_retention_months integer)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.round_get(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
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
$function$
;

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant execute on function api.round_set_details(p_round_id uuid, p_starts_at timestamp with time zone, p_ends_at timestamp with time zone, p_place text, p_retention_months integer) to authenticated;
