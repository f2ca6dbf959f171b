-- add_results
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

create table "app"."result_links" (
    "id" uuid not null default gen_random_uuid(),
    "round_id" uuid not null,
    "token_hash" bytea not null,
    "created_by" uuid,
    "created_at" timestamp with time zone not null default now(),
    "revoked_at" timestamp with time zone
      );

alter table "app"."result_links" enable row level security;

alter table "app"."rounds" add column "results_min_cell" integer not null default 5;

CREATE UNIQUE INDEX result_links_pkey ON app.result_links USING btree (id);

CREATE INDEX result_links_round_id_idx ON app.result_links USING btree (round_id);

CREATE UNIQUE INDEX result_links_token_hash_key ON app.result_links USING btree (token_hash);

alter table "app"."result_links" add constraint "result_links_pkey" PRIMARY KEY using index "result_links_pkey";

alter table "app"."result_links" add constraint "result_links_created_by_fkey" FOREIGN KEY (created_by) REFERENCES app.staff(id) ON DELETE SET NULL not valid;

alter table "app"."result_links" validate constraint "result_links_created_by_fkey";

alter table "app"."result_links" add constraint "result_links_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.rounds(id) ON DELETE CASCADE not valid;

alter table "app"."result_links" validate constraint "result_links_round_id_fkey";

alter table "app"."result_links" add constraint "result_links_token_hash_key" UNIQUE using index "result_links_token_hash_key";

alter table "app"."rounds" add constraint "rounds_results_min_cell_check" CHECK (((results_min_cell >= 3) AND (results_min_cell <= 11))) not valid;

alter table "app"."rounds" validate constraint "rounds_results_min_cell_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.results_by_key()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_docs jsonb := '{}'::jsonb;
	v_round uuid;
begin
	perform app.require_staff();
	for v_round in
		select distinct q.round_id from app.questions q
		join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
		where r.id in (select app.readable_result_round_ids()) and q.kind in ('scale', 'single', 'multi')
			and q.key in (
				select q2.key from app.questions q2
				join app.rounds r2 on r2.id = q2.round_id and q2.guide_version = r2.guide_version
				where r2.id in (select app.readable_result_round_ids())
					and q2.kind in ('scale', 'single', 'multi')
				group by q2.key having count(distinct q2.round_id) >= 2
			)
	loop
		v_docs := v_docs || jsonb_build_object(v_round::text, app.results_json(v_round));
	end loop;

	return (
		select coalesce(jsonb_agg(k.doc order by k.first_at, k.key), '[]'::jsonb)
		from (
			select q.key, min(r.published_at) as first_at,
				jsonb_build_object(
					'key', q.key,
					'prompt', (array_agg(q.prompt order by r.published_at desc))[1],
					'kind', (array_agg(q.kind order by r.published_at desc))[1],
					'rounds', jsonb_agg(jsonb_build_object(
						'round', jsonb_build_object('id', r.id, 'title', r.title,
							'published_at', r.published_at, 'min_cell', r.results_min_cell,
							'interviews', v_docs -> r.id::text -> 'counts' -> 'interviews'),
						'items', (
							select coalesce(jsonb_agg(i.value order by i.ordinality), '[]'::jsonb)
							from jsonb_array_elements(v_docs -> r.id::text -> 'items') with ordinality i
							where i.value ->> 'question_id' = q.id::text
						)
					) order by r.published_at, r.id)
				) as doc
			from app.questions q
			join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
			where v_docs ? r.id::text and q.kind in ('scale', 'single', 'multi')
			group by q.key
			having count(distinct r.id) >= 2
		) k
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.results_link_create(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_token text := app.new_token();
begin
	perform app.require_coordinator_of_round(p_round_id);
	if not app.results_published(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	update app.result_links set revoked_at = now()
	where round_id = p_round_id and revoked_at is null;
	insert into app.result_links (round_id, token_hash, created_by)
	values (p_round_id, app.token_hash(v_token), app.current_staff_id());
	return jsonb_build_object('token', v_token);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.results_link_revoke(p_round_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	perform app.require_coordinator_of_round(p_round_id);
	update app.result_links set revoked_at = now()
	where round_id = p_round_id and revoked_at is null;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.results_public(p_token text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid;
begin
	select l.round_id into v_round_id from app.result_links l
	where l.token_hash = app.token_hash(p_token) and l.revoked_at is null;
	if v_round_id is null or not app.results_published(v_round_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return app.results_json(v_round_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_results(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	perform app.require_results_reader(p_round_id);
	return app.results_json(p_round_id) || jsonb_build_object('public_link', (
		select jsonb_build_object('created_at', l.created_at) from app.result_links l
		where l.round_id = p_round_id and l.revoked_at is null
		order by l.created_at desc limit 1
	));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_set_min_cell(p_round_id uuid, p_min_cell integer)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	perform app.require_coordinator_of_round(p_round_id);
	if p_min_cell is null or p_min_cell not between 3 and 11 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'min_cell';
	end if;
	if app.results_published(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	update app.rounds set results_min_cell = p_min_cell where id = p_round_id;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.readable_result_round_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select r.id from app.rounds r
	where r.organisation_id = (select app.current_organisation_id())
		and r.state in ('gepubliceerd', 'gearchiveerd')
		and (
			(select app.current_staff_role()) = 'coordinator'
			or exists (
				select 1 from app.round_municipalities rm
				where rm.round_id = r.id
					and rm.municipality_id in (select app.current_staff_municipality_ids())
			)
		)
$function$
;

CREATE OR REPLACE FUNCTION app.require_results_reader(p_round_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
	perform app.require_staff();
	if not app.is_staff_of_round(p_round_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if not app.results_published(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if p_round_id not in (select app.readable_result_round_ids()) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.results_dimension_rows(p_round_id uuid, p_dimension text)
 RETURNS TABLE(ord bigint, key text, label text)
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
	select row_number() over (order by m.name), m.id::text, m.name
	from app.round_municipalities rm join app.municipalities m on m.id = rm.municipality_id
	where p_dimension = 'municipality' and rm.round_id = p_round_id
	union all
	select g.ord, g.key, g.key
	from unnest(case p_dimension
		when 'interviewee_group' then array['ouder', 'jongere']
		when 'age_band' then array['onder_12', '12_15', '16_17', '18_23', '24_plus']
	end) with ordinality as g(key, ord)
	order by 1
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
		-- The evening's record: the slides in the presenters' order, with the hall's reactions.
		'slides', (
			select coalesce(jsonb_agg(jsonb_build_object('position', s.position, 'kind', s.kind,
				'theme', s.theme,
				'statement', case when f.withdrawn_at is null then f.statement end,
				'reactions', app.reaction_counts(p_round_id, s.position)
			) order by s.position), '[]'::jsonb)
			from app.slides s left join app.findings f on f.id = s.finding_id
			where s.round_id = p_round_id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.results_published(p_round_id uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select app.round_state(p_round_id) in ('gepubliceerd', 'gearchiveerd')
$function$
;

CREATE OR REPLACE FUNCTION app.shown(p_counts integer[], p_hidden boolean[])
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
	select coalesce(jsonb_agg(case when p_hidden[i] then null else p_counts[i] end order by i), '[]'::jsonb)
	from generate_series(1, coalesce(cardinality(p_counts), 0)) i
$function$
;

CREATE OR REPLACE FUNCTION app.smallest_visible(p_counts integer[], p_hidden boolean[], p_indexes integer[])
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
	select x.ix from unnest(p_indexes) as x(ix)
	where not p_hidden[x.ix]
	order by p_counts[x.ix] = 0, p_counts[x.ix], x.ix
	limit 1
$function$
;

CREATE OR REPLACE FUNCTION app.suppress_line(p_counts integer[], p_k integer)
 RETURNS boolean[]
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
declare
	v_n integer := coalesce(cardinality(p_counts), 0);
	v_hidden boolean[];
	v_pick integer;
begin
	if v_n = 0 then
		return '{}'::boolean[];
	end if;
	v_hidden := array(select p_counts[i] between 1 and p_k - 1 from generate_series(1, v_n) i);
	if (select count(*) from unnest(v_hidden) h where h) = 1 then
		v_pick := app.smallest_visible(p_counts, v_hidden, array(select generate_series(1, v_n)));
		if v_pick is not null then
			v_hidden[v_pick] := true;
		end if;
	end if;
	return v_hidden;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.suppress_table(p_counts integer[], p_rows integer, p_cols integer, p_row_hidden boolean[], p_col_hidden boolean[], p_k integer)
 RETURNS boolean[]
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
declare
	v_hidden boolean[];
	v_line integer[];
	v_pick integer;
	v_changed boolean := true;
begin
	if p_rows = 0 or p_cols = 0 then
		return '{}'::boolean[];
	end if;
	v_hidden := array(
		select p_row_hidden[r] or p_col_hidden[c] or p_counts[(r - 1) * p_cols + c] between 1 and p_k - 1
		from generate_series(1, p_rows) r, generate_series(1, p_cols) c
		order by r, c
	);
	-- Nothing small and no hidden total: nothing to protect (most breakdowns of a big round).
	if not (true = any(v_hidden)) then
		return v_hidden;
	end if;
	while v_changed loop
		v_changed := false;
		for line in 1..(p_rows + p_cols) loop
			if line <= p_rows then
				v_line := array(select (line - 1) * p_cols + c from generate_series(1, p_cols) c);
			else
				v_line := array(select (r - 1) * p_cols + (line - p_rows) from generate_series(1, p_rows) r);
			end if;
			if (select count(*) from unnest(v_line) x(ix) where v_hidden[x.ix]) = 1 then
				v_pick := app.smallest_visible(p_counts, v_hidden, v_line);
				if v_pick is not null then
					v_hidden[v_pick] := true;
					v_changed := true;
				end if;
			end if;
		end loop;
	end loop;
	if app.suppression_leaks(v_hidden, p_rows, p_cols, p_row_hidden, p_col_hidden) then
		return array_fill(true, array[p_rows * p_cols]);
	end if;
	return v_hidden;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.suppression_leaks(p_hidden boolean[], p_rows integer, p_cols integer, p_row_hidden boolean[], p_col_hidden boolean[])
 RETURNS boolean
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
declare
	v_seen boolean[];
	v_queue integer[];
	v_node integer;
begin
	for r in 1..p_rows loop
		for c in 1..p_cols loop
			continue when not p_hidden[(r - 1) * p_cols + c] or p_row_hidden[r] or p_col_hidden[c];
			v_seen := array_fill(false, array[p_rows + p_cols]);
			v_seen[r] := true;
			v_queue := array[r];
			while cardinality(v_queue) > 0 and not v_seen[p_rows + c] loop
				v_node := v_queue[1];
				v_queue := v_queue[2:];
				if v_node <= p_rows then
					for cc in 1..p_cols loop
						if p_hidden[(v_node - 1) * p_cols + cc] and not (v_node = r and cc = c)
							and not v_seen[p_rows + cc]
						then
							v_seen[p_rows + cc] := true;
							v_queue := v_queue || (p_rows + cc);
						end if;
					end loop;
				else
					for rr in 1..p_rows loop
						if p_hidden[(rr - 1) * p_cols + (v_node - p_rows)]
							and not (rr = r and v_node - p_rows = c) and not v_seen[rr]
						then
							v_seen[rr] := true;
							v_queue := v_queue || rr;
						end if;
					end loop;
				end if;
			end loop;
			if not v_seen[p_rows + c] then
				return true;
			end if;
		end loop;
	end loop;
	return false;
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
		'results_min_cell', v_round.results_min_cell,
		'municipalities', app.round_municipalities_json(v_round.id),
		'questions', app.questions_json(v_round.id, v_round.guide_version),
		'interviewers', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', i.id, 'display_name', i.display_name, 'is_presenter', i.is_presenter,
				'joined_at', i.joined_at
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

  create policy "nobody touches result links except the results functions"
  on "app"."result_links"
  as permissive
  for all
  to anon, authenticated
using (false)
with check (false);

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant all on table app.result_links to service_role;
grant execute on function app.require_results_reader(p_round_id uuid) to authenticated;
grant execute on function api.round_results(p_round_id uuid) to authenticated;
grant execute on function api.results_link_create(p_round_id uuid) to authenticated;
grant execute on function api.results_by_key() to authenticated;
grant execute on function api.results_link_revoke(p_round_id uuid) to authenticated;
grant execute on function api.round_set_min_cell(p_round_id uuid, p_min_cell integer) to authenticated;
grant execute on function api.results_public(p_token text) to anon, authenticated;

