-- faster_results_counts
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

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
$function$
;

reset check_function_bodies;

