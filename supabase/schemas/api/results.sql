-- The results of a published round (API.md "Results", the rule in RESULTS.md): counts of scale and
-- choice answers, overall and by municipality, interviewee group and age band, with small-cell
-- protection done here, in the database, so no page, export or link can forget it. Raw answers
-- never leave: only counts, and a hidden count leaves as null.

-- Suppression ----------------------------------------------------------------------------------

-- Of the cells `p_indexes` of a table, the visible one to hide as a complement: the smallest count,
-- a non-empty cell before an empty one (an empty cell protects nothing that is not already
-- known to be empty), the first on a tie so the choice is the same every time.
create function app.smallest_visible(p_counts integer[], p_hidden boolean[], p_indexes integer[])
returns integer
language sql immutable set search_path = ''
as $$
	select x.ix from unnest(p_indexes) as x(ix)
	where not p_hidden[x.ix]
	order by p_counts[x.ix] = 0, p_counts[x.ix], x.ix
	limit 1
$$;

-- One line with a visible total (a question overall; the interviews per municipality): hide every
-- count from 1 to k - 1; if exactly one is hidden, the total minus the others would give it away,
-- so hide the smallest other one too. The caller hides everything when the total is below k.
create function app.suppress_line(p_counts integer[], p_k integer) returns boolean[]
language plpgsql immutable set search_path = ''
as $$
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
$$;

-- Whether a hidden cell of a table could still be worked out from the visible cells and the
-- totals. Cells of a row or column whose total is hidden are protected by that total (RESULTS.md);
-- every other hidden cell (r, c) must lie on a cycle of hidden cells, i.e. row r and column c are
-- still connected through hidden cells without (r, c) itself. A hidden cell on no such cycle (a
-- bridge) is the only kind the row and column sums determine. Row nodes 1..R, column nodes R+1..R+C.
create function app.suppression_leaks(
	p_hidden boolean[], p_rows integer, p_cols integer, p_row_hidden boolean[],
	p_col_hidden boolean[]
) returns boolean
language plpgsql immutable set search_path = ''
as $$
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
$$;

-- One breakdown (rows = municipalities, groups or age bands; columns = the answers), counts row
-- by row in p_counts. The row totals (interviews per row, shared by every question) and the column
-- totals (the question overall, shared by every breakdown) were suppressed first; their result comes
-- in as p_row_hidden / p_col_hidden and is never changed here, so every breakdown agrees on them.
-- 1. Hide a row whose total is hidden, a column whose total is hidden, and every count 1..k-1.
-- 2. While a row or column has exactly one hidden cell, hide its smallest visible one as well.
-- 3. If a hidden cell can still be worked out (app.suppression_leaks), hide the whole breakdown.
create function app.suppress_table(
	p_counts integer[], p_rows integer, p_cols integer, p_row_hidden boolean[],
	p_col_hidden boolean[], p_k integer
) returns boolean[]
language plpgsql immutable set search_path = ''
as $$
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
$$;

-- The results document ---------------------------------------------------------------------------

-- Null where hidden.
create function app.shown(p_counts integer[], p_hidden boolean[]) returns jsonb
language sql immutable set search_path = ''
as $$
	select coalesce(jsonb_agg(case when p_hidden[i] then null else p_counts[i] end order by i), '[]'::jsonb)
	from generate_series(1, coalesce(cardinality(p_counts), 0)) i
$$;

-- The rows of a breakdown, in display order: key and label.
create function app.results_dimension_rows(p_round_id uuid, p_dimension text)
returns table (ord bigint, key text, label text)
language sql stable set search_path = ''
as $$
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
$$;

-- Everything the results page shows, already protected. Callers check who may see it.
create function app.results_json(p_round_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
	-- Counted from the round's answers (an index lookup per interview), never from every
	-- interview times every item: an interview without an answer counts as '' (no answer; for an
	-- option: not chosen), worked out as the row's interviews minus its answers, so each row adds
	-- up to its total.
	with iv as (
		select v.id, v.municipality_id::text as mun, v.interviewee_group as grp, v.age_band as age
		from app.interviews v
		where v.round_id = p_round_id and v.consent_withdrawn_at is null
	),
	-- An edit of the guide during fieldwork makes a new version; an interview keeps the version it
	-- was held on. So an item counts the answers to every version of its question: the questions
	-- of this round with the same key and kind (questions.key stays the same from version to version).
	items as (
		select q.id::text || '|' || coalesce(o.option, '') as item, q.kind, o.option, q.key
		from app.questions q
		left join lateral unnest(q.options) as o(option) on q.kind = 'multi'
		where q.round_id = p_round_id and q.guide_version = v_round.guide_version
			and q.kind in ('scale', 'single', 'multi')
	),
	item_questions as (
		select it.item, it.kind, it.option, q2.id as question_id
		from items it
		join app.questions q2 on q2.round_id = p_round_id and q2.key = it.key and q2.kind = it.kind
	),
	-- The round's answers first, by interview (the answers' primary key starts with it); left
	-- to itself, the planner looks the answers up by question, a scan of the whole index each.
	round_answers as materialized (
		select a.question_id, a.scale_value, a.choices, iv.mun, iv.grp, iv.age
		from iv join app.answers a on a.interview_id = iv.id
	),
	cells as (
		select iq.item,
			case iq.kind when 'multi' then 'chosen' when 'scale' then a.scale_value::text
				else a.choices[1] end as value,
			a.mun, a.grp, a.age
		from round_answers a
		join item_questions iq on iq.question_id = a.question_id
		where case iq.kind
			when 'multi' then iq.option = any(a.choices)
			when 'scale' then a.scale_value is not null
			else a.choices[1] is not null
		end
	),
	answered as (
		select c.item, c.value, grouping(c.mun, c.grp, c.age) as level,
			coalesce(c.mun, c.grp, c.age, '') as dim_key, count(*) as n
		from cells c
		group by grouping sets ((c.item, c.value), (c.item, c.value, c.mun),
			(c.item, c.value, c.grp), (c.item, c.value, c.age))
	),
	base as (
		select grouping(v.mun, v.grp, v.age) as level, coalesce(v.mun, v.grp, v.age, '') as dim_key,
			count(*) as n
		from iv v
		group by grouping sets ((), (v.mun), (v.grp), (v.age))
	),
	-- The rest of each row: no answer (or, for an option, not chosen).
	unanswered as (
		select it.item, case when it.kind = 'multi' then 'not_chosen' else '' end as value, b.level,
			b.dim_key, b.n - coalesce(sum(a.n), 0) as n
		from items it cross join base b
		left join answered a on a.item = it.item and a.level = b.level and a.dim_key = b.dim_key
		group by it.item, it.kind, b.level, b.dim_key, b.n
	),
	grouped as (
		select a.item, a.value, a.level, a.dim_key, a.n from answered a
		union all
		select u.item, u.value, u.level, u.dim_key, u.n from unanswered u where u.n > 0
		union all
		select 'base', '', b.level, b.dim_key, b.n from base b
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
$$;

-- Who may see results ------------------------------------------------------------------------------

create function app.results_published(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select app.round_state(p_round_id) in ('gepubliceerd', 'gearchiveerd')
$$;

-- The published rounds the caller may read the results of: a coordinator every one of the
-- organisation's; a municipal user those that cover at least one of their municipalities.
create function app.readable_result_round_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
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
$$;

-- A round of the caller's organisation that the caller may not read: one covering none of a
-- municipal user's municipalities looks like a round that does not exist.
create function app.require_results_reader(p_round_id uuid) returns void
language plpgsql stable set search_path = ''
as $$
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
$$;

-- Staff of the round's organisation, once the round is published (a municipal user: a round
-- covering one of their municipalities). Before: wrong_state (the round is theirs, the results
-- are not there yet); another organisation's round, or one of no municipality of theirs: not_found.
create function api.round_results(p_round_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
	perform app.require_results_reader(p_round_id);
	return app.results_json(p_round_id) || jsonb_build_object('public_link', (
		select jsonb_build_object('created_at', l.created_at) from app.result_links l
		where l.round_id = p_round_id and l.revoked_at is null
		order by l.created_at desc limit 1
	));
end;
$$;

-- Across rounds: the questions that share a key (questions.key) in two or more published rounds
-- the caller may read, each with that question's results per round, oldest round first. Only
-- numbers each round already publishes, with that round's own protection: nothing is added up
-- across rounds, so no new table arises that could be compared with the published ones.
create function api.results_by_key() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
$$;

-- The public link: anyone with a live token of a published round. A wrong, revoked or not yet
-- published token all look the same: not_found.
create function api.results_public(p_token text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
$$;

-- A new public link (any earlier one stops working): the token is returned once, only its hash
-- is kept.
create function api.results_link_create(p_round_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

create function api.results_link_revoke(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	update app.result_links set revoked_at = now()
	where round_id = p_round_id and revoked_at is null;
end;
$$;

-- k is chosen before publication and fixed from then on: results shown with k = 5 and again with
-- k = 3 would reveal, by comparison, what k = 5 hid.
create function api.round_set_min_cell(p_round_id uuid, p_min_cell integer) returns void
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

grant execute on function app.require_results_reader(uuid) to authenticated;
grant execute on function api.round_results(uuid), api.results_by_key(), api.results_link_create(uuid),
	api.results_link_revoke(uuid), api.round_set_min_cell(uuid, integer) to authenticated;
grant execute on function api.results_public(text) to anon, authenticated;
