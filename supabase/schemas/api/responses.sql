-- After the evening: public responses to the findings of a published round, the peers' verdict on
-- those responses, and each finding's permanent page that tells its whole story. Writes are
-- security invoker (the policies on responses and verdicts are the wall; the checks here give a
-- clear reason code); the public reads are definer, because the public gets counts and comments
-- of verdicts, never the rows (which name an interviewer).

create function api.response_post(
	p_finding_id uuid, p_status text, p_body text, p_reason text default null,
	p_planned_for date default null
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_role text;
	v_round_id uuid;
	v_body text := btrim(coalesce(p_body, ''));
	v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
	v_id uuid;
begin
	perform app.require_staff();
	v_role := app.current_staff_role();
	-- Readable for staff only once the evening is opened, and never when withdrawn.
	select f.round_id into v_round_id from app.findings f where f.id = p_finding_id;
	if v_round_id is null or not app.is_staff_of_round(v_round_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_role <> 'coordinator' and not exists (
		select 1 from app.round_municipalities rm
		where rm.round_id = v_round_id
			and rm.municipality_id in (select app.current_staff_municipality_ids())
	) then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if app.round_state(v_round_id) <> 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if p_status is null
		or p_status not in ('wordt_opgepakt', 'in_onderzoek', 'niet_mogelijk', 'afgerond')
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'status';
	end if;
	if char_length(v_body) not between 3 and 2000 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'body';
	end if;
	if p_status = 'niet_mogelijk' then
		if v_reason is null then
			raise exception using errcode = 'P0001', message = 'reason_required', hint = 'reason';
		end if;
		if char_length(v_reason) not between 3 and 1000 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'reason';
		end if;
	else
		v_reason := null;
	end if;
	if p_planned_for is not null and p_planned_for < current_date then
		raise exception using errcode = 'P0001', message = 'date_in_past', hint = 'planned_for';
	end if;

	insert into app.responses (finding_id, status, body, reason, planned_for, author_role)
	values (p_finding_id, p_status, v_body, v_reason, p_planned_for, v_role)
	returning id into v_id;
	return jsonb_build_object('id', v_id);
end;
$$;

-- One verdict per interviewer per response; giving one again changes it (verdicts.sql says why).
create function api.verdict_give(p_response_id uuid, p_verdict text, p_comment text default null)
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid;
	v_comment text := nullif(btrim(coalesce(p_comment, '')), '');
begin
	-- Responses are readable once their round is published, so before that: not_found.
	select r.round_id into v_round_id from app.responses r where r.id = p_response_id;
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_round_id is distinct from app.current_interviewer_round_id() then
		raise exception using errcode = 'P0001', message = 'other_round';
	end if;
	if app.round_state(v_round_id) <> 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if p_verdict is null or p_verdict not in ('helpt', 'helpt_nog_niet', 'gaat_langs_ons_heen') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'verdict';
	end if;
	if char_length(v_comment) > 280 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'comment';
	end if;

	insert into app.verdicts (response_id, interviewer_id, round_id, verdict, comment)
	values (p_response_id, v_me, v_round_id, p_verdict, v_comment)
	on conflict (response_id, interviewer_id) do update
	set verdict = excluded.verdict, comment = excluded.comment, updated_at = now();
	return jsonb_build_object('response_id', p_response_id, 'verdict', p_verdict);
end;
$$;

-- A response with the peers' verdicts on it: counts per verdict and the comments, never who.
create function app.response_json(p_response app.responses) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'id', p_response.id, 'status', p_response.status, 'body', p_response.body,
		'reason', p_response.reason, 'planned_for', p_response.planned_for,
		'author_role', p_response.author_role, 'created_at', p_response.created_at,
		'verdicts', jsonb_build_object(
			'helpt', count(*) filter (where v.verdict = 'helpt'),
			'helpt_nog_niet', count(*) filter (where v.verdict = 'helpt_nog_niet'),
			'gaat_langs_ons_heen', count(*) filter (where v.verdict = 'gaat_langs_ons_heen')
		),
		'comments', coalesce(jsonb_agg(jsonb_build_object(
			'verdict', v.verdict, 'comment', v.comment, 'at', v.updated_at
		) order by v.updated_at, v.interviewer_id) filter (where v.comment is not null), '[]'::jsonb)
	)
	from app.verdicts v where v.response_id = p_response.id
$$;

-- The permanent public page of a finding of a published round: the finding, its responses as a
-- timeline (oldest first), the peers' verdicts, and what the caller may do there. Before the
-- round is published it does not exist for anyone (not_found).
create function api.finding_story(p_finding_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_finding app.findings;
	v_round app.rounds;
	v_open boolean;
begin
	select * into v_finding from app.findings f where f.id = p_finding_id;
	select * into v_round from app.rounds r
	where r.id = v_finding.round_id and r.id in (select app.published_round_ids());
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	v_open := v_round.state = 'gepubliceerd' and v_finding.withdrawn_at is null
		and v_finding.erased_at is null;
	return jsonb_build_object(
		'finding', jsonb_build_object(
			'id', v_finding.id, 'theme', v_finding.theme,
			'statement', case when v_finding.withdrawn_at is null then v_finding.statement end,
			'quote', case when v_finding.withdrawn_at is null then v_finding.quote end,
			'state', case when v_finding.withdrawn_at is not null then 'withdrawn'
				when v_finding.erased_at is not null then 'erased' else 'published' end
		),
		'round', jsonb_build_object('title', v_round.title, 'target_group', v_round.target_group,
			'evening_code', v_round.evening_code, 'state', v_round.state,
			'published_at', v_round.published_at),
		'responses', (
			select coalesce(jsonb_agg(app.response_json(r) order by r.created_at, r.id), '[]'::jsonb)
			from app.responses r where r.finding_id = v_finding.id
		),
		'viewer', jsonb_build_object(
			'can_respond', v_open and v_round.id in (select app.respondable_round_ids()),
			'can_judge', v_open and v_round.id is not distinct from app.current_interviewer_round_id(),
			'verdicts', (
				select coalesce(jsonb_agg(jsonb_build_object('response_id', v.response_id,
					'verdict', v.verdict, 'comment', v.comment)), '[]'::jsonb)
				from app.verdicts v join app.responses r on r.id = v.response_id
				where r.finding_id = v_finding.id and v.interviewer_id = app.current_interviewer_id()
			)
		)
	);
end;
$$;

-- A published round's responses, newest first: what its public feed (Atom) carries.
create function api.round_responses(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code)
		and r.id in (select app.published_round_ids());
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'published_at', v_round.published_at),
		'responses', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', r.id, 'finding_id', r.finding_id,
				'statement', case when f.withdrawn_at is null then f.statement end,
				'status', r.status, 'body', r.body, 'reason', r.reason,
				'planned_for', r.planned_for, 'author_role', r.author_role, 'created_at', r.created_at
			) order by r.created_at desc, r.id), '[]'::jsonb)
			from app.responses r join app.findings f on f.id = r.finding_id
			where r.round_id = v_round.id
		)
	);
end;
$$;

-- What was answered in the interviewer's round since they last marked it as seen (api.news_seen),
-- so they need not come back and look through every finding.
create function api.my_news() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_since timestamptz;
begin
	select i.responses_seen_at into v_since from app.interviewers i where i.id = v_me;
	return jsonb_build_object(
		'since', v_since,
		'responses', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', r.id, 'finding_id', r.finding_id, 'statement', f.statement, 'status', r.status,
				'created_at', r.created_at
			) order by r.created_at desc, r.id), '[]'::jsonb)
			from app.responses r join app.findings f on f.id = r.finding_id
			where r.round_id = app.current_interviewer_round_id()
				and (v_since is null or r.created_at > v_since)
		)
	);
end;
$$;

-- Definer: interviewers may not update their own row otherwise (it holds is_presenter).
create function api.news_seen() returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	update app.interviewers set responses_seen_at = now() where id = app.require_interviewer();
end;
$$;

-- The accountability overview of a published round (printable, and CSV): per finding its answers
-- (how many, the latest status and when) and the peers' verdicts on all of them. Public like the
-- finding pages, not_found before publication. Aggregated here, not in the page.
create function api.round_accountability(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code)
		and r.id in (select app.published_round_ids());
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state, 'published_at', v_round.published_at),
		'findings', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', f.id, 'theme', f.theme,
				'statement', case when f.withdrawn_at is null then f.statement end,
				'state', case when f.withdrawn_at is not null then 'withdrawn'
					when f.erased_at is not null then 'erased' else 'published' end,
				'responses', coalesce(a.responses, 0),
				'latest_status', a.latest_status,
				'latest_at', a.latest_at,
				'verdicts', jsonb_build_object(
					'helpt', coalesce(v.helpt, 0),
					'helpt_nog_niet', coalesce(v.helpt_nog_niet, 0),
					'gaat_langs_ons_heen', coalesce(v.gaat_langs_ons_heen, 0)
				)
			) order by f.theme nulls last, f.created_at, f.id), '[]'::jsonb)
			from app.findings f
			left join lateral (
				select count(*) as responses, max(r.created_at) as latest_at,
					(array_agg(r.status order by r.created_at desc, r.id desc))[1] as latest_status
				from app.responses r where r.finding_id = f.id
			) a on true
			left join lateral (
				select count(*) filter (where x.verdict = 'helpt') as helpt,
					count(*) filter (where x.verdict = 'helpt_nog_niet') as helpt_nog_niet,
					count(*) filter (where x.verdict = 'gaat_langs_ons_heen') as gaat_langs_ons_heen
				from app.verdicts x join app.responses r on r.id = x.response_id
				where r.finding_id = f.id
			) v on true
			where f.round_id = v_round.id
		)
	);
end;
$$;

grant execute on function app.response_json(app.responses) to anon, authenticated;
grant execute on function api.response_post(uuid, text, text, text, date),
	api.verdict_give(uuid, text, text), api.my_news(), api.news_seen() to authenticated;
grant execute on function api.finding_story(uuid), api.round_responses(text),
	api.round_accountability(text) to anon, authenticated;

-- An interviewer's e-mail notice (issue 13, item 2): their own address, or null. Reading and
-- leaving it are invoker (the policies on app.notice_addresses are the wall; the checks here give
-- clear reason codes).
create function api.notice_address() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	return jsonb_build_object('email',
		(select n.email from app.notice_addresses n where n.interviewer_id = v_me));
end;
$$;

-- Leave (or change) the address. Not for an archived round: its addresses were erased with it.
create function api.notice_address_set(p_email text) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_email text := btrim(coalesce(p_email, ''));
begin
	if char_length(v_email) not between 3 and 254
		or v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if app.round_state(v_round_id) = 'gearchiveerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	insert into app.notice_addresses (interviewer_id, round_id, email)
	values (v_me, v_round_id, v_email)
	on conflict (interviewer_id) do update set email = excluded.email;
	return jsonb_build_object('email', v_email);
end;
$$;

-- Remove it, at once. Definer: no app table grants delete to authenticated; this deletes the
-- caller's own row and nothing else.
create function api.notice_address_remove() returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	delete from app.notice_addresses where interviewer_id = v_me;
end;
$$;

-- For the server's mailer only (service_role): who hears of this response, and what the notice
-- may say. Only what is public anyway (the round's title, the status, where to read it), never
-- the finding's text, the response's text or who wrote it. Only for a response of the last hour,
-- so the function sends notices of what just happened and cannot list a round's addresses later.
create function api.response_notices(p_response_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_response app.responses;
	v_round app.rounds;
begin
	select * into v_response from app.responses r
	where r.id = p_response_id and r.created_at > now() - interval '1 hour';
	if v_response.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	select * into v_round from app.rounds r where r.id = v_response.round_id;
	return jsonb_build_object(
		'round_title', v_round.title,
		'finding_id', v_response.finding_id,
		'response_id', v_response.id,
		'status', v_response.status,
		'recipients', (
			select coalesce(jsonb_agg(n.email order by n.created_at, n.interviewer_id), '[]'::jsonb)
			from app.notice_addresses n where n.round_id = v_round.id
		)
	);
end;
$$;

grant execute on function api.notice_address(), api.notice_address_set(text),
	api.notice_address_remove() to authenticated;
grant execute on function api.response_notices(uuid) to service_role;
