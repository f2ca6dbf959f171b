-- The guide editor (/beheer/rondes/[id]/vragen) and the youth round's own questions (/vragen).
-- A version with interviews is frozen (trigger questions_frozen): an edit then first copies the
-- current version to a new one, with the same keys, and changes the copy. Definer functions: the
-- coordinator has no update or delete grant on questions, and the version counts read interviews
-- (numbers only). Each function checks the caller itself.

-- The version an edit may change: in concept the current one; once fieldwork has begun a fresh
-- copy of it, always: a phone may hold the current version offline, with a draft that answers
-- its questions, and that draft must still be stored with the version it used (issue 9), so a
-- version that interviewers were given is never changed, with or without interviews yet.
-- Locks the round, so two edits at once make one new version, not two.
create function app.guide_edit_version(p_round_id uuid, p_always_new boolean default false)
returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = p_round_id for update;
	if v_round.state not in ('concept', 'veldwerk') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if not p_always_new and v_round.state = 'concept' and not exists (
		select 1 from app.interviews v
		where v.round_id = p_round_id and v.guide_version = v_round.guide_version
	) then
		return v_round.guide_version;
	end if;
	if v_round.guide_version >= 1000 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
		scale_min_label, scale_max_label, options, key, origin)
	select q.round_id, v_round.guide_version + 1, q.position, q.kind, q.prompt, q.theme,
		q.scale_min_label, q.scale_max_label, q.options, q.key, q.origin
	from app.questions q
	where q.round_id = p_round_id and q.guide_version = v_round.guide_version;
	update app.rounds set guide_version = v_round.guide_version + 1 where id = p_round_id;
	return v_round.guide_version + 1;
end;
$$;

-- The same question (by key) in the given version: the editor may post the id of the version it
-- showed, which an edit since may have copied into a new one.
create function app.question_in_version(p_round_id uuid, p_version integer, p_question_id uuid)
returns app.questions
language sql stable security definer set search_path = ''
as $$
	select q2.* from app.questions q1
	join app.questions q2 on q2.round_id = q1.round_id and q2.key = q1.key
		and q2.guide_version = p_version
	where q1.id = p_question_id and q1.round_id = p_round_id
$$;

-- One question's fields, checked and cleaned, or a refusal naming the field. The theme is one of
-- the organisation's themes (or the one it already had, for a guide made before a theme was
-- renamed).
create function app.question_checked(p_round_id uuid, p_kind text, p_prompt text, p_theme text,
	p_scale_min_label text, p_scale_max_label text, p_options text[], p_current_theme text)
returns app.questions
language plpgsql stable security definer set search_path = ''
as $$
declare
	v app.questions;
	v_themes text[];
begin
	select o.themes into v_themes from app.rounds r
	join app.organisations o on o.id = r.organisation_id where r.id = p_round_id;
	v.kind := p_kind;
	v.prompt := btrim(coalesce(p_prompt, ''));
	v.theme := app.clean_name(p_theme);
	if p_kind is null or p_kind not in ('open', 'scale', 'single', 'multi') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
	end if;
	if char_length(v.prompt) not between 3 and 300 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'prompt';
	end if;
	if v.theme is distinct from p_current_theme and not (v.theme = any (v_themes)) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'theme';
	end if;
	if p_kind = 'scale' then
		v.scale_min_label := nullif(btrim(coalesce(p_scale_min_label, '')), '');
		v.scale_max_label := nullif(btrim(coalesce(p_scale_max_label, '')), '');
		-- A scale says what 1 and 5 mean: both words, or the answers cannot be read.
		if v.scale_min_label is null or char_length(v.scale_min_label) > 60 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'scale_min_label';
		end if;
		if v.scale_max_label is null or char_length(v.scale_max_label) > 60 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'scale_max_label';
		end if;
	end if;
	if p_kind in ('single', 'multi') then
		select array_agg(btrim(o) order by n) into v.options
		from unnest(p_options) with ordinality as x(o, n) where btrim(coalesce(o, '')) <> '';
		if coalesce(cardinality(v.options), 0) not between 2 and 20
			or exists (select 1 from unnest(v.options) o where char_length(o) > 200)
			or (select count(distinct o) from unnest(v.options) o) <> cardinality(v.options)
		then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'options';
		end if;
	end if;
	return v;
end;
$$;

create function app.guide_versions_json(p_round_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object(
		'version', g.n,
		'questions', (select count(*) from app.questions q
			where q.round_id = p_round_id and q.guide_version = g.n),
		'interviews', (select count(*) from app.interviews v
			where v.round_id = p_round_id and v.guide_version = g.n),
		'by_interviewers', exists (select 1 from app.questions q
			where q.round_id = p_round_id and q.guide_version = g.n and q.origin = 'interviewer')
	) order by g.n desc), '[]'::jsonb)
	from app.rounds r, generate_series(1, r.guide_version) as g(n)
	where r.id = p_round_id
$$;

-- The editor's page: one version of the guide (the current one unless asked), the history, the
-- organisation's themes and the questions of the organisation's other rounds (to mark a question
-- as the same one). Staff of the round's organisation; counts only, no answers.
create function api.guide_get(p_round_id uuid, p_version integer default null) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
	v_version integer;
begin
	perform app.require_staff();
	if not app.is_staff_of_round(p_round_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	select * into v_round from app.rounds r where r.id = p_round_id;
	v_version := coalesce(p_version, v_round.guide_version);
	if v_version not between 1 and v_round.guide_version then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'round', jsonb_build_object('id', v_round.id, 'title', v_round.title,
			'target_group', v_round.target_group, 'state', v_round.state,
			'guide_version', v_round.guide_version,
			'interviewers_add_questions', v_round.interviewers_add_questions),
		'version', v_version,
		'editable', v_round.state in ('concept', 'veldwerk') and app.current_staff_role() = 'coordinator',
		'frozen', exists (select 1 from app.interviews v
			where v.round_id = p_round_id and v.guide_version = v_version),
		'themes', (select to_jsonb(o.themes) from app.organisations o where o.id = v_round.organisation_id),
		'versions', app.guide_versions_json(p_round_id),
		'questions', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', q.id, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt, 'theme', q.theme,
				'scale_min_label', q.scale_min_label, 'scale_max_label', q.scale_max_label,
				'options', to_jsonb(q.options), 'key', q.key, 'origin', q.origin
			) order by q.position), '[]'::jsonb)
			from app.questions q where q.round_id = p_round_id and q.guide_version = v_version
		),
		-- Each key once, from the latest round that has it in its current guide.
		'earlier', (
			select coalesce(jsonb_agg(jsonb_build_object('key', e.key, 'prompt', e.prompt,
				'kind', e.kind, 'round_title', e.title) order by e.title, e.prompt), '[]'::jsonb)
			from (
				select distinct on (q.key) q.key, q.prompt, q.kind, r.title
				from app.questions q
				join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
				where r.organisation_id = v_round.organisation_id and r.id <> p_round_id
				order by q.key, r.created_at desc
			) as e
		)
	);
end;
$$;

-- Add (p_question_id null) or change a question. p_key: the key of a question of an earlier
-- round of the organisation (the same question), or null to keep its own (a new one gets a
-- fresh key).
create function api.guide_question_save(p_round_id uuid, p_question_id uuid, p_kind text,
	p_prompt text, p_theme text, p_scale_min_label text default null,
	p_scale_max_label text default null, p_options text[] default null, p_key text default null)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_version integer;
	v_old app.questions;
	v app.questions;
	v_key text := nullif(btrim(coalesce(p_key, '')), '');
	v_org uuid;
begin
	perform app.require_coordinator_of_round(p_round_id);
	v_version := app.guide_edit_version(p_round_id);
	if p_question_id is not null then
		v_old := app.question_in_version(p_round_id, v_version, p_question_id);
		if v_old.id is null then
			raise exception using errcode = 'P0002', message = 'not_found';
		end if;
	elsif (select count(*) from app.questions q
		where q.round_id = p_round_id and q.guide_version = v_version) >= 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	v := app.question_checked(p_round_id, p_kind, p_prompt, p_theme, p_scale_min_label,
		p_scale_max_label, p_options, v_old.theme);
	select r.organisation_id into v_org from app.rounds r where r.id = p_round_id;
	-- A key given must be one of another round of the organisation, and not taken in this guide.
	if v_key is not null and v_key is distinct from v_old.key and (
		v_key !~ '^[a-z0-9][a-z0-9_-]{0,63}$'
		or not exists (select 1 from app.questions q join app.rounds r on r.id = q.round_id
			where q.key = v_key and r.organisation_id = v_org and r.id <> p_round_id)
		or exists (select 1 from app.questions q
			where q.round_id = p_round_id and q.guide_version = v_version and q.key = v_key)
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'key';
	end if;
	if v_old.id is null then
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
			scale_min_label, scale_max_label, options, key)
		values (p_round_id, v_version,
			(select coalesce(max(q.position) + 1, 0) from app.questions q
				where q.round_id = p_round_id and q.guide_version = v_version),
			v.kind, v.prompt, v.theme, v.scale_min_label, v.scale_max_label, v.options,
			coalesce(v_key, gen_random_uuid()::text))
		returning * into v;
	else
		update app.questions set kind = v.kind, prompt = v.prompt, theme = v.theme,
			scale_min_label = v.scale_min_label, scale_max_label = v.scale_max_label,
			options = v.options, key = coalesce(v_key, v_old.key)
		where id = v_old.id
		returning * into v;
	end if;
	return jsonb_build_object('id', v.id, 'guide_version', v_version);
end;
$$;

create function api.guide_question_delete(p_round_id uuid, p_question_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_version integer;
	v_old app.questions;
begin
	perform app.require_coordinator_of_round(p_round_id);
	v_version := app.guide_edit_version(p_round_id);
	v_old := app.question_in_version(p_round_id, v_version, p_question_id);
	if v_old.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	-- An interview needs at least one question.
	if (select count(*) from app.questions q
		where q.round_id = p_round_id and q.guide_version = v_version) <= 1
	then
		raise exception using errcode = 'P0001', message = 'last_question';
	end if;
	delete from app.questions where id = v_old.id;
	update app.questions set position = position - 1
	where round_id = p_round_id and guide_version = v_version and position > v_old.position;
	return jsonb_build_object('guide_version', v_version);
end;
$$;

-- Move a question to p_position (0-based; past the end means last), the others close up.
create function api.guide_question_move(p_round_id uuid, p_question_id uuid, p_position integer)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_version integer;
	v_old app.questions;
	v_target integer;
begin
	perform app.require_coordinator_of_round(p_round_id);
	if p_position is null or p_position < 0 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
	end if;
	v_version := app.guide_edit_version(p_round_id);
	v_old := app.question_in_version(p_round_id, v_version, p_question_id);
	if v_old.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	select least(p_position, count(*) - 1) into v_target from app.questions q
	where q.round_id = p_round_id and q.guide_version = v_version;
	-- One statement: the unique position is checked at its end (deferrable constraint).
	update app.questions q set position = o.pos
	from (
		select x.id, case when x.rn >= v_target then x.rn + 1 else x.rn end as pos
		from (
			select q2.id, row_number() over (order by q2.position) - 1 as rn
			from app.questions q2
			where q2.round_id = p_round_id and q2.guide_version = v_version and q2.id <> v_old.id
		) as x
		union all
		select v_old.id, v_target
	) as o
	where q.id = o.id and q.position <> o.pos;
	return jsonb_build_object('guide_version', v_version);
end;
$$;

-- The youth round's setting: its interviewers may add questions themselves.
create function api.round_set_own_questions(p_round_id uuid, p_allowed boolean) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	if p_allowed is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'allowed';
	end if;
	if p_allowed and (select r.target_group from app.rounds r where r.id = p_round_id) <> 'jongeren' then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'allowed';
	end if;
	if app.round_state(p_round_id) not in ('concept', 'veldwerk') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	update app.rounds set interviewers_add_questions = p_allowed where id = p_round_id;
end;
$$;

-- The interviewer's view of their round's guide: every question, and for the ones the group
-- added, who added them (the group sees each other's names anyway; staff see only that an
-- interviewer added it).
create function api.own_questions() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select r.* into v_round from app.rounds r
	where r.id = (select i.round_id from app.interviewers i where i.id = app.require_interviewer());
	return jsonb_build_object(
		'allowed', v_round.interviewers_add_questions and v_round.state = 'veldwerk',
		'guide_version', v_round.guide_version,
		'themes', (select to_jsonb(o.themes) from app.organisations o where o.id = v_round.organisation_id),
		'questions', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', q.id, 'kind', q.kind, 'prompt', q.prompt, 'theme', q.theme,
				'scale_min_label', q.scale_min_label, 'scale_max_label', q.scale_max_label,
				'options', to_jsonb(q.options), 'origin', q.origin,
				'added_by', (select i.display_name from app.question_authors a
					join app.interviewers i on i.id = a.interviewer_id
					where a.round_id = q.round_id and a.key = q.key)
			) order by q.position), '[]'::jsonb)
			from app.questions q
			where q.round_id = v_round.id and q.guide_version = v_round.guide_version
		)
	);
end;
$$;

-- An interviewer of a youth round that allows it adds a question: it enters the guide at the
-- end, as a new version, without anyone's approval.
-- Ceilings of api.own_question_add, counted in app.question_authors (so a question the coordinator
-- deleted still counts: deleting junk must not reopen the tap). Writing a question takes a young
-- person a minute or more, and a group often shares one phone on an evening: 20 in an hour from one
-- interviewer is more than a whole group writes together, and stops one pasting 500. The round: a
-- guide holds at most 40 questions anyway; 60 additions over the round's life leaves room for a
-- group that rewrites, and stops many accounts together from flooding the coordinator.
create function app.own_question_limits() returns jsonb
language sql immutable set search_path = ''
as $$ select '{"per_interviewer_hour": 20, "per_round": 60}'::jsonb $$;

create function api.own_question_add(p_kind text, p_prompt text, p_theme text,
	p_scale_min_label text default null, p_scale_max_label text default null,
	p_options text[] default null)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
	v_version integer;
	v app.questions;
	v_limits jsonb := app.own_question_limits();
begin
	select r.* into v_round from app.rounds r
	where r.id = (select i.round_id from app.interviewers i where i.id = v_me);
	if not v_round.interviewers_add_questions then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	v := app.question_checked(v_round.id, p_kind, p_prompt, p_theme, p_scale_min_label,
		p_scale_max_label, p_options, null);
	if (select count(*) from app.question_authors a where a.interviewer_id = v_me
		and a.added_at > now() - interval '1 hour') >= (v_limits ->> 'per_interviewer_hour')::integer
	then
		raise exception using errcode = 'P0001', message = 'own_questions_hour';
	end if;
	if (select count(*) from app.question_authors a where a.round_id = v_round.id)
		>= (v_limits ->> 'per_round')::integer
	then
		raise exception using errcode = 'P0001', message = 'own_questions_round';
	end if;
	if (select count(*) from app.questions q
		where q.round_id = v_round.id and q.guide_version = v_round.guide_version) >= 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	v_version := app.guide_edit_version(v_round.id, true);
	insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
		scale_min_label, scale_max_label, options, key, origin)
	values (v_round.id, v_version,
		(select coalesce(max(q.position) + 1, 0) from app.questions q
			where q.round_id = v_round.id and q.guide_version = v_version),
		v.kind, v.prompt, v.theme, v.scale_min_label, v.scale_max_label, v.options,
		gen_random_uuid()::text, 'interviewer')
	returning * into v;
	insert into app.question_authors (round_id, key, interviewer_id) values (v_round.id, v.key, v_me);
	return jsonb_build_object('id', v.id, 'guide_version', v_version);
end;
$$;

revoke execute on function app.guide_edit_version(uuid, boolean),
	app.question_in_version(uuid, integer, uuid),
	app.question_checked(uuid, text, text, text, text, text, text[], text),
	app.guide_versions_json(uuid), app.own_question_limits() from public;
grant execute on function api.guide_get(uuid, integer),
	api.guide_question_save(uuid, uuid, text, text, text, text, text, text[], text),
	api.guide_question_delete(uuid, uuid), api.guide_question_move(uuid, uuid, integer),
	api.round_set_own_questions(uuid, boolean), api.own_questions(),
	api.own_question_add(text, text, text, text, text, text[]) to authenticated;
