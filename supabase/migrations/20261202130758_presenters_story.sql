-- presenters_story
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."evening_events" drop constraint "evening_events_kind_check";

alter table "app"."slides" drop constraint "slides_check";

alter table "app"."slides" drop constraint "slides_kind_check";

  create table "app"."slide_notes" (
    "round_id" uuid not null,
    "position" integer not null,
    "notes" text not null
      );

alter table "app"."slide_notes" enable row level security;

alter table "app"."evenings" add column "story_version" integer not null default 0;

alter table "app"."evenings" add column "reactions_live" boolean not null default true;

alter table "app"."slides" add column "ord" integer not null default 0;

alter table "app"."slides" add column "hidden" boolean not null default false;

alter table "app"."slides" add column "title" text;

alter table "app"."slides" add column "revealed" boolean not null default false;

-- Stories built before this change: their order was their position.
update app.slides set ord = position;

CREATE UNIQUE INDEX slide_notes_pkey ON app.slide_notes USING btree (round_id, "position");

alter table "app"."slide_notes" add constraint "slide_notes_pkey" PRIMARY KEY using index "slide_notes_pkey";

alter table "app"."evenings" add constraint "evenings_story_version_check" CHECK ((story_version >= 0)) not valid;

alter table "app"."evenings" validate constraint "evenings_story_version_check";

alter table "app"."slide_notes" add constraint "slide_notes_notes_check" CHECK (((char_length(notes) >= 1) AND (char_length(notes) <= 2000))) not valid;

alter table "app"."slide_notes" validate constraint "slide_notes_notes_check";

alter table "app"."slide_notes" add constraint "slide_notes_round_id_position_fkey" FOREIGN KEY (round_id, "position") REFERENCES app.slides(round_id, "position") ON DELETE CASCADE not valid;

alter table "app"."slide_notes" validate constraint "slide_notes_round_id_position_fkey";

alter table "app"."slides" add constraint "slides_check1" CHECK (((title IS NULL) OR (kind = 'title'::text))) not valid;

alter table "app"."slides" validate constraint "slides_check1";

alter table "app"."slides" add constraint "slides_ord_check" CHECK (((ord >= 0) AND (ord <= 10000))) not valid;

alter table "app"."slides" validate constraint "slides_ord_check";

alter table "app"."slides" add constraint "slides_title_check" CHECK (((char_length(title) >= 1) AND (char_length(title) <= 120))) not valid;

alter table "app"."slides" validate constraint "slides_title_check";

alter table "app"."evening_events" add constraint "evening_events_kind_check" CHECK ((kind = ANY (ARRAY['opened'::text, 'moved'::text, 'closed'::text, 'reacted'::text, 'story'::text]))) not valid;

alter table "app"."evening_events" validate constraint "evening_events_kind_check";

alter table "app"."slides" add constraint "slides_check" CHECK (((kind = ANY (ARRAY['finding'::text, 'quote'::text])) = (finding_id IS NOT NULL))) not valid;

alter table "app"."slides" validate constraint "slides_check";

alter table "app"."slides" add constraint "slides_kind_check" CHECK ((kind = ANY (ARRAY['title'::text, 'theme'::text, 'finding'::text, 'quote'::text]))) not valid;

alter table "app"."slides" validate constraint "slides_kind_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.story(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_state text := app.round_state(p_round_id);
	v_evening app.evenings;
begin
	if v_state = 'veldwerk' and not app.evening_opened(p_round_id) then
		perform app.sync_story(p_round_id);
	elsif v_state = 'concept' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_evening from app.evenings e where e.round_id = p_round_id;
	return jsonb_build_object(
		'version', coalesce(v_evening.story_version, 0),
		'reactions_live', coalesce(v_evening.reactions_live, true),
		'state', case
			when v_evening.opened_at is null then 'waiting'
			when v_evening.closed_at is null then 'live'
			else 'closed' end,
		'position', case when v_evening.opened_at is not null then v_evening.position end,
		'slides', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'position', s.position, 'kind', s.kind, 'theme', s.theme, 'title', s.title,
				'statement', case when s.kind = 'finding' and f.erased_at is null then f.statement end,
				'quote', case when f.erased_at is null then f.quote end,
				'withdrawn', f.withdrawn_at is not null,
				'hidden', s.hidden, 'revealed', s.revealed, 'notes', n.notes
			) order by s.ord, s.position), '[]'::jsonb)
			from app.slides s
			left join app.findings f on f.id = s.finding_id
			left join app.slide_notes n on n.round_id = s.round_id and n.position = s.position
			where s.round_id = p_round_id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.story_edit(p_round_id uuid, p_version integer, p_edit jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings;
	v_op text := p_edit ->> 'op';
	v_position integer;
	v_slide app.slides;
	v_text text;
	v_new integer;
begin
	if jsonb_typeof(p_edit) is distinct from 'object' or v_op is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'edit';
	end if;
	-- Before the evening, or while it is live; never once it is closed (the record is kept).
	if app.round_state(p_round_id) = 'veldwerk' and not app.evening_opened(p_round_id) then
		perform app.sync_story(p_round_id);
	elsif not app.evening_live(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_evening from app.evenings e where e.round_id = p_round_id for update;
	if p_version is null or p_version <> v_evening.story_version then
		raise exception using errcode = 'P0001', message = 'story_changed';
	end if;

	if p_edit ? 'position' then
		if jsonb_typeof(p_edit -> 'position') <> 'number' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
		end if;
		v_position := (p_edit ->> 'position')::numeric::integer;
		select * into v_slide from app.slides s
		where s.round_id = p_round_id and s.position = v_position;
		if v_slide.round_id is null then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
		end if;
	elsif v_op not in ('add_title', 'reactions') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
	end if;

	case v_op
	when 'move' then
		if jsonb_typeof(p_edit -> 'to') is distinct from 'number' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'edit';
		end if;
		perform app.story_place(p_round_id, v_position,
			least(10000, greatest(0, (p_edit ->> 'to')::numeric))::integer);
	when 'hide' then
		if jsonb_typeof(p_edit -> 'hidden') is distinct from 'boolean' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'edit';
		end if;
		-- The slide on the wall stays there until the presenters move on.
		update app.slides s set hidden = (p_edit ->> 'hidden')::boolean
		where s.round_id = p_round_id and s.position = v_position;
	when 'add_title', 'retitle' then
		v_text := btrim(p_edit ->> 'title');
		if v_text is null or char_length(v_text) not between 1 and 120 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'title';
		end if;
		if v_op = 'retitle' then
			if v_slide.kind <> 'title' then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
			end if;
			update app.slides s set title = v_text
			where s.round_id = p_round_id and s.position = v_position;
		else
			v_new := app.story_append(p_round_id, 'title', v_text, null, null);
			v_position := v_new;
		end if;
	when 'add_quote' then
		-- The finding's own quote, word for word, right after its slide.
		if v_slide.kind <> 'finding' or not exists (select 1 from app.findings f
				where f.id = v_slide.finding_id and f.withdrawn_at is null and f.quote is not null) then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
		end if;
		v_new := app.story_append(p_round_id, 'quote', null, v_slide.finding_id, v_slide.theme);
		perform app.story_place(p_round_id, v_new, app.story_index(p_round_id, v_position) + 1);
		v_position := v_new;
	when 'remove' then
		-- Only what the presenters added, and only before the hall reacted to anything.
		if v_slide.kind not in ('title', 'quote') or v_slide.position = 0
				or app.evening_opened(p_round_id) then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
		end if;
		delete from app.slides s where s.round_id = p_round_id and s.position = v_position;
	when 'notes' then
		v_text := btrim(coalesce(p_edit ->> 'notes', ''));
		if char_length(v_text) > 2000 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'notes';
		end if;
		delete from app.slide_notes n where n.round_id = p_round_id and n.position = v_position;
		if v_text <> '' then
			insert into app.slide_notes (round_id, position, notes)
			values (p_round_id, v_position, v_text);
		end if;
	when 'reactions' then
		if jsonb_typeof(p_edit -> 'live') is distinct from 'boolean' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'edit';
		end if;
		update app.evenings e set reactions_live = (p_edit ->> 'live')::boolean
		where e.round_id = p_round_id;
	when 'reveal' then
		update app.slides s set revealed = true
		where s.round_id = p_round_id and s.position = v_position;
	else
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'edit';
	end case;

	update app.evenings e set story_version = e.story_version + 1 where e.round_id = p_round_id;
	perform app.log_event(p_round_id, 'story', v_position, v_me);
	return api.story(p_round_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.story_append(p_round_id uuid, p_kind text, p_title text, p_finding_id uuid, p_theme text)
 RETURNS integer
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	insert into app.slides (round_id, position, ord, kind, title, finding_id, theme)
	select p_round_id, coalesce(max(s.position), -1) + 1, coalesce(max(s.ord), -1) + 1,
		p_kind, p_title, p_finding_id, p_theme
	from app.slides s where s.round_id = p_round_id
	returning position
$function$
;

CREATE OR REPLACE FUNCTION app.story_index(p_round_id uuid, p_position integer)
 RETURNS integer
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_index integer;
begin
	select x.i into v_index from (
		select s.position, (row_number() over (order by s.ord, s.position) - 1)::integer as i
		from app.slides s where s.round_id = p_round_id
	) x where x.position = p_position;
	if v_index is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
	end if;
	return v_index;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.story_place(p_round_id uuid, p_position integer, p_to integer)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	with others as (
		select s.position, (row_number() over (order by s.ord, s.position) - 1)::integer as i
		from app.slides s where s.round_id = p_round_id and s.position <> p_position
	), target as (
		select greatest(0, least(p_to, (select count(*) from others)::integer)) as at
	), placed as (
		select o.position, case when o.i < t.at then o.i else o.i + 1 end as ord
		from others o, target t
		union all
		select p_position, t.at from target t
	)
	update app.slides s set ord = p.ord from placed p
	where s.round_id = p_round_id and s.position = p.position and s.ord is distinct from p.ord
$function$
;

CREATE OR REPLACE FUNCTION app.sync_story(p_round_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
		-- A quote slide shows the finding's quote alone, word for word.
		select jsonb_build_object('kind', s.kind, 'theme', s.theme, 'title', s.title,
			'statement', case when s.kind = 'finding' and f.withdrawn_at is null and f.erased_at is null
				then f.statement end,
			'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end),
			not v_evening.reactions_live and not s.revealed
		into v_slide, v_counts_hidden
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
		-- The wall's slides: the story without its hidden slides, and none before opening (the
		-- presenters may be preparing a story by then).
		'slide_count', case when v_state = 'waiting' then 0 else (select count(*) from app.slides s
			where s.round_id = v_round.id and not s.hidden) end,
		-- The slide on the wall as counted in that story (1 is the first).
		'number', case when v_state <> 'waiting' then (select count(*) from app.slides s
			join app.slides cur on cur.round_id = s.round_id and cur.position = v_evening.position
			where s.round_id = v_round.id and not s.hidden
				and (s.ord, s.position) <= (cur.ord, cur.position)) end,
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

CREATE OR REPLACE FUNCTION api.evening_move(p_round_id uuid, p_position integer)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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

CREATE OR REPLACE FUNCTION api.presenter_slides(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.react(p_evening_code text, p_kind text, p_client_key text, p_address_key text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_evening app.evenings;
	v_limits jsonb := app.reaction_limits();
begin
	if p_kind is null or p_kind not in ('herkenbaar', 'verrast', 'meer_weten') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
	end if;
	perform app.check_client_key(p_client_key);
	if p_address_key is not null then
		perform app.check_client_key(p_address_key);
	end if;
	v_evening := app.live_evening(v_round_id);
	if (select count(*) from app.reaction_taps t
			where t.client_key = p_client_key and t.created_at > now() - interval '1 minute')
			>= (v_limits ->> 'per_phone')::integer
		or (p_address_key is not null and (select count(*) from app.reaction_taps t
			where t.address_key = p_address_key and t.created_at > now() - interval '1 minute')
			>= (v_limits ->> 'per_address')::integer)
	then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	delete from app.reaction_taps t where t.round_id = v_round_id
		and t.created_at < now() - interval '10 minutes';
	insert into app.reaction_taps (round_id, client_key, address_key)
	values (v_round_id, p_client_key, p_address_key);

	delete from app.reactions x
	where x.round_id = v_round_id and x.slide_position = v_evening.position
		and x.kind = p_kind and x.client_key = p_client_key;
	if not found then
		insert into app.reactions (round_id, slide_position, kind, client_key)
		values (v_round_id, v_evening.position, p_kind, p_client_key);
	end if;
	-- A reaction is not worth a disk flush: losing the last taps in a crash harms nobody, and the
	-- hall taps a lot. Only this transaction.
	perform set_config('synchronous_commit', 'off', true);
	perform app.log_event(v_round_id, 'reacted', v_evening.position, null);
	return jsonb_build_object(
		'position', v_evening.position,
		-- Not revealed yet: a phone does not see the hall's counts either (a young hall follows
		-- the crowd).
		'counts', case when v_evening.reactions_live or exists (select 1 from app.slides s
				where s.round_id = v_round_id and s.position = v_evening.position and s.revealed)
			then app.reaction_counts(v_round_id, v_evening.position) end,
		'mine', app.my_reactions(v_round_id, v_evening.position, p_client_key)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.build_slides(p_round_id uuid)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION app.results_json(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
	v_k integer;
	v_n integer;
	v_map jsonb;
	v_dimensions text[] := array['municipality', 'interviewee_group', 'age_band'];
	v_dim text;
	v_keys text[];
	v_labels text[];
	v_base_counts integer[];
	v_base_hidden jsonb := '{}'::jsonb;
	v_dim_rows jsonb := '{}'::jsonb;
	v_bases jsonb := '[]'::jsonb;
	v_item record;
	v_values text[];
	v_overall integer[];
	v_overall_hidden boolean[];
	v_cells integer[];
	v_cells_hidden boolean[];
	v_row_hidden boolean[];
	v_rows jsonb;
	v_breakdowns jsonb;
	v_items jsonb := '[]'::jsonb;
	v_prefix text;
begin
	select * into v_round from app.rounds r where r.id = p_round_id;
	v_k := v_round.results_min_cell;

	-- Every count in one pass: per item (a scale or single-choice question; one option of a
	-- multiple-choice question, as chosen / not chosen) and answer, overall and per breakdown row.
	-- An interview without an answer counts as '' (no answer), so each row adds up to its total.
	with iv as (
		select v.id, v.municipality_id::text as mun, v.interviewee_group as grp, v.age_band as age
		from app.interviews v
		where v.round_id = p_round_id and v.consent_withdrawn_at is null
	),
	items as (
		select q.id, q.kind, '' as option from app.questions q
		where q.round_id = p_round_id and q.guide_version = v_round.guide_version
			and q.kind in ('scale', 'single')
		union all
		select q.id, q.kind, o.option from app.questions q, unnest(q.options) as o(option)
		where q.round_id = p_round_id and q.guide_version = v_round.guide_version and q.kind = 'multi'
	),
	cells as (
		select it.id::text || '|' || it.option as item,
			case
				when it.kind = 'multi' then
					case when it.option = any(a.choices) then 'chosen' else 'not_chosen' end
				when it.kind = 'scale' then coalesce(a.scale_value::text, '')
				else coalesce(a.choices[1], '')
			end as value,
			iv.mun, iv.grp, iv.age
		from iv cross join items it
		left join app.answers a on a.interview_id = iv.id and a.question_id = it.id
	),
	grouped as (
		select c.item, c.value, grouping(c.mun, c.grp, c.age) as level,
			coalesce(c.mun, c.grp, c.age, '') as dim_key, count(*) as n
		from cells c
		group by grouping sets ((c.item, c.value), (c.item, c.value, c.mun),
			(c.item, c.value, c.grp), (c.item, c.value, c.age))
		union all
		select 'base', '', grouping(v.mun, v.grp, v.age), coalesce(v.mun, v.grp, v.age, ''), count(*)
		from iv v
		group by grouping sets ((), (v.mun), (v.grp), (v.age))
	)
	select coalesce(jsonb_object_agg(
		g.item || '|' || case g.level when 3 then 'municipality' when 5 then 'interviewee_group'
			when 6 then 'age_band' else 'all' end || '|' || g.dim_key || '|' || g.value, g.n
	), '{}'::jsonb)
	into v_map from grouped g;

	v_n := coalesce((v_map ->> 'base|all||')::integer, 0);

	-- The interviews per row of each breakdown: one line per breakdown, shared by every question.
	foreach v_dim in array v_dimensions loop
		select array_agg(d.key order by d.ord), array_agg(d.label order by d.ord)
		into v_keys, v_labels from app.results_dimension_rows(p_round_id, v_dim) d;
		v_dim_rows := v_dim_rows || jsonb_build_object(v_dim,
			jsonb_build_object('keys', to_jsonb(coalesce(v_keys, '{}')), 'labels', to_jsonb(coalesce(v_labels, '{}'))));
		v_base_counts := array(
			select coalesce((v_map ->> ('base|' || v_dim || '|' || k.key || '|'))::integer, 0)
			from unnest(v_keys) with ordinality as k(key, ord) order by k.ord
		);
		v_row_hidden := case when v_n < v_k then array_fill(true, array[cardinality(v_base_counts)])
			else app.suppress_line(v_base_counts, v_k) end;
		v_base_hidden := v_base_hidden || jsonb_build_object(v_dim, to_jsonb(v_row_hidden));
		v_bases := v_bases || jsonb_build_array(jsonb_build_object(
			'dimension', v_dim,
			'rows', (
				select coalesce(jsonb_agg(jsonb_build_object('key', v_keys[i], 'label', v_labels[i],
					'n', case when v_row_hidden[i] then null else v_base_counts[i] end) order by i), '[]'::jsonb)
				from generate_series(1, coalesce(cardinality(v_keys), 0)) i
			)
		));
	end loop;

	for v_item in
		select q.id, q.position, q.kind, q.prompt, q.theme, q.scale_min_label, q.scale_max_label,
			q.options, o.option
		from app.questions q
		left join lateral (
			select x.option, x.ord from unnest(q.options) with ordinality as x(option, ord)
			where q.kind = 'multi'
		) o on true
		where q.round_id = p_round_id and q.guide_version = v_round.guide_version
			and q.kind in ('scale', 'single', 'multi')
		order by q.position, o.ord
	loop
		v_values := case v_item.kind
			when 'scale' then array['1', '2', '3', '4', '5', '']
			when 'single' then v_item.options || array['']
			else array['chosen', 'not_chosen']
		end;
		v_prefix := v_item.id::text || '|' || coalesce(v_item.option, '') || '|';
		v_overall := array(
			select coalesce((v_map ->> (v_prefix || 'all||' || x.value))::integer, 0)
			from unnest(v_values) with ordinality as x(value, ord) order by x.ord
		);
		v_overall_hidden := case when v_n < v_k then array_fill(true, array[cardinality(v_values)])
			else app.suppress_line(v_overall, v_k) end;

		v_breakdowns := '[]'::jsonb;
		foreach v_dim in array v_dimensions loop
			-- The rows were looked up once, for the bases.
			v_keys := array(select jsonb_array_elements_text(v_dim_rows -> v_dim -> 'keys'));
			v_labels := array(select jsonb_array_elements_text(v_dim_rows -> v_dim -> 'labels'));
			v_row_hidden := array(select jsonb_array_elements_text(v_base_hidden -> v_dim)::boolean);
			v_cells := array(
				select coalesce((v_map ->> (v_prefix || v_dim || '|' || k.key || '|' || x.value))::integer, 0)
				from unnest(v_keys) with ordinality as k(key, kord),
					unnest(v_values) with ordinality as x(value, xord)
				order by k.kord, x.xord
			);
			v_cells_hidden := app.suppress_table(v_cells, coalesce(cardinality(v_keys), 0),
				cardinality(v_values), v_row_hidden, v_overall_hidden, v_k);
			v_rows := (
				select coalesce(jsonb_agg(jsonb_build_object(
					'key', v_keys[r], 'label', v_labels[r],
					'counts', app.shown(v_cells[(r - 1) * cardinality(v_values) + 1 : r * cardinality(v_values)],
						v_cells_hidden[(r - 1) * cardinality(v_values) + 1 : r * cardinality(v_values)])
				) order by r), '[]'::jsonb)
				from generate_series(1, coalesce(cardinality(v_keys), 0)) r
			);
			v_breakdowns := v_breakdowns || jsonb_build_array(
				jsonb_build_object('dimension', v_dim, 'rows', v_rows));
		end loop;

		v_items := v_items || jsonb_build_array(jsonb_build_object(
			'question_id', v_item.id, 'position', v_item.position, 'kind', v_item.kind,
			'prompt', v_item.prompt, 'theme', v_item.theme, 'option', v_item.option,
			'scale_min_label', v_item.scale_min_label, 'scale_max_label', v_item.scale_max_label,
			'values', to_jsonb(v_values),
			'overall', app.shown(v_overall, v_overall_hidden),
			'breakdowns', v_breakdowns
		));
	end loop;

	return jsonb_build_object(
		'round', jsonb_build_object('id', v_round.id, 'title', v_round.title,
			'target_group', v_round.target_group, 'state', v_round.state,
			'published_at', v_round.published_at, 'evening_code', v_round.evening_code,
			'guide_version', v_round.guide_version),
		'min_cell', v_k,
		'fingerprint', app.chain_fingerprint(p_round_id),
		'counts', app.round_counts(p_round_id),
		'method', (
			select jsonb_build_object(
				'first_interview_at', min(v.submitted_at), 'last_interview_at', max(v.submitted_at),
				'municipalities', (select coalesce(jsonb_agg(d.label order by d.ord), '[]'::jsonb)
					from app.results_dimension_rows(p_round_id, 'municipality') d),
				'evening_opened_at', (select e.opened_at from app.evenings e where e.round_id = p_round_id),
				'evening_closed_at', (select e.closed_at from app.evenings e where e.round_id = p_round_id)
			)
			from app.interviews v where v.round_id = p_round_id
		),
		'bases', v_bases,
		'items', v_items,
		'themes', (
			select coalesce(jsonb_agg(jsonb_build_object('theme', t.theme, 'findings', t.n)
				order by t.n desc, t.theme), '[]'::jsonb)
			from (select coalesce(f.theme, '') as theme, count(*) as n from app.findings f
				where f.round_id = p_round_id and f.withdrawn_at is null group by 1) t
		),
		-- The revealed findings: every finding not withdrawn, as the hall could read them (retention
		-- erases their text: then they are counted, not shown).
		'findings', (
			select coalesce(jsonb_agg(jsonb_build_object('theme', f.theme, 'statement', f.statement,
				'quote', f.quote) order by f.theme nulls last, f.created_at, f.id), '[]'::jsonb)
			from app.findings f
			where f.round_id = p_round_id and f.withdrawn_at is null and f.erased_at is null
		),
		-- The evening's record: the slides the wall showed, in the presenters' story order (hidden
		-- slides left out), with the hall's reactions. A quote slide carries its quote.
		'slides', (
			select coalesce(jsonb_agg(jsonb_build_object('position', s.position, 'kind', s.kind,
				'theme', s.theme, 'title', s.title,
				'statement', case when s.kind = 'finding' and f.withdrawn_at is null then f.statement end,
				'quote', case when s.kind = 'quote' and f.withdrawn_at is null then f.quote end,
				'reactions', app.reaction_counts(p_round_id, s.position)
			) order by s.ord, s.position), '[]'::jsonb)
			from app.slides s left join app.findings f on f.id = s.finding_id
			where s.round_id = p_round_id and not s.hidden
		)
	);
end;
$function$
;

  create policy "presenters read the notes of their round"
  on "app"."slide_notes"
  as permissive
  for select
  to authenticated
using ((round_id = ( SELECT app.current_presenter_round_id() AS current_presenter_round_id)));

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant select on table app.slide_notes to authenticated;
grant all on table app.slide_notes to service_role;
grant execute on function api.story(p_round_id uuid) to authenticated;
grant execute on function api.story_edit(p_round_id uuid, p_version integer, p_edit jsonb) to authenticated;


-- TO DO by hand (db:diff could not write these; npm test's drift check fails until done):
-- ~ column app.evenings.reactions_live
--     migrations: #8 boolean not null default true
--     schemas:    #9 boolean not null default true
-- ~ column app.evenings.story_version
--     migrations: #9 integer not null default 0
--     schemas:    #8 integer not null default 0
-- ~ column app.slides.hidden
--     migrations: #6 boolean not null default false
--     schemas:    #7 boolean not null default false
-- ~ column app.slides.ord
--     migrations: #7 integer not null default 0
--     schemas:    #6 integer not null default 0
-- ~ column app.slides.revealed
--     migrations: #8 boolean not null default false
--     schemas:    #9 boolean not null default false
-- ~ column app.slides.title
--     migrations: #9 text
--     schemas:    #8 text
