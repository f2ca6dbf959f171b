-- The presenters' story: what the evening shows, in which order, with their own title slides,
-- quote slides and notes. Presenters of the round only, before the evening (the seal: nobody else
-- reads a finding before it opens) and while it is live. Security definer, because the story is
-- built and changed for the presenters (nobody writes slides directly) and each function checks
-- the presenter itself (app.require_presenter_of).
--
-- Several presenters edit at once: every edit names the story version it was made on, and an
-- edit on an older version is refused (story_changed) instead of overwriting what another
-- presenter just did. Every edit appends a 'story' event, so the board's seq moves and every
-- presenter's screen (on the public stream, which carries no story) reads the story again.

-- The story of a round for its presenters, ordered as the story goes. Before the evening opens it
-- is made current first (app.sync_story): new findings get a slide at the end.
create function api.story(p_round_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- Put one slide at place p_to (0 is first) of the story; the others keep their order.
create function app.story_place(p_round_id uuid, p_position integer, p_to integer) returns void
language sql volatile security definer set search_path = ''
as $$
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
$$;

-- The place in the story of one slide, or invalid_input (position) for a slide that is not there.
create function app.story_index(p_round_id uuid, p_position integer) returns integer
language plpgsql stable security definer set search_path = ''
as $$
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
$$;

-- A new slide at the end of the story: its position (identity) is never one used before.
create function app.story_append(p_round_id uuid, p_kind text, p_title text, p_finding_id uuid,
	p_theme text, p_question_id uuid default null) returns integer
language sql volatile security definer set search_path = ''
as $$
	insert into app.slides (round_id, position, ord, kind, title, finding_id, theme, question_id)
	select p_round_id, coalesce(max(s.position), -1) + 1, coalesce(max(s.ord), -1) + 1,
		p_kind, p_title, p_finding_id, p_theme, p_question_id
	from app.slides s where s.round_id = p_round_id
	returning position
$$;

-- One edit of the story (p_edit.op, API.md "Presenter"), made on story version p_version.
-- Answers the story after the edit, as api.story does.
create function api.story_edit(p_round_id uuid, p_version integer, p_edit jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

grant execute on function api.story(uuid), api.story_edit(uuid, integer, jsonb) to authenticated;

-- The rehearsal: before the evening opens, the presenters run the whole evening on a private
-- rehearsal wall and their own phones. Presenters of the round only (the seal: nobody else gets
-- a finding before the evening opens), and only while it is not opened. Nothing of it counts
-- afterwards: a rehearsal move is not a 'moved' event (the public log and the evening's record
-- hold none of it), its reactions live in app.rehearsal_reactions (never in the counts), it never
-- moves the public board's seq, and api.evening_open clears it.

-- The evening row of a round that can rehearse (veldwerk, not opened), its story made current;
-- wrong_state otherwise. The caller has checked the presenter.
create function app.rehearsal_evening(p_round_id uuid, p_lock boolean) returns app.evenings
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- The slide on the rehearsal wall: where the presenters moved it, or the story's first shown
-- slide when that one is gone or hidden since.
create function app.rehearsal_slide(p_round_id uuid, p_position integer) returns integer
language sql stable security definer set search_path = ''
as $$
	select coalesce(
		(select s.position from app.slides s
			where s.round_id = p_round_id and s.position = p_position and not s.hidden),
		(select s.position from app.slides s
			where s.round_id = p_round_id and not s.hidden order by s.ord, s.position limit 1),
		0)
$$;

-- The rehearsal board, shaped as api.evening_board's live board (the same wall draws it), with
-- rehearsal = true, the caller's own reactions (mine), the neighbouring slides and the notes
-- (presenters only call this), and no fingerprint (the chain is sealed
-- until opening). Its seq grows with every rehearsal change and every story edit.
create function api.rehearsal_board(p_round_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- One step of the rehearsal (p_step.op): 'move' to a shown slide (position), 'react' with one
-- kind on the slide on the rehearsal wall (a second tap takes it back), 'reveal' that slide's
-- counts, 'restart' (back to the first slide, reactions and reveals gone). Answers the board.
create function api.rehearsal_step(p_round_id uuid, p_step jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

grant execute on function api.rehearsal_board(uuid), api.rehearsal_step(uuid, jsonb)
	to authenticated;
