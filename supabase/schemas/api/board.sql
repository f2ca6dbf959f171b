-- The public board, read by its evening code: the projector, the audience's phones, and the live
-- hub that wakes them. Reactions come in through the server (service_role).

-- The round an evening code names, or not_found: the first step of every public function here
-- and in verification.sql.
create function app.round_id_by_evening_code(p_evening_code text) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid;
begin
	select r.id into v_round_id from app.rounds r
	where char_length(coalesce(p_evening_code, '')) <= 20
		and r.evening_code = app.normalise_code(p_evening_code);
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return v_round_id;
end;
$$;

create function app.reaction_counts(p_round_id uuid, p_position integer) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'herkenbaar', count(*) filter (where x.kind = 'herkenbaar'),
		'verrast', count(*) filter (where x.kind = 'verrast'),
		'meer_weten', count(*) filter (where x.kind = 'meer_weten')
	)
	from app.reactions x where x.round_id = p_round_id and x.slide_position = p_position
$$;

-- A chart slide's data: the whole round's answers to one scale or single-choice question (the
-- interviews whose consent stands), with the results' small-cell rule (results.sql: fewer
-- interviews than results_min_cell hides every count; app.suppress_line hides what could be
-- worked back). Only the wall of an opened evening shows it (api.evening_board).
create function app.chart_json(p_round_id uuid, p_question_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
$$;

-- What a wall shows of one slide: the public board's once the evening is live, the presenters'
-- rehearsal board (story.sql) before. A quote slide shows the finding's quote alone, word for
-- word; a chart slide its answers; a withdrawn or erased finding no text.
create function app.board_slide(p_round_id uuid, p_position integer) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object('kind', s.kind, 'theme', s.theme, 'title', s.title,
		'chart', case when s.kind = 'chart' then app.chart_json(p_round_id, s.question_id) end,
		'statement', case when s.kind = 'finding' and f.withdrawn_at is null and f.erased_at is null
			then f.statement end,
		'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end)
	from app.slides s left join app.findings f on f.id = s.finding_id
	where s.round_id = p_round_id and s.position = p_position
$$;

-- The wall's slides: the story without its hidden slides.
create function app.board_slide_count(p_round_id uuid) returns integer
language sql stable security definer set search_path = ''
as $$
	select count(*)::integer from app.slides s where s.round_id = p_round_id and not s.hidden
$$;

-- The slide at p_position as counted in that story (1 is the first).
create function app.board_number(p_round_id uuid, p_position integer) returns integer
language sql stable security definer set search_path = ''
as $$
	select count(*)::integer from app.slides s
	join app.slides cur on cur.round_id = s.round_id and cur.position = p_position
	where s.round_id = p_round_id and not s.hidden
		and (s.ord, s.position) <= (cur.ord, cur.position)
$$;

-- A screen's `seq` follows the hash chain too, not only the presenter's events: a finding written
-- or withdrawn during the evening changes the board (its fingerprint, the counts), and a screen
-- that reconnects with Last-Event-ID, or a second server polling evening_seq, must learn of it.
-- Both counters only grow, so their sum only grows.
create function app.board_seq(p_round_id uuid) returns bigint
language sql stable security definer set search_path = ''
as $$
	select coalesce((select max(ev.seq) from app.evening_events ev where ev.round_id = p_round_id), 0)
		+ coalesce((select max(c.seq) from app.chain_entries c where c.round_id = p_round_id), 0);
$$;

-- The public board. Definer, because the counts and the title must show before the evening is
-- opened; the slide (the only text) is returned only while the evening is live. The fingerprint is
-- null until the evening is opened; an erased finding (retention) shows no text, like a withdrawn
-- one.
create function api.evening_board(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
$$;

-- Invoker on purpose: the policy "the audience reads findings once the evening is opened" is what
-- decides. The explicit opened check keeps authors and presenters from getting a partial list
-- early. "Alle bevindingen" leaves out erased findings too: their text is gone.
create function api.evening_findings(p_evening_code text) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	if not app.evening_opened(v_round_id) then
		return '[]'::jsonb;
	end if;
	return (
		select coalesce(jsonb_agg(jsonb_build_object('theme', f.theme, 'statement', f.statement,
			'quote', f.quote) order by f.theme nulls last, f.created_at, f.id), '[]'::jsonb)
		from app.findings f
		where f.round_id = v_round_id and f.withdrawn_at is null and f.erased_at is null
	);
end;
$$;

create function api.evening_seq(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	return jsonb_build_object('seq', app.board_seq(v_round_id));
end;
$$;

-- Ceilings of api.react, per minute. A phone: three reactions on a slide a few times over. An
-- address: a whole hall behind one Wi-Fi (500 phones, each tapping all three) on a slide a minute.
create function app.reaction_limits() returns jsonb
language sql immutable set search_path = ''
as $$ select '{"per_phone": 30, "per_address": 1500}'::jsonb $$;

-- service_role only: the server passes hashed keys, one for the phone (its cookie) and one for
-- the address. A tap adds the reaction, a second tap on the same one takes it back. Answers the
-- counts and which of them this phone has, on the current slide.
create function api.react(p_evening_code text, p_kind text, p_client_key text,
	p_address_key text default null) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- Which reactions one phone has on one slide, as a list of kinds.
create function app.my_reactions(p_round_id uuid, p_position integer, p_client_key text)
returns jsonb
language sql stable security definer set search_path = ''
as $$
	select coalesce(jsonb_agg(x.kind order by x.kind), '[]'::jsonb) from app.reactions x
	where x.round_id = p_round_id and x.slide_position = p_position and x.client_key = p_client_key
$$;

-- evening_findings is invoker, so the public needs the code lookup.
grant execute on function app.round_id_by_evening_code(text) to anon, authenticated;
grant execute on function api.evening_board(text), api.evening_findings(text), api.evening_seq(text)
	to anon, authenticated;
grant execute on function api.react(text, text, text, text) to service_role;
