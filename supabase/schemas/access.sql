-- Who is asking, and may they: the helpers every policy and api function uses. The lookups are
-- `security definer` so that policies can look people up without recursing into each other's RLS.
-- Who is asking comes from the JWT (sub + session_id), but only while that session is live:
-- revoking a session cuts access at once, not when the JWT runs out.
--
-- Policies call these the way Supabase's RLS performance guidance says: a helper that does not
-- depend on the row is wrapped in `(select …)`, so Postgres runs it once per statement (an
-- initPlan); a membership test on the row's round is written as `round_id in (select
-- app.staff_round_ids())`, a set computed once per statement, never as a function called with the
-- row's column (app.is_staff_of_round(round_id) ran a lookup for every row: 114 ms to read the 605
-- interviewers of a big round, against 5 ms without RLS).
--
-- This file comes before the tables (config.toml, schema_paths), because the tables' policies call
-- these helpers; the helpers read those tables, so their bodies are checked when first called, not
-- here (as pg_dump does).
--
-- The lookups are plpgsql, not sql: a `security definer` SQL function with `set search_path` is
-- never inlined, so Postgres plans its query again on every call, and every statement of every
-- policy calls one. A plpgsql function keeps its plan for the session (bench/submit.md).
set check_function_bodies = off;

create function app.current_staff_id() returns uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
	return (
		select s.staff_id from app.sessions s join app.staff st on st.id = s.staff_id
			where s.id = (auth.jwt() ->> 'session_id')::uuid
				and s.staff_id = auth.uid()
				and s.revoked_at is null and s.expires_at > now()
				and st.revoked_at is null
	);
end
$$;

create function app.current_interviewer_id() returns uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
	return (
		select s.interviewer_id from app.sessions s
			where s.id = (auth.jwt() ->> 'session_id')::uuid
				and s.interviewer_id = auth.uid()
				and s.revoked_at is null and s.expires_at > now()
	);
end
$$;

create function app.current_organisation_id() returns uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
	return (
		select st.organisation_id from app.staff st where st.id = app.current_staff_id()
	);
end
$$;

create function app.current_staff_role() returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
	return (
		select st.role from app.staff st where st.id = app.current_staff_id()
	);
end
$$;

create function app.current_interviewer_round_id() returns uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
	return (
		select i.round_id from app.interviewers i where i.id = app.current_interviewer_id()
	);
end
$$;

create function app.is_staff_of_round(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.rounds r
		where r.id = p_round_id and r.organisation_id = app.current_organisation_id()
	)
$$;

create function app.is_coordinator_of_round(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select app.current_staff_role() = 'coordinator' and app.is_staff_of_round(p_round_id)
$$;

create function app.is_interviewer_of(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select app.current_interviewer_round_id() = p_round_id
$$;

create function app.is_presenter_of(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.interviewers i
		where i.id = app.current_interviewer_id() and i.round_id = p_round_id and i.is_presenter
	)
$$;

-- Sets and values for the policies, each computed once per statement --------------------------

-- The rounds of the caller's organisation (staff), as a set.
create function app.staff_round_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
	select r.id from app.rounds r where r.organisation_id = (select app.current_organisation_id())
$$;

-- The municipalities a municipal user works for (staff_municipalities); empty for anyone else.
-- For the policies on results and responses, which municipal users read per municipality.
create function app.current_staff_municipality_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
	select sm.municipality_id from app.staff_municipalities sm
	where sm.staff_id = (select app.current_staff_id())
$$;

-- The round the caller presents (an interviewer marked presenter), or null.
create function app.current_presenter_round_id() returns uuid
language sql stable security definer set search_path = ''
as $$
	select i.round_id from app.interviewers i where i.id = app.current_interviewer_id() and i.is_presenter
$$;

-- The municipalities of the caller's round (an interviewer). A helper rather than a subquery in
-- the policy: round_municipalities' own insert policy reads municipalities, and Postgres reports
-- that cycle as infinite recursion.
create function app.current_interviewer_municipality_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
	select rm.municipality_id from app.round_municipalities rm
	where rm.round_id = (select app.current_interviewer_round_id())
$$;

-- The rounds whose evening has been opened: from then on their findings, slides and event log are
-- public. Definer, so the policies that test it do not run the evenings' own policies.
create function app.opened_round_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
	select e.round_id from app.evenings e where e.opened_at is not null
$$;

-- The rounds that are published (or, after their retention period, archived): from then on their
-- findings have a permanent public page, with the responses and the peers' verdicts on them.
create function app.published_round_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
	select r.id from app.rounds r where r.state in ('gepubliceerd', 'gearchiveerd')
$$;

-- The rounds the caller may respond to in public: a coordinator every published round of the
-- organisation, a municipal user the published rounds that cover one of their municipalities.
-- Only 'gepubliceerd': an archived round's findings are erased, there is nothing left to answer.
create function app.respondable_round_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
	select r.id from app.rounds r
	where r.state = 'gepubliceerd'
		and r.organisation_id = (select app.current_organisation_id())
		and (
			(select app.current_staff_role()) = 'coordinator'
			or exists (
				select 1 from app.round_municipalities rm
				where rm.round_id = r.id
					and rm.municipality_id in (select app.current_staff_municipality_ids())
			)
		)
$$;

create function app.round_state(p_round_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select r.state from app.rounds r where r.id = p_round_id
$$;

create function app.evening_opened(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (select 1 from app.evenings e where e.round_id = p_round_id and e.opened_at is not null)
$$;

grant execute on function app.current_staff_id(), app.current_interviewer_id(),
	app.current_organisation_id(), app.current_staff_role(), app.current_interviewer_round_id(),
	app.is_staff_of_round(uuid), app.is_coordinator_of_round(uuid), app.is_interviewer_of(uuid),
	app.is_presenter_of(uuid), app.round_state(uuid), app.staff_round_ids(),
	app.current_presenter_round_id(), app.current_interviewer_municipality_ids(),
	app.opened_round_ids(), app.current_staff_municipality_ids(), app.published_round_ids(),
	app.respondable_round_ids() to anon, authenticated, service_role;
grant execute on function app.evening_opened(uuid) to anon, authenticated, service_role;

-- Guards for the api functions: a clear refusal (not_allowed, not_found) before RLS, the wall
-- behind them, would say nothing.

create function app.require_staff() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
	v_id uuid := app.current_staff_id();
begin
	if v_id is null then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return v_id;
end;
$$;

create function app.require_interviewer() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
	v_id uuid := app.current_interviewer_id();
begin
	if v_id is null then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return v_id;
end;
$$;

-- The round of a staff member's organisation, for a coordinator; not_found hides other orgs' rounds.
create function app.require_coordinator_of_round(p_round_id uuid) returns void
language plpgsql stable set search_path = ''
as $$
begin
	perform app.require_staff();
	if not app.is_staff_of_round(p_round_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
end;
$$;

grant execute on function app.require_staff(), app.require_interviewer(),
	app.require_coordinator_of_round(uuid) to authenticated;

reset check_function_bodies;
