-- add_rehearsal
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

create table "app"."rehearsal_reactions" (
    "round_id" uuid not null,
    "slide_position" integer not null,
    "kind" text not null,
    "interviewer_id" uuid not null
      );

alter table "app"."rehearsal_reactions" enable row level security;

alter table "app"."evenings" add column "rehearsal_position" integer;

alter table "app"."evenings" add column "rehearsal_revealed" integer[] not null default '{}'::integer[];

alter table "app"."evenings" add column "rehearsal_version" integer not null default 0;

CREATE UNIQUE INDEX rehearsal_reactions_pkey ON app.rehearsal_reactions USING btree (round_id, slide_position, kind, interviewer_id);

alter table "app"."rehearsal_reactions" add constraint "rehearsal_reactions_pkey" PRIMARY KEY using index "rehearsal_reactions_pkey";

alter table "app"."evenings" add constraint "evenings_rehearsal_position_check" CHECK (((rehearsal_position >= 0) AND (rehearsal_position <= 10000))) not valid;

alter table "app"."evenings" validate constraint "evenings_rehearsal_position_check";

alter table "app"."evenings" add constraint "evenings_rehearsal_version_check" CHECK ((rehearsal_version >= 0)) not valid;

alter table "app"."evenings" validate constraint "evenings_rehearsal_version_check";

alter table "app"."rehearsal_reactions" add constraint "rehearsal_reactions_interviewer_id_fkey" FOREIGN KEY (interviewer_id) REFERENCES app.interviewers(id) ON DELETE CASCADE not valid;

alter table "app"."rehearsal_reactions" validate constraint "rehearsal_reactions_interviewer_id_fkey";

alter table "app"."rehearsal_reactions" add constraint "rehearsal_reactions_kind_check" CHECK ((kind = ANY (ARRAY['herkenbaar'::text, 'verrast'::text, 'meer_weten'::text]))) not valid;

alter table "app"."rehearsal_reactions" validate constraint "rehearsal_reactions_kind_check";

alter table "app"."rehearsal_reactions" add constraint "rehearsal_reactions_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.evenings(round_id) ON DELETE CASCADE not valid;

alter table "app"."rehearsal_reactions" validate constraint "rehearsal_reactions_round_id_fkey";

alter table "app"."rehearsal_reactions" add constraint "rehearsal_reactions_slide_position_check" CHECK (((slide_position >= 0) AND (slide_position <= 10000))) not valid;

alter table "app"."rehearsal_reactions" validate constraint "rehearsal_reactions_slide_position_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.rehearsal_board(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings := app.rehearsal_evening(p_round_id, false);
	v_round app.rounds;
	v_position integer := app.rehearsal_slide(p_round_id, v_evening.rehearsal_position);
	v_hidden boolean;
	v_counts jsonb;
begin
	select * into v_round from app.rounds r where r.id = p_round_id;
	v_hidden := not v_evening.reactions_live and not (v_position = any (v_evening.rehearsal_revealed));
	v_counts := app.round_counts(p_round_id);
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'target_group', v_round.target_group),
		'state', 'live',
		'rehearsal', true,
		'position', v_position,
		'slide_count', app.board_slide_count(p_round_id),
		'number', app.board_number(p_round_id, v_position),
		'seq', v_evening.rehearsal_version + v_evening.story_version,
		'slide', app.board_slide(p_round_id, v_position),
		'counts', jsonb_build_object('interviews', v_counts -> 'interviews', 'findings', v_counts -> 'findings'),
		'reactions', case when not v_hidden then (
			select jsonb_build_object(
				'herkenbaar', count(*) filter (where x.kind = 'herkenbaar'),
				'verrast', count(*) filter (where x.kind = 'verrast'),
				'meer_weten', count(*) filter (where x.kind = 'meer_weten'))
			from app.rehearsal_reactions x
			where x.round_id = p_round_id and x.slide_position = v_position) end,
		'reactions_hidden', v_hidden,
		'mine', (select coalesce(jsonb_agg(x.kind order by x.kind), '[]'::jsonb)
			from app.rehearsal_reactions x where x.round_id = p_round_id
				and x.slide_position = v_position and x.interviewer_id = v_me),
		-- For the presenters' phones: the shown slides before and after, and the slide's notes.
		'previous', (select s.position from app.slides s
			join app.slides cur on cur.round_id = s.round_id and cur.position = v_position
			where s.round_id = p_round_id and not s.hidden
				and (s.ord, s.position) < (cur.ord, cur.position)
			order by s.ord desc, s.position desc limit 1),
		'next', (select s.position from app.slides s
			join app.slides cur on cur.round_id = s.round_id and cur.position = v_position
			where s.round_id = p_round_id and not s.hidden
				and (s.ord, s.position) > (cur.ord, cur.position)
			order by s.ord, s.position limit 1),
		'notes', (select n.notes from app.slide_notes n
			where n.round_id = p_round_id and n.position = v_position),
		'fingerprint', null
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.rehearsal_step(p_round_id uuid, p_step jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings := app.rehearsal_evening(p_round_id, true);
	v_position integer := app.rehearsal_slide(p_round_id, v_evening.rehearsal_position);
	v_op text := case when jsonb_typeof(p_step) = 'object' then p_step ->> 'op' end;
	v_kind text := case when jsonb_typeof(p_step) = 'object' then p_step ->> 'kind' end;
begin
	case v_op
	when 'move' then
		if jsonb_typeof(p_step -> 'position') is distinct from 'number' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
		end if;
		v_position := (p_step ->> 'position')::numeric::integer;
		if not exists (select 1 from app.slides s
				where s.round_id = p_round_id and s.position = v_position and not s.hidden) then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
		end if;
		update app.evenings e set rehearsal_position = v_position where e.round_id = p_round_id;
	when 'react' then
		if v_kind is null or v_kind not in ('herkenbaar', 'verrast', 'meer_weten') then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
		end if;
		delete from app.rehearsal_reactions x
		where x.round_id = p_round_id and x.slide_position = v_position and x.kind = v_kind
			and x.interviewer_id = v_me;
		if not found then
			insert into app.rehearsal_reactions (round_id, slide_position, kind, interviewer_id)
			values (p_round_id, v_position, v_kind, v_me);
		end if;
	when 'reveal' then
		update app.evenings e set rehearsal_revealed = array_append(e.rehearsal_revealed, v_position)
		where e.round_id = p_round_id and not (v_position = any (e.rehearsal_revealed));
	when 'restart' then
		perform app.clear_rehearsal(p_round_id);
	else
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'edit';
	end case;
	update app.evenings e set rehearsal_version = e.rehearsal_version + 1
	where e.round_id = p_round_id;
	return api.rehearsal_board(p_round_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.board_number(p_round_id uuid, p_position integer)
 RETURNS integer
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select count(*)::integer from app.slides s
	join app.slides cur on cur.round_id = s.round_id and cur.position = p_position
	where s.round_id = p_round_id and not s.hidden
		and (s.ord, s.position) <= (cur.ord, cur.position)
$function$
;

CREATE OR REPLACE FUNCTION app.board_slide(p_round_id uuid, p_position integer)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select jsonb_build_object('kind', s.kind, 'theme', s.theme, 'title', s.title,
		'chart', case when s.kind = 'chart' then app.chart_json(p_round_id, s.question_id) end,
		'statement', case when s.kind = 'finding' and f.withdrawn_at is null and f.erased_at is null
			then f.statement end,
		'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end)
	from app.slides s left join app.findings f on f.id = s.finding_id
	where s.round_id = p_round_id and s.position = p_position
$function$
;

CREATE OR REPLACE FUNCTION app.board_slide_count(p_round_id uuid)
 RETURNS integer
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select count(*)::integer from app.slides s where s.round_id = p_round_id and not s.hidden
$function$
;

CREATE OR REPLACE FUNCTION app.clear_rehearsal(p_round_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	delete from app.rehearsal_reactions x where x.round_id = p_round_id;
	update app.evenings e set rehearsal_position = null, rehearsal_revealed = '{}'
	where e.round_id = p_round_id;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.rehearsal_evening(p_round_id uuid, p_lock boolean)
 RETURNS app.evenings
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_evening app.evenings;
begin
	if app.round_state(p_round_id) is distinct from 'veldwerk' or app.evening_opened(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	perform app.sync_story(p_round_id);
	if p_lock then
		select * into v_evening from app.evenings e where e.round_id = p_round_id for update;
	else
		select * into v_evening from app.evenings e where e.round_id = p_round_id;
	end if;
	return v_evening;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.rehearsal_slide(p_round_id uuid, p_position integer)
 RETURNS integer
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select coalesce(
		(select s.position from app.slides s
			where s.round_id = p_round_id and s.position = p_position and not s.hidden),
		(select s.position from app.slides s
			where s.round_id = p_round_id and not s.hidden order by s.ord, s.position limit 1),
		0)
$function$
;

CREATE OR REPLACE FUNCTION api.evening_board(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_round app.rounds;
	v_evening app.evenings;
	v_state text;
	v_slide jsonb;
	v_counts jsonb;
	v_counts_hidden boolean := false;
begin
	select * into v_round from app.rounds r where r.id = v_round_id;
	select * into v_evening from app.evenings e where e.round_id = v_round.id;
	v_state := case
		when v_evening.opened_at is null then 'waiting'
		when v_evening.closed_at is null then 'live'
		else 'closed'
	end;
	if v_state = 'live' then
		v_slide := app.board_slide(v_round.id, v_evening.position);
		select not v_evening.reactions_live and not s.revealed into v_counts_hidden
		from app.slides s where s.round_id = v_round.id and s.position = v_evening.position;
	end if;
	v_counts := app.round_counts(v_round.id);
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'target_group', v_round.target_group),
		'state', v_state,
		'opened_at', v_evening.opened_at,
		'opened_by_name', (select ev.actor_name from app.evening_events ev
			where ev.round_id = v_round.id and ev.kind = 'opened' order by ev.seq desc limit 1),
		'position', case when v_state = 'waiting' then null else v_evening.position end,
		-- The wall's slides: the story without its hidden slides, and none before opening (the
		-- presenters may be preparing a story by then).
		'slide_count', case when v_state = 'waiting' then 0 else app.board_slide_count(v_round.id) end,
		'number', case when v_state <> 'waiting' then app.board_number(v_round.id, v_evening.position) end,
		'seq', app.board_seq(v_round.id),
		'slide', v_slide,
		'counts', jsonb_build_object('interviews', v_counts -> 'interviews', 'findings', v_counts -> 'findings'),
		-- Counts the presenters have not revealed yet (reactions_live off) are not on the board.
		'reactions', case when v_state = 'live' and not v_counts_hidden
			then app.reaction_counts(v_round.id, v_evening.position) end,
		'reactions_hidden', v_state = 'live' and v_counts_hidden,
		'fingerprint', case when v_state <> 'waiting' then app.chain_fingerprint(v_round.id) end
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.evening_open(p_round_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

  create policy "nobody touches rehearsal reactions except the rehearsal functio"
  on "app"."rehearsal_reactions"
  as permissive
  for all
  to anon, authenticated
using (false)
with check (false);

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant all on table app.rehearsal_reactions to service_role;
grant execute on function api.rehearsal_board(p_round_id uuid) to authenticated;
grant execute on function api.rehearsal_step(p_round_id uuid, p_step jsonb) to authenticated;

