-- The interviewer's API, part 2: findings, written, corrected and withdrawn by their author only
-- (promise 1). Security invoker: the policies on findings are the wall; the checks here give a
-- clear reason code.

-- Shared validation of a finding's text; returns the cleaned values.
create function app.clean_finding(
	p_round_id uuid, p_statement text, p_quote text, p_theme text,
	out statement text, out quote text, out theme text
)
language plpgsql stable set search_path = ''
as $$
begin
	statement := btrim(coalesce(p_statement, ''));
	quote := nullif(btrim(coalesce(p_quote, '')), '');
	theme := nullif(btrim(coalesce(p_theme, '')), '');
	if char_length(statement) not between 3 and 600 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'statement';
	end if;
	if char_length(quote) > 400 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'quote';
	end if;
	if theme is not null and not (theme = any (app.round_themes(p_round_id))) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'theme';
	end if;
end;
$$;

-- A resend of a stored finding (app.resubmission, in interviews.sql).
create function app.finding_resent(p_id uuid, p_hash text) returns jsonb
language plpgsql volatile set search_path = ''
as $$
declare
	v_finding app.findings;
begin
	select * into v_finding from app.findings f
	where f.id = p_id and f.interviewer_id = app.require_interviewer();
	if v_finding.id is null then
		return null;
	end if;
	perform app.resubmission(v_finding.withdrawn_at is not null, v_finding.submission_hash, p_hash);
	return jsonb_build_object('id', p_id, 'created', false);
end;
$$;

-- A finding may not be linked to an interview whose consent was withdrawn: that consent is gone.
create function api.finding_create(
	p_id uuid, p_statement text, p_quote text default null, p_theme text default null,
	p_interview_id uuid default null
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_clean record;
	v_hash text := app.submission_hash(jsonb_build_object('statement', p_statement,
		'quote', p_quote, 'theme', p_theme, 'interview_id', p_interview_id));
	v_resent jsonb;
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	-- Idempotent, as interview_submit: a resend is checked before the round's state.
	v_resent := app.finding_resent(p_id, v_hash);
	if v_resent is not null then
		return v_resent;
	end if;
	if app.evening_opened(v_round_id) then
		raise exception using errcode = 'P0001', message = 'findings_frozen';
	end if;
	if app.round_state(v_round_id) <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_round_id, p_statement, p_quote, p_theme);
	if p_interview_id is not null and not exists (
		select 1 from app.interviews v
		where v.id = p_interview_id and v.interviewer_id = v_me and v.consent_withdrawn_at is null
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interview_id';
	end if;

	insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme,
		submission_hash)
	values (p_id, v_round_id, v_me, p_interview_id, v_clean.statement, v_clean.quote, v_clean.theme,
		v_hash)
	on conflict (id) do nothing;
	if not found then
		-- A concurrent send of the same id won, or the id is someone else's.
		v_resent := app.finding_resent(p_id, v_hash);
		if v_resent is not null then
			return v_resent;
		end if;
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return jsonb_build_object('id', p_id, 'created', true);
end;
$$;

-- The author's own finding, locked; a clear refusal for everyone else (promise 1).
create function app.own_finding(p_id uuid) returns app.findings
language plpgsql volatile set search_path = ''
as $$
declare
	v_finding app.findings;
begin
	select * into v_finding from app.findings f
	where f.id = p_id and f.interviewer_id = app.require_interviewer()
	for update;
	if v_finding.id is null then
		if exists (select 1 from app.findings f where f.id = p_id) then
			raise exception using errcode = '42501', message = 'not_allowed';
		end if;
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return v_finding;
end;
$$;

create function api.finding_update(
	p_id uuid, p_statement text, p_quote text default null, p_theme text default null
) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_finding app.findings := app.own_finding(p_id);
	v_clean record;
	v_was text;
begin
	if v_finding.withdrawn_at is not null then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	-- Frozen from the evening's opening on (findings_guard says so too, for every role).
	if app.evening_opened(v_finding.round_id) then
		raise exception using errcode = 'P0001', message = 'findings_frozen';
	end if;
	if app.round_state(v_finding.round_id) <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_finding.round_id, p_statement, p_quote, p_theme);
	v_was := app.allow_finding_write();
	update app.findings
	set statement = v_clean.statement, quote = v_clean.quote, theme = v_clean.theme, updated_at = now()
	where id = p_id;
	perform app.restore_finding_write(v_was);
end;
$$;

create function api.finding_withdraw(p_id uuid) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_finding app.findings := app.own_finding(p_id);
	v_was text := app.allow_finding_write();
begin
	update app.findings
	set statement = null, quote = null, withdrawn_at = now(), updated_at = now()
	where id = v_finding.id and withdrawn_at is null;
	perform app.restore_finding_write(v_was);
end;
$$;

create function api.my_findings() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	return (
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', f.id, 'statement', f.statement, 'quote', f.quote, 'theme', f.theme,
			'interview_id', f.interview_id, 'created_at', f.created_at, 'withdrawn_at', f.withdrawn_at
		) order by f.created_at desc, f.id), '[]'::jsonb)
		from app.findings f where f.interviewer_id = v_me
	);
end;
$$;

-- "Bevindingen van de groep": every finding of the caller's own round, to prepare the evening
-- together (issue 9, item 6). Security definer, because the policies on findings let an
-- interviewer read only their own (the author, the presenters, the audience once opened); this
-- function is that one exception, and it gives the group no more than the hall will see: the
-- statement, the quote, the theme and when, plus whether it is the caller's own (with its id, for
-- the edit link). Never who wrote someone else's finding (an author's name never goes past the
-- roster, and the roster must not tell the room whose text is whose), never the interview or the
-- interviewee, never a withdrawn or erased finding. Staff and everyone else: not_allowed, as
-- require_interviewer says; another round's findings are not there to be asked for.
-- The order is the presenters' first story (app.build_slides): the guide's themes in guide order,
-- unknown themes after, no theme last; within a theme, in the order the findings came in.
-- `editable`: the caller may still correct their own (fieldwork, the evening not yet opened).
-- `readable`: only who takes part reads the group's findings: a presenter, or an interviewer who
-- has sent an interview or a finding. Anyone with the join code can join, the coordinator who
-- handed it out too, and joining alone must not open the round's text (the probe of issue 8 in
-- journey.test.ts). A made-up interview or finding would open it, but that one stays: in the
-- counts, in the hash chain, and with its name on the group's roster.
create function api.group_findings() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_readable boolean := exists (select 1 from app.interviewers i where i.id = v_me and i.is_presenter)
		or exists (select 1 from app.interviews iv where iv.interviewer_id = v_me)
		or exists (select 1 from app.findings f where f.interviewer_id = v_me);
begin
	return jsonb_build_object(
		'editable', app.round_state(v_round_id) = 'veldwerk' and not app.evening_opened(v_round_id),
		'readable', v_readable,
		'groups', case when not v_readable then '[]'::jsonb else (
			with theme_order as (
				select t.theme, t.n from unnest(app.round_themes(v_round_id)) with ordinality as t (theme, n)
			), shown as (
				select f.*, coalesce((select o.n from theme_order o where o.theme = f.theme), 1000) as ord
				from app.findings f
				where f.round_id = v_round_id and f.withdrawn_at is null and f.erased_at is null
					and f.statement is not null
			), grouped as (
				select s.ord, s.theme, jsonb_agg(jsonb_build_object(
					'id', case when s.interviewer_id = v_me then s.id end,
					'own', s.interviewer_id = v_me,
					'statement', s.statement, 'quote', s.quote, 'theme', s.theme,
					'created_at', s.created_at, 'updated_at', s.updated_at
				) order by s.created_at, s.id) as findings
				from shown s group by s.ord, s.theme
			)
			select coalesce(jsonb_agg(jsonb_build_object('theme', g.theme, 'findings', g.findings)
				order by g.ord, g.theme nulls last), '[]'::jsonb)
			from grouped g
		) end
	);
end;
$$;

grant execute on function app.clean_finding(uuid, text, text, text), app.own_finding(uuid),
	app.finding_resent(uuid, text) to authenticated;
grant execute on function api.finding_create(uuid, text, text, text, uuid),
	api.finding_update(uuid, text, text, text), api.finding_withdraw(uuid), api.my_findings()
	to authenticated;
grant execute on function api.group_findings() to authenticated;
