-- story_chart_slides
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."slides" drop constraint "slides_kind_check";

drop function if exists "app"."story_append"(p_round_id uuid, p_kind text, p_title text, p_finding_id uuid, p_theme text);

alter table "app"."slides" add column "question_id" uuid;

alter table "app"."slides" add constraint "slides_check2" CHECK (((kind = 'chart'::text) = (question_id IS NOT NULL))) not valid;

alter table "app"."slides" validate constraint "slides_check2";

alter table "app"."slides" add constraint "slides_question_id_fkey" FOREIGN KEY (question_id) REFERENCES app.questions(id) ON DELETE CASCADE not valid;

alter table "app"."slides" validate constraint "slides_question_id_fkey";

alter table "app"."slides" add constraint "slides_kind_check" CHECK ((kind = ANY (ARRAY['title'::text, 'theme'::text, 'finding'::text, 'quote'::text, 'chart'::text]))) not valid;

alter table "app"."slides" validate constraint "slides_kind_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.chart_json(p_round_id uuid, p_question_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_question app.questions;
	v_k integer := (select r.results_min_cell from app.rounds r where r.id = p_round_id);
	v_values text[];
	v_counts integer[];
	v_n integer;
	v_hidden boolean[];
begin
	select * into v_question from app.questions q where q.id = p_question_id and q.round_id = p_round_id;
	if v_question.id is null then
		return null;
	end if;
	v_values := case v_question.kind when 'scale' then array['1', '2', '3', '4', '5']
		else v_question.options end;
	select count(*) into v_n from app.interviews v
	where v.round_id = p_round_id and v.consent_withdrawn_at is null;
	v_counts := array(
		select (select count(*) from app.answers a join app.interviews v on v.id = a.interview_id
			where v.round_id = p_round_id and v.consent_withdrawn_at is null
				and a.question_id = p_question_id
				and case v_question.kind when 'scale' then a.scale_value::text = x.value
					else a.choices[1] = x.value end)::integer
		from unnest(v_values) with ordinality as x(value, ord) order by x.ord
	);
	v_hidden := case when v_n < v_k then array_fill(true, array[cardinality(v_values)])
		else app.suppress_line(v_counts, v_k) end;
	return jsonb_build_object('kind', v_question.kind, 'prompt', v_question.prompt,
		'scale_min_label', v_question.scale_min_label, 'scale_max_label', v_question.scale_max_label,
		'values', to_jsonb(v_values), 'counts', app.shown(v_counts, v_hidden),
		'interviews', v_n);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.story_append(p_round_id uuid, p_kind text, p_title text, p_finding_id uuid, p_theme text, p_question_id uuid DEFAULT NULL::uuid)
 RETURNS integer
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	insert into app.slides (round_id, position, ord, kind, title, finding_id, theme, question_id)
	select p_round_id, coalesce(max(s.position), -1) + 1, coalesce(max(s.ord), -1) + 1,
		p_kind, p_title, p_finding_id, p_theme, p_question_id
	from app.slides s where s.round_id = p_round_id
	returning position
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
		-- A quote slide shows the finding's quote alone, word for word; a chart slide its answers.
		select jsonb_build_object('kind', s.kind, 'theme', s.theme, 'title', s.title,
			'chart', case when s.kind = 'chart' then app.chart_json(v_round.id, s.question_id) end,
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
				'hidden', s.hidden, 'revealed', s.revealed, 'notes', n.notes,
				-- A chart slide names its question here; its counts go to the wall only.
				'prompt', q.prompt
			) order by s.ord, s.position), '[]'::jsonb)
			from app.slides s
			left join app.findings f on f.id = s.finding_id
			left join app.slide_notes n on n.round_id = s.round_id and n.position = s.position
			left join app.questions q on q.id = s.question_id
			where s.round_id = p_round_id
		),
		-- The questions a chart slide can show: scale and single choice, of the current guide.
		'questions', (
			select coalesce(jsonb_agg(jsonb_build_object('id', q.id, 'prompt', q.prompt, 'kind', q.kind)
				order by q.position), '[]'::jsonb)
			from app.questions q join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
			where q.round_id = p_round_id and q.kind in ('scale', 'single')
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
	v_question uuid;
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
	elsif v_op not in ('add_title', 'add_chart', 'reactions') then
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
	when 'add_chart' then
		-- A scale or single-choice question of this round's current guide, at the end.
		select q.id, q.theme into v_question, v_text from app.questions q
		join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
		where q.round_id = p_round_id and q.kind in ('scale', 'single')
			and q.id::text = p_edit ->> 'question_id';
		if v_question is null then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'question_id';
		end if;
		v_position := app.story_append(p_round_id, 'chart', null, null, v_text, v_question);
	when 'remove' then
		-- Only what the presenters added, and only before the hall reacted to anything.
		if v_slide.kind not in ('title', 'quote', 'chart') or v_slide.position = 0
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
				'prompt', (select q.prompt from app.questions q where q.id = s.question_id),
				'reactions', app.reaction_counts(p_round_id, s.position)
			) order by s.ord, s.position), '[]'::jsonb)
			from app.slides s left join app.findings f on f.id = s.finding_id
			where s.round_id = p_round_id and not s.hidden
		)
	);
end;
$function$
;

reset check_function_bodies;

