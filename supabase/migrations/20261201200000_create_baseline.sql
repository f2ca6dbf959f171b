-- The baseline: the whole schema as it stood on 1 December 2026, when the sixteen migrations of
-- 28 and 29 November were squashed into this one (no production database existed yet). It is the
-- files of supabase/schemas, in the order config.toml lists them, one after the other.
-- Never edit it: change supabase/schemas and generate the next migration (supabase/README.md).

-- ==============================================================================================
-- supabase/schemas/schemas.sql
-- ==============================================================================================

-- Two schemas: `app` holds the tables and is never exposed by PostgREST; `api` holds the data API
-- (supabase/API.md) and is the only exposed schema.
create schema if not exists app;
create schema if not exists api;

-- Postgres grants EXECUTE on every new function to PUBLIC. Splinter (0028/0029) flags that, and with
-- Supabase anyone holding the publishable key is `anon`, so new functions start with no grant at all
-- and each function is granted to exactly the roles that need them, next to its definition.
-- Default privileges cannot be revoked per schema, hence the global form (it applies to objects
-- this role creates). tests/db/lint.test.ts fails if any function is executable by PUBLIC.
alter default privileges revoke execute on functions from public;

-- Invoker functions in `api` read `app` tables as the caller; RLS decides which rows.
grant usage on schema app to anon, authenticated, service_role;
grant usage on schema api to anon, authenticated, service_role;

-- ==============================================================================================
-- supabase/schemas/access.sql
-- ==============================================================================================

-- Who is asking, and may they: the helpers every policy and api function uses. The lookups are
-- `security definer` so that policies can look people up without recursing into each other's RLS.
-- Who is asking comes from the JWT (sub + session_id), but only while that session is live:
-- revoking a session cuts access at once, not when the JWT runs out.
--
-- This file comes before the tables (config.toml, schema_paths), because the tables' policies call
-- these helpers; the helpers read those tables, so their bodies are checked when first called, not
-- here (as pg_dump does).
set check_function_bodies = off;

create function app.current_staff_id() returns uuid
language sql stable security definer set search_path = ''
as $$
	select s.staff_id from app.sessions s
	where s.id = (auth.jwt() ->> 'session_id')::uuid
		and s.staff_id = auth.uid()
		and s.revoked_at is null and s.expires_at > now()
$$;

create function app.current_interviewer_id() returns uuid
language sql stable security definer set search_path = ''
as $$
	select s.interviewer_id from app.sessions s
	where s.id = (auth.jwt() ->> 'session_id')::uuid
		and s.interviewer_id = auth.uid()
		and s.revoked_at is null and s.expires_at > now()
$$;

create function app.current_organisation_id() returns uuid
language sql stable security definer set search_path = ''
as $$
	select st.organisation_id from app.staff st where st.id = app.current_staff_id()
$$;

create function app.current_staff_role() returns text
language sql stable security definer set search_path = ''
as $$
	select st.role from app.staff st where st.id = app.current_staff_id()
$$;

create function app.current_interviewer_round_id() returns uuid
language sql stable security definer set search_path = ''
as $$
	select i.round_id from app.interviewers i where i.id = app.current_interviewer_id()
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

-- A helper rather than a subquery in the policy: round_municipalities' own insert policy reads
-- municipalities, and Postgres reports that cycle as infinite recursion.
create function app.is_municipality_of_my_round(p_municipality_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.round_municipalities rm
		where rm.municipality_id = p_municipality_id and rm.round_id = app.current_interviewer_round_id()
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
	app.is_presenter_of(uuid), app.is_municipality_of_my_round(uuid), app.round_state(uuid)
	to anon, authenticated, service_role;
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

-- ==============================================================================================
-- supabase/schemas/codes.sql
-- ==============================================================================================

-- Codes people type (join codes, evening codes): no 0/O, 1/I/L. Two random bytes per character
-- keep the modulo bias negligible. Stored normalised (upper case, no dash); join codes are shown
-- as ABCD-EFGH.
create function app.random_code(p_length integer) returns text
language sql volatile set search_path = ''
as $$
	select string_agg(
		substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789',
			1 + ((get_byte(b, 2 * n) * 256 + get_byte(b, 2 * n + 1)) % 31), 1),
		'' order by n)
	from (select extensions.gen_random_bytes(2 * p_length) as b) as random_bytes,
		generate_series(0, p_length - 1) as n
$$;

create function app.normalise_code(p_code text) returns text
language sql immutable set search_path = ''
as $$
	select upper(regexp_replace(coalesce(p_code, ''), '[\s-]', '', 'g'))
$$;

create function app.format_join_code(p_code text) returns text
language sql immutable set search_path = ''
as $$
	select substr(p_code, 1, 4) || '-' || substr(p_code, 5)
$$;

grant execute on function app.random_code(integer), app.normalise_code(text),
	app.format_join_code(text) to anon, authenticated, service_role;

-- ==============================================================================================
-- supabase/schemas/tables/organisations.sql
-- ==============================================================================================

-- An organisation (e.g. a youth-care centre) and everything it runs. Organisations never see each
-- other's data.
create table app.organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null unique check (char_length(name) between 2 and 120 and name = btrim(name)),
	created_at timestamptz not null default now()
);

alter table app.organisations enable row level security;
create policy "staff read their own organisation" on app.organisations
	for select to authenticated using (id = (select app.current_organisation_id()));

-- Grants: RLS decides rows, grants decide tables and columns. No DELETE anywhere.
grant select on app.organisations to authenticated;
grant all on app.organisations to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/municipalities.sql
-- ==============================================================================================

-- The municipalities an organisation works for; an interview records one of them.
create table app.municipalities (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	name text not null check (char_length(name) between 2 and 80 and name = btrim(name)),
	unique (organisation_id, name)
);

alter table app.municipalities enable row level security;
create policy "staff read the municipalities of their organisation" on app.municipalities
	for select to authenticated using (organisation_id = (select app.current_organisation_id()));
create policy "interviewers read the municipalities of their round" on app.municipalities
	for select to authenticated using (app.is_municipality_of_my_round(id));

grant select on app.municipalities to authenticated;
grant all on app.municipalities to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/staff.sql
-- ==============================================================================================

-- Staff accounts: coordinators and councillors, with e-mail and password.
create table app.staff (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	role text not null check (role in ('coordinator', 'councillor')),
	display_name text not null check (char_length(display_name) between 1 and 80 and display_name = btrim(display_name)),
	email text not null unique check (
		char_length(email) between 3 and 254 and email = lower(btrim(email)) and email ~ '^[^@\s]+@[^@\s]+$'
	),
	-- bcrypt from pgcrypto's crypt(); never readable by anon/authenticated (column grants below).
	password_hash text not null check (password_hash like '$2%'),
	created_at timestamptz not null default now()
);

alter table app.staff enable row level security;
create policy "staff read their own account" on app.staff
	for select to authenticated using (id = (select app.current_staff_id()));

grant select (id, organisation_id, role, display_name, email, created_at) on app.staff to authenticated;
grant all on app.staff to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/setup_tokens.sql
-- ==============================================================================================

-- One-time links that create the first coordinator; only sha256(token) is stored.
create table app.setup_tokens (
	id uuid primary key default gen_random_uuid(),
	token_hash bytea not null unique check (octet_length(token_hash) = 32),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);

alter table app.setup_tokens enable row level security;
create policy "nobody touches setup tokens except the setup functions" on app.setup_tokens
	for all to anon, authenticated using (false) with check (false);

grant all on app.setup_tokens to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/rounds.sql
-- ==============================================================================================

-- A round: one series of peer interviews for one target group, from concept through fieldwork and
-- the results evening to publication and, when its retention period ends, the archive.
-- Changes of state are in the public audit trail (trigger rounds_audit, in audit_events.sql).
create table app.rounds (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	title text not null check (char_length(title) between 3 and 120 and title = btrim(title)),
	target_group text not null check (target_group in ('ouders', 'jongeren')),
	state text not null default 'concept'
		check (state in ('concept', 'veldwerk', 'avond', 'gepubliceerd', 'gearchiveerd')),
	-- Stored normalised (upper case, no dash); shown as ABCD-EFGH.
	join_code text not null unique check (join_code ~ '^[A-Z0-9]{8}$'),
	evening_code text not null unique check (evening_code ~ '^[A-Z0-9]{6}$'),
	guide_version integer not null default 1 check (guide_version between 1 and 1000),
	created_by uuid references app.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	-- Set by api.round_publish; the retention period (api.retention_run) runs from here.
	published_at timestamptz,
	retention_months integer not null default 12 check (retention_months between 1 and 120)
);

alter table app.rounds enable row level security;
create policy "staff read the rounds of their organisation" on app.rounds
	for select to authenticated using (organisation_id = (select app.current_organisation_id()));
create policy "interviewers read their own round" on app.rounds
	for select to authenticated using (id = (select app.current_interviewer_round_id()));
create policy "coordinators create concept rounds in their organisation" on app.rounds
	for insert to authenticated with check (
		organisation_id = (select app.current_organisation_id())
		and (select app.current_staff_role()) = 'coordinator'
		and state = 'concept'
		and guide_version = 1
	);

grant select on app.rounds to authenticated;
grant insert (organisation_id, title, target_group, join_code, evening_code, created_by)
	on app.rounds to authenticated;
grant all on app.rounds to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/round_municipalities.sql
-- ==============================================================================================

-- The municipalities a round works in.
create table app.round_municipalities (
	round_id uuid not null references app.rounds (id) on delete cascade,
	municipality_id uuid not null references app.municipalities (id) on delete cascade,
	primary key (round_id, municipality_id)
);

alter table app.round_municipalities enable row level security;
create policy "staff read the municipalities of their rounds" on app.round_municipalities
	for select to authenticated using (app.is_staff_of_round(round_id));
create policy "interviewers read the municipalities of their round" on app.round_municipalities
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "coordinators link their municipalities to their concept rounds" on app.round_municipalities
	for insert to authenticated with check (
		app.is_coordinator_of_round(round_id)
		and app.round_state(round_id) = 'concept'
		and exists (
			select 1 from app.municipalities m
			where m.id = municipality_id and m.organisation_id = (select app.current_organisation_id())
		)
	);

grant select, insert on app.round_municipalities to authenticated;
grant all on app.round_municipalities to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/questions.sql
-- ==============================================================================================

-- The guide: an interview records the guide_version it used, so old answers keep their questions.
create table app.questions (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	guide_version integer not null check (guide_version between 1 and 1000),
	position integer not null check (position between 0 and 39),
	kind text not null check (kind in ('open', 'scale', 'single', 'multi')),
	prompt text not null check (char_length(prompt) between 3 and 300 and prompt = btrim(prompt)),
	theme text not null check (char_length(theme) between 1 and 60 and theme = btrim(theme)),
	scale_min_label text check (char_length(scale_min_label) between 1 and 60),
	scale_max_label text check (char_length(scale_max_label) between 1 and 60),
	options text[] check (
		cardinality(options) between 2 and 20
		and array_position(options, '') is null
		and array_position(options, null) is null
		and char_length(array_to_string(options, '')) <= 2000
	),
	check (kind = 'scale' or (scale_min_label is null and scale_max_label is null)),
	check ((kind in ('single', 'multi')) = (options is not null)),
	unique (round_id, guide_version, position)
);

alter table app.questions enable row level security;
create policy "staff read the guides of their rounds" on app.questions
	for select to authenticated using (app.is_staff_of_round(round_id));
create policy "interviewers read the guide of their round" on app.questions
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "coordinators write the guide of their concept rounds" on app.questions
	for insert to authenticated with check (
		app.is_coordinator_of_round(round_id) and app.round_state(round_id) = 'concept'
	);

grant select on app.questions to authenticated;
grant insert (round_id, guide_version, position, kind, prompt, theme, scale_min_label,
	scale_max_label, options) on app.questions to authenticated;
grant all on app.questions to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/interviewers.sql
-- ==============================================================================================

-- People who joined a round with its code: a first name or pseudonym, nothing else.
-- Making or unmaking a presenter is in the public audit trail (trigger interviewers_audit, in
-- audit_events.sql).
create table app.interviewers (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	display_name text not null check (char_length(display_name) between 1 and 40 and display_name = btrim(display_name)),
	is_presenter boolean not null default false,
	joined_at timestamptz not null default now()
);
create index on app.interviewers (round_id);

alter table app.interviewers enable row level security;
create policy "staff see who joined their rounds" on app.interviewers
	for select to authenticated using (app.is_staff_of_round(round_id));
create policy "interviewers read their own row" on app.interviewers
	for select to authenticated using (id = (select app.current_interviewer_id()));

grant select on app.interviewers to authenticated;
grant all on app.interviewers to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/sessions.sql
-- ==============================================================================================

-- Device/login sessions. The token itself never touches the database: only sha256(token).
create table app.sessions (
	id uuid primary key default gen_random_uuid(),
	token_hash bytea not null unique check (octet_length(token_hash) = 32),
	staff_id uuid references app.staff (id) on delete cascade,
	interviewer_id uuid references app.interviewers (id) on delete cascade,
	created_at timestamptz not null default now(),
	last_seen_at timestamptz not null default now(),
	expires_at timestamptz not null,
	revoked_at timestamptz,
	check (num_nonnulls(staff_id, interviewer_id) = 1)
);
create index on app.sessions (staff_id);
create index on app.sessions (interviewer_id);

alter table app.sessions enable row level security;
create policy "nobody touches sessions except the session functions" on app.sessions
	for all to anon, authenticated using (false) with check (false);

grant all on app.sessions to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/auth_attempts.sql
-- ==============================================================================================

-- Failed and successful join/login attempts: the rate limits live here so no client can skip them.
create table app.auth_attempts (
	id bigint generated always as identity primary key,
	kind text not null check (kind in ('join', 'login')),
	client_key text not null check (char_length(client_key) between 1 and 200),
	email text check (char_length(email) <= 254),
	succeeded boolean not null,
	-- Set on the failure that made it ten within 15 min for this client key / this e-mail address;
	-- the block lasts until 15 min after that failure.
	blocks_client boolean not null default false,
	blocks_email boolean not null default false,
	created_at timestamptz not null default now()
);
create index on app.auth_attempts (kind, client_key, created_at);
create index on app.auth_attempts (kind, email, created_at);

alter table app.auth_attempts enable row level security;
create policy "nobody touches the attempt log except the session functions" on app.auth_attempts
	for all to anon, authenticated using (false) with check (false);

grant all on app.auth_attempts to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/evenings.sql
-- ==============================================================================================

-- The results evening of a round: opened and closed by its presenters (api/evening.sql), its
-- position is the slide on the wall. Opening and closing are in the public audit trail (trigger
-- evenings_audit, in audit_events.sql).
create table app.evenings (
	round_id uuid primary key references app.rounds (id) on delete cascade,
	opened_at timestamptz,
	opened_by uuid references app.interviewers (id) on delete set null,
	closed_at timestamptz,
	closed_by uuid references app.interviewers (id) on delete set null,
	position integer not null default 0 check (position between 0 and 10000),
	check (closed_at is null or opened_at is not null)
);

alter table app.evenings enable row level security;
create policy "staff read the evenings of their rounds" on app.evenings
	for select to authenticated using (app.is_staff_of_round(round_id));
create policy "interviewers read the evening of their round" on app.evenings
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "the audience reads an evening once it is opened" on app.evenings
	for select to anon, authenticated using (opened_at is not null);

grant select on app.evenings to anon, authenticated;
grant all on app.evenings to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/interviews.sql
-- ==============================================================================================

-- What interviewers collect. The seal: before a presenter opens the evening, only the author can
-- read an interview; counts for organisation roles come from app.round_counts(), which returns
-- numbers and nothing else. Every interview enters the round's hash chain (trigger
-- interviews_chain, in chain_entries.sql).
create table app.interviews (
	-- Generated by the interviewer's device, so a resubmission after a lost connection is a no-op.
	id uuid primary key,
	round_id uuid not null references app.rounds (id) on delete cascade,
	interviewer_id uuid not null references app.interviewers (id) on delete cascade,
	guide_version integer not null,
	consent_form text not null check (consent_form in ('mondeling', 'schriftelijk')),
	consent_at timestamptz not null default now(),
	guardian_consent boolean not null default false,
	-- Withdrawal of consent erases the interviewee's profile too (group, age band, municipality):
	-- without answers they serve no purpose, and in a small municipality "a parent of 24+ in
	-- Oldebroek, interviewed by Anouk on 3 March" can point at one family. What stays is what proves
	-- the interview happened and consent was given and then withdrawn (consent form, consent time,
	-- guardian consent, withdrawal time), so it is counted and accountable (GDPR art. 5(2), 7(1)).
	interviewee_group text check (interviewee_group in ('ouder', 'jongere')),
	age_band text check (age_band in ('onder_12', '12_15', '16_17', '18_23', '24_plus')),
	municipality_id uuid references app.municipalities (id),
	submitted_at timestamptz not null default now(),
	consent_withdrawn_at timestamptz,
	-- Interview content hashes are published (round_verification) but the content never is. Without
	-- a secret in the hash, the few possible profiles and scale/choice answers can simply be tried: a
	-- withdrawn interview's erased profile could be recovered from its hash (promise 4). So each
	-- interview carries a random salt inside its hash. It is never published, and it is erased
	-- together with the content when consent is withdrawn, so nobody can try candidates any more.
	hash_salt text default encode(extensions.gen_random_bytes(16), 'hex'),
	-- Under 16 the consent of a parent or guardian is required too (UAVG art. 5).
	check (age_band not in ('onder_12', '12_15') or guardian_consent),
	constraint interviews_profile_check check (
		consent_withdrawn_at is not null
		or (interviewee_group is not null and age_band is not null and municipality_id is not null)
	)
);
create index on app.interviews (round_id);
create index on app.interviews (interviewer_id);

-- The withdrawal entry reuses the last hash of the interview (chain_on_interview), so the salt can
-- go at the moment consent is withdrawn.
create function app.interviews_erase_salt() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if old.consent_withdrawn_at is null and new.consent_withdrawn_at is not null then
		new.hash_salt := null;
	end if;
	return new;
end;
$$;

create trigger interviews_erase_salt before update on app.interviews
	for each row execute function app.interviews_erase_salt();

alter table app.interviews enable row level security;
create policy "interviewers read their own interviews" on app.interviews
	for select to authenticated using (interviewer_id = (select app.current_interviewer_id()));
create policy "interviewers add interviews to their own round during fieldwork" on app.interviews
	for insert to authenticated with check (
		interviewer_id = (select app.current_interviewer_id())
		and round_id = (select app.current_interviewer_round_id())
		and app.round_state(round_id) = 'veldwerk'
		and exists (
			select 1 from app.round_municipalities rm
			where rm.round_id = interviews.round_id and rm.municipality_id = interviews.municipality_id
		)
	);

grant select on app.interviews to authenticated;
grant insert (id, round_id, interviewer_id, guide_version, consent_form, guardian_consent,
	interviewee_group, age_band, municipality_id) on app.interviews to authenticated;
grant all on app.interviews to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/answers.sql
-- ==============================================================================================

-- The answers of an interview, one per question of the guide version it used.
create table app.answers (
	interview_id uuid not null references app.interviews (id) on delete cascade,
	question_id uuid not null references app.questions (id) on delete cascade,
	text_value text check (char_length(text_value) between 1 and 4000),
	scale_value smallint check (scale_value between 1 and 5),
	choices text[] check (
		cardinality(choices) between 1 and 20
		and array_position(choices, null) is null
		and char_length(array_to_string(choices, '')) <= 2000
	),
	primary key (interview_id, question_id),
	check (num_nonnulls(text_value, scale_value, choices) = 1)
);

alter table app.answers enable row level security;
create policy "interviewers read the answers of their own interviews" on app.answers
	for select to authenticated using (
		exists (
			select 1 from app.interviews v
			where v.id = interview_id and v.interviewer_id = (select app.current_interviewer_id())
		)
	);
create policy "interviewers add answers to their own interviews" on app.answers
	for insert to authenticated with check (
		exists (
			select 1 from app.interviews v
			join app.questions q on q.round_id = v.round_id and q.guide_version = v.guide_version
			where v.id = interview_id and q.id = question_id
				and v.interviewer_id = (select app.current_interviewer_id())
		)
	);

grant select, insert on app.answers to authenticated;
grant all on app.answers to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/findings.sql
-- ==============================================================================================

-- What interviewers heard, in their own words: the evening shows these unfiltered. The seal:
-- before a presenter opens the evening, only the author and the round's presenters can read a
-- finding. Every change enters the round's hash chain (trigger findings_chain, in
-- chain_entries.sql).
create table app.findings (
	id uuid primary key,
	round_id uuid not null references app.rounds (id) on delete cascade,
	-- The author. Nobody else may change or withdraw a finding (promise 1).
	interviewer_id uuid not null references app.interviewers (id) on delete cascade,
	interview_id uuid references app.interviews (id) on delete set null,
	statement text,
	quote text check (char_length(quote) between 1 and 400),
	theme text check (char_length(theme) between 1 and 60),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	-- Withdrawal erases the text but keeps the row, so it still counts.
	withdrawn_at timestamptz,
	-- Retention (api.retention_run) erases a finding's text without withdrawing it and without a
	-- chain entry; erased_at tells the two apart. An erased finding has no text either.
	erased_at timestamptz,
	constraint findings_text_check check (
		(withdrawn_at is null and erased_at is null and char_length(statement) between 3 and 600)
		or ((withdrawn_at is not null or erased_at is not null) and statement is null and quote is null)
	)
);
create index on app.findings (round_id);
create index on app.findings (interviewer_id);

-- A finding changes only through the api functions that speak for its author (correct, withdraw,
-- withdraw consent) or for the retention job. Without this guard a plain `update app.findings` by
-- the database owner was accepted and entered the chain as if the author had corrected it, so the
-- check page said "klopt". Now such an edit is refused; getting around it takes a deliberate step
-- (switching the guard off), and then verification names the finding (CHAIN.md).
--
-- Those functions hold the permission (klankbord.finding_write = on) only around their own writes:
-- app.allow_finding_write() before, app.restore_finding_write() after. A caller of the data API
-- cannot set it (PostgREST runs no free SQL).
create function app.findings_guard() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if coalesce(current_setting('klankbord.finding_write', true), '') <> 'on' then
		raise exception using errcode = '42501', message = 'not_allowed',
			detail = 'findings change only through the api functions';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

-- Set at run time, not as a function-level `set klankbord.finding_write = 'on'` clause: Postgres 15
-- and later let only a superuser (or a role granted SET on that parameter, which only a superuser
-- can grant) store a custom parameter on a function, and Supabase's postgres role, which runs
-- `supabase db push`, is no superuser. Transaction-local (set_config(…, true)), and put back by
-- app.restore_finding_write, so the permission does not outlive the write; an error rolls it back
-- with the (sub)transaction. Returns what was there before.
create function app.allow_finding_write() returns text
language plpgsql volatile set search_path = ''
as $$
declare
	v_was text := coalesce(current_setting('klankbord.finding_write', true), '');
begin
	perform set_config('klankbord.finding_write', 'on', true);
	return v_was;
end;
$$;

create function app.restore_finding_write(p_was text) returns void
language sql volatile set search_path = ''
as $$
	select set_config('klankbord.finding_write', coalesce(p_was, ''), true);
$$;

-- finding_update and finding_withdraw are security invoker: the author's role calls these.
grant execute on function app.allow_finding_write(), app.restore_finding_write(text) to authenticated;

create trigger findings_guard before update or delete on app.findings
	for each row execute function app.findings_guard();

alter table app.findings enable row level security;
create policy "authors read their own findings" on app.findings
	for select to authenticated using (interviewer_id = (select app.current_interviewer_id()));
create policy "presenters read the findings of their round" on app.findings
	for select to authenticated using (app.is_presenter_of(round_id));
create policy "the audience reads findings once the evening is opened" on app.findings
	for select to anon, authenticated using (withdrawn_at is null and app.evening_opened(round_id));
-- A finding may not be linked to an interview whose consent was withdrawn: that consent is gone.
-- api.finding_create says so first; this policy makes sure no path around it can make one.
create policy "interviewers add findings to their own round" on app.findings
	for insert to authenticated with check (
		interviewer_id = (select app.current_interviewer_id())
		and round_id = (select app.current_interviewer_round_id())
		and app.round_state(round_id) in ('veldwerk', 'avond')
		and withdrawn_at is null
		and (
			interview_id is null
			or exists (
				select 1 from app.interviews v
				where v.id = interview_id and v.interviewer_id = (select app.current_interviewer_id())
					and v.consent_withdrawn_at is null
			)
		)
	);
create policy "authors change only their own findings" on app.findings
	for update to authenticated
	using (interviewer_id = (select app.current_interviewer_id()))
	with check (interviewer_id = (select app.current_interviewer_id()));

grant select on app.findings to anon, authenticated;
grant insert (id, round_id, interviewer_id, interview_id, statement, quote, theme)
	on app.findings to authenticated;
-- Authors may edit text and withdraw; the round, the author and the timestamps stay put.
grant update (statement, quote, theme, updated_at, withdrawn_at) on app.findings to authenticated;
grant all on app.findings to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/slides.sql
-- ==============================================================================================

-- The presenters' story: built when the evening opens (app.build_slides). Finding slides point at
-- the finding, so a withdrawal made afterwards is respected on screen.
create table app.slides (
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	position integer not null check (position between 0 and 10000),
	kind text not null check (kind in ('title', 'theme', 'finding')),
	theme text check (char_length(theme) between 1 and 60),
	finding_id uuid references app.findings (id) on delete cascade,
	primary key (round_id, position),
	check ((kind = 'finding') = (finding_id is not null))
);

alter table app.slides enable row level security;
create policy "presenters read the slides of their round" on app.slides
	for select to authenticated using (app.is_presenter_of(round_id));
create policy "the audience reads slides once the evening is opened" on app.slides
	for select to anon, authenticated using (app.evening_opened(round_id));

grant select on app.slides to anon, authenticated;
grant all on app.slides to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/evening_events.sql
-- ==============================================================================================

-- Append-only log of everything that happens on an evening; seq feeds SSE's Last-Event-ID
-- (together with the chain's seq: app.board_seq).
create table app.evening_events (
	seq bigint generated always as identity primary key,
	round_id uuid not null references app.rounds (id) on delete cascade,
	kind text not null check (kind in ('opened', 'moved', 'closed', 'reacted')),
	position integer,
	actor_id uuid references app.interviewers (id) on delete set null,
	-- Kept as text so the public log says who opened the evening even if the row goes.
	actor_name text check (char_length(actor_name) between 1 and 40),
	created_at timestamptz not null default now()
);
create index on app.evening_events (round_id, seq);

alter table app.evening_events enable row level security;
create policy "everyone reads the event log of an opened evening" on app.evening_events
	for select to anon, authenticated using (app.evening_opened(round_id));

grant select on app.evening_events to anon, authenticated;
grant all on app.evening_events to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/reactions.sql
-- ==============================================================================================

-- The audience's reactions to the slide on the wall (api.react).
create table app.reactions (
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	slide_position integer not null check (slide_position between 0 and 10000),
	kind text not null check (kind in ('herkenbaar', 'verrast')),
	-- A hash made by the server; one reaction per client per slide per kind.
	client_key text not null check (char_length(client_key) between 1 and 200),
	created_at timestamptz not null default now(),
	primary key (round_id, slide_position, kind, client_key)
);

alter table app.reactions enable row level security;
create policy "nobody touches reactions except the react function" on app.reactions
	for all to anon, authenticated using (false) with check (false);

grant all on app.reactions to service_role;

-- ==============================================================================================
-- supabase/schemas/tables/chain_entries.sql
-- ==============================================================================================

-- Promise 3, "provable": an append-only hash chain per round (supabase/CHAIN.md is the contract).
-- Entries are computed here, in the database, by triggers on findings and interviews, so every
-- path that writes them (the api functions, seed.sql, a superuser) leaves a trace. The chain table
-- refuses UPDATE, DELETE and TRUNCATE for every role, the superuser included.
--
-- This file holds the table and everything that fills it: the canonical encoding and hashes, the
-- append-only guards, and the triggers on findings and interviews.

create table app.chain_entries (
	round_id uuid not null references app.rounds (id),
	seq bigint not null check (seq >= 1),
	kind text not null check (kind in ('interview_submitted', 'interview_withdrawn',
		'finding_submitted', 'finding_corrected', 'finding_withdrawn')),
	subject_id uuid not null,
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
	-- What is hashed is this text: UTC, exactly YYYY-MM-DDTHH:MM:SS.ffffffZ.
	at text not null check (at ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$'),
	entry_hash text not null unique check (entry_hash ~ '^[0-9a-f]{64}$'),
	primary key (round_id, seq)
);
create index on app.chain_entries (round_id, subject_id, seq);

-- Nobody reads or writes the chain directly: round_verification publishes it once the evening is
-- open, and only the triggers below append to it.
alter table app.chain_entries enable row level security;
create policy "nobody touches the chain except its triggers" on app.chain_entries
	for all to anon, authenticated using (false) with check (false);
grant select on app.chain_entries to service_role;

-- CHAIN.md "Canonical encoding": null → "~\n", text v → "<utf8 bytes of v>:<v>\n".
create function app.chain_enc(p_fields text[]) returns text
language sql immutable set search_path = ''
as $$
	select coalesce(string_agg(
		case when f is null then E'~\n'
			else octet_length(convert_to(f, 'UTF8'))::text || ':' || f || E'\n' end,
		'' order by n), '')
	from unnest(p_fields) with ordinality as u (f, n)
$$;

create function app.sha256hex(p_text text) returns text
language sql immutable set search_path = ''
as $$
	select encode(extensions.digest(convert_to(p_text, 'UTF8'), 'sha256'), 'hex')
$$;

create function app.finding_content_hash(p_id uuid, p_statement text, p_quote text, p_theme text)
returns text
language sql immutable set search_path = ''
as $$
	select app.sha256hex(app.chain_enc(array['finding', p_id::text, p_statement, p_quote, p_theme]))
$$;

-- The answers as jsonb, in the shape interview_submit takes them, ordered by question id so the
-- text is deterministic. Verifiers treat the interview hash as opaque (interviews are never
-- published one by one); it still pins down what was submitted.
create function app.interview_answers_text(p_interview_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
		'question_id', a.question_id, 'text', a.text_value, 'scale', a.scale_value,
		'choices', to_jsonb(a.choices)
	)) order by a.question_id), '[]'::jsonb)::text
	from app.answers a where a.interview_id = p_interview_id
$$;

-- With the interview's secret salt (interviews.hash_salt). Entries made before the salt existed
-- keep their hashes (verifiers treat interview hashes as opaque), so such a chain still verifies.
create function app.interview_content_hash(p_interview app.interviews) returns text
language sql stable security definer set search_path = ''
as $$
	select app.sha256hex(app.chain_enc(array['interview', p_interview.id::text,
		p_interview.hash_salt, p_interview.consent_form, p_interview.interviewee_group,
		p_interview.age_band, p_interview.municipality_id::text,
		app.interview_answers_text(p_interview.id)]))
$$;

-- Whatever an INSERT supplies, the database decides seq, prev_hash, at and entry_hash. Appends to
-- one round are serialised by a transaction-scoped advisory lock, so seq has no gaps and no
-- repeats under concurrency (the primary key would refuse a repeat anyway).
create function app.chain_before_insert() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_prev app.chain_entries;
begin
	perform pg_advisory_xact_lock(hashtextextended('klankbord.chain:' || new.round_id::text, 0));
	select * into v_prev from app.chain_entries c
	where c.round_id = new.round_id order by c.seq desc limit 1;
	new.seq := coalesce(v_prev.seq, 0) + 1;
	new.prev_hash := coalesce(v_prev.entry_hash, repeat('0', 64));
	-- clock_timestamp, taken after the lock: `at` never runs backwards along the chain.
	new.at := to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
	new.entry_hash := app.sha256hex(app.chain_enc(array[new.round_id::text, new.seq::text, new.kind,
		new.subject_id::text, new.content_hash, new.prev_hash, new.at]));
	return new;
end;
$$;

-- Also guards the audit trail (audit_events.sql).
create function app.chain_refuse_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
	raise exception using errcode = '42501', message = 'append_only',
		detail = 'app.chain_entries is append-only: ' || tg_op || ' is refused for every role';
end;
$$;

create trigger chain_entries_compute before insert on app.chain_entries
	for each row execute function app.chain_before_insert();
create trigger chain_entries_refuse_change before update or delete on app.chain_entries
	for each row execute function app.chain_refuse_change();
create trigger chain_entries_refuse_truncate before truncate on app.chain_entries
	for each statement execute function app.chain_refuse_change();
-- ALWAYS: also when session_replication_role = replica, which would skip ordinary triggers.
alter table app.chain_entries enable always trigger chain_entries_compute;
alter table app.chain_entries enable always trigger chain_entries_refuse_change;
alter table app.chain_entries enable always trigger chain_entries_refuse_truncate;

create function app.chain_append(p_round_id uuid, p_kind text, p_subject_id uuid, p_content_hash text)
returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.chain_entries (round_id, seq, kind, subject_id, content_hash, prev_hash, at, entry_hash)
	values (p_round_id, 0, p_kind, p_subject_id, p_content_hash, '', '', '')
$$;

-- The content hash of the last entry about a subject: what a withdrawal points at.
create function app.chain_last_hash(p_round_id uuid, p_subject_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select c.content_hash from app.chain_entries c
	where c.round_id = p_round_id and c.subject_id = p_subject_id
	order by c.seq desc limit 1
$$;

-- Findings: submitted, corrected (statement, quote or theme changed), withdrawn. Erasure by
-- retention (erased_at set) adds nothing, so the fingerprint stays.
create function app.chain_on_finding() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform app.chain_append(new.round_id, 'finding_submitted', new.id,
			app.finding_content_hash(new.id, new.statement, new.quote, new.theme));
	elsif new.erased_at is not null then
		return null;
	elsif old.withdrawn_at is null and new.withdrawn_at is not null then
		-- The text is gone; the hash of the version that was withdrawn stays.
		perform app.chain_append(new.round_id, 'finding_withdrawn', new.id,
			app.finding_content_hash(old.id, old.statement, old.quote, old.theme));
	elsif new.withdrawn_at is null and (old.statement, old.quote, old.theme)
		is distinct from (new.statement, new.quote, new.theme)
	then
		perform app.chain_append(new.round_id, 'finding_corrected', new.id,
			app.finding_content_hash(new.id, new.statement, new.quote, new.theme));
	end if;
	return null;
end;
$$;

-- Interviews: the answers are inserted after the interview row (interview_submit, seed.sql), so
-- these triggers are deferred to the end of the transaction, when the answers are all there.
-- All chain triggers are deferred, so entries keep the order in which things happened.
create function app.chain_on_interview() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform app.chain_append(new.round_id, 'interview_submitted', new.id,
			app.interview_content_hash(new));
	elsif old.consent_withdrawn_at is null and new.consent_withdrawn_at is not null then
		perform app.chain_append(new.round_id, 'interview_withdrawn', new.id,
			coalesce(app.chain_last_hash(new.round_id, new.id), app.interview_content_hash(old)));
	end if;
	return null;
end;
$$;

create constraint trigger findings_chain after insert or update on app.findings
	deferrable initially deferred for each row execute function app.chain_on_finding();
create constraint trigger interviews_chain after insert or update on app.interviews
	deferrable initially deferred for each row execute function app.chain_on_interview();

-- CHAIN.md "Fingerprint": first 16 hex characters of the head's entry_hash, upper case, 4 × 4.
create function app.chain_fingerprint(p_round_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select upper(substr(h, 1, 4) || '-' || substr(h, 5, 4) || '-' || substr(h, 9, 4) || '-'
		|| substr(h, 13, 4))
	from (select c.entry_hash as h from app.chain_entries c
		where c.round_id = p_round_id order by c.seq desc limit 1) as head
$$;

-- ==============================================================================================
-- supabase/schemas/tables/audit_events.sql
-- ==============================================================================================

-- The public audit trail: every organisation action on a round (and who opened and closed the
-- evening) lands in an append-only log that everyone may read once the evening is open. Written
-- by triggers on the rows the actions change, so no path around the api functions stays silent,
-- and by the functions whose action leaves no row of its own (revocation, retention).

create table app.audit_events (
	id bigint generated always as identity primary key,
	round_id uuid not null references app.rounds (id),
	kind text not null check (kind in ('round_created', 'fieldwork_started', 'presenter_marked',
		'presenter_unmarked', 'interviewer_revoked', 'evening_opened', 'evening_closed',
		'round_published', 'retention_run')),
	-- Names kept as text (like evening_events.actor_name): the log must outlive the rows.
	actor_name text check (char_length(actor_name) between 1 and 80),
	subject_name text check (char_length(subject_name) between 1 and 120),
	at timestamptz not null default clock_timestamp()
);
create index on app.audit_events (round_id, id);

alter table app.audit_events enable row level security;
create policy "nobody touches the audit trail except its writers" on app.audit_events
	for all to anon, authenticated using (false) with check (false);
grant select on app.audit_events to service_role;

create trigger audit_events_refuse_change before update or delete on app.audit_events
	for each row execute function app.chain_refuse_change();
create trigger audit_events_refuse_truncate before truncate on app.audit_events
	for each statement execute function app.chain_refuse_change();
alter table app.audit_events enable always trigger audit_events_refuse_change;
alter table app.audit_events enable always trigger audit_events_refuse_truncate;

-- Who is acting, by name: the signed-in staff member or interviewer; null for the system (seed,
-- retention, a superuser at the console).
create function app.current_actor_name() returns text
language sql stable security definer set search_path = ''
as $$
	select coalesce(
		(select s.display_name from app.staff s where s.id = app.current_staff_id()),
		(select i.display_name from app.interviewers i where i.id = app.current_interviewer_id())
	)
$$;

create function app.audit(p_round_id uuid, p_kind text, p_actor_name text, p_subject_name text,
	p_at timestamptz default null)
returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.audit_events (round_id, kind, actor_name, subject_name, at)
	values (p_round_id, p_kind, p_actor_name, p_subject_name, coalesce(p_at, clock_timestamp()))
$$;

create function app.audit_on_round() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform app.audit(new.id, 'round_created', app.current_actor_name(), new.title);
	elsif new.state is distinct from old.state then
		if new.state = 'veldwerk' then
			perform app.audit(new.id, 'fieldwork_started', app.current_actor_name(), null);
		elsif new.state = 'gepubliceerd' then
			perform app.audit(new.id, 'round_published', app.current_actor_name(), null);
		end if;
		-- 'avond' is logged as evening_opened (evenings), 'gearchiveerd' as retention_run.
	end if;
	return null;
end;
$$;

create function app.audit_on_interviewer() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.audit(new.round_id,
		case when new.is_presenter then 'presenter_marked' else 'presenter_unmarked' end,
		app.current_actor_name(), new.display_name);
	return null;
end;
$$;

create function app.audit_on_evening() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if new.opened_at is not null and (tg_op = 'INSERT' or old.opened_at is distinct from new.opened_at) then
		perform app.audit(new.round_id, 'evening_opened',
			coalesce((select i.display_name from app.interviewers i where i.id = new.opened_by),
				app.current_actor_name()), null);
	end if;
	if new.closed_at is not null and (tg_op = 'INSERT' or old.closed_at is null) then
		perform app.audit(new.round_id, 'evening_closed',
			coalesce((select i.display_name from app.interviewers i where i.id = new.closed_by),
				app.current_actor_name()), null);
	end if;
	return null;
end;
$$;

create trigger rounds_audit after insert or update of state on app.rounds
	for each row execute function app.audit_on_round();
create trigger interviewers_audit after update of is_presenter on app.interviewers
	for each row when (old.is_presenter is distinct from new.is_presenter)
	execute function app.audit_on_interviewer();
create trigger evenings_audit after insert or update of opened_at, closed_at on app.evenings
	for each row execute function app.audit_on_evening();

-- ==============================================================================================
-- supabase/schemas/api/session.sql
-- ==============================================================================================

-- Session plumbing (API.md): join with a code, log in, resolve and revoke a session. Only the
-- server calls these, as service_role. They are security definer because they must read and write
-- sessions and the attempt log, which no person may touch.

-- 32 random bytes, base64url without padding. Only sha256(token) is ever stored.
create function app.new_token() returns text
language sql volatile set search_path = ''
as $$
	select translate(rtrim(encode(extensions.gen_random_bytes(32), 'base64'), '='), '+/', '-_')
$$;

create function app.token_hash(p_token text) returns bytea
language sql immutable set search_path = ''
as $$
	select extensions.digest(coalesce(p_token, ''), 'sha256')
$$;

create function app.create_session(p_staff_id uuid, p_interviewer_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_token text := app.new_token();
	v_session_id uuid;
begin
	insert into app.sessions (token_hash, staff_id, interviewer_id, expires_at)
	values (
		app.token_hash(v_token), p_staff_id, p_interviewer_id,
		now() + case when p_staff_id is not null then interval '7 days' else interval '180 days' end
	)
	returning id into v_session_id;
	return jsonb_build_object('token', v_token, 'session_id', v_session_id);
end;
$$;

-- Blocked while a failure that made it ten (for this client key, or this e-mail) is < 15 min old.
create function app.attempts_blocked(p_kind text, p_client_key text, p_email text) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.auth_attempts a
		where a.kind = p_kind and a.created_at > now() - interval '15 minutes'
			and ((a.blocks_client and a.client_key = p_client_key)
				or (a.blocks_email and p_email is not null and a.email = p_email))
	)
$$;

create function app.record_attempt(p_kind text, p_client_key text, p_email text, p_succeeded boolean)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_id bigint;
begin
	insert into app.auth_attempts (kind, client_key, email, succeeded)
	values (p_kind, p_client_key, p_email, p_succeeded)
	returning id into v_id;
	if p_succeeded then
		return;
	end if;
	update app.auth_attempts a set
		blocks_client = (
			select count(*) from app.auth_attempts b
			where b.kind = p_kind and b.client_key = p_client_key and not b.succeeded
				and b.created_at > now() - interval '15 minutes'
		) >= 10,
		blocks_email = p_email is not null and (
			select count(*) from app.auth_attempts b
			where b.kind = p_kind and b.email = p_email and not b.succeeded
				and b.created_at > now() - interval '15 minutes'
		) >= 10
	where a.id = v_id;
end;
$$;

-- Also checks the client key of api.react (board.sql).
create function app.check_client_key(p_client_key text) returns void
language plpgsql immutable set search_path = ''
as $$
begin
	if p_client_key is null or char_length(p_client_key) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'client_key';
	end if;
end;
$$;

create function api.session_join(p_code text, p_display_name text, p_client_key text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_name text := btrim(coalesce(p_display_name, ''));
	v_round app.rounds;
	v_interviewer_id uuid;
begin
	perform app.check_client_key(p_client_key);
	if app.attempts_blocked('join', p_client_key, null) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	if char_length(v_name) not between 1 and 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(coalesce(p_code, '')) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'code';
	end if;

	select * into v_round from app.rounds r where r.join_code = app.normalise_code(p_code);
	if not found then
		-- Returned, not raised: raising would roll back the failure we just counted.
		perform app.record_attempt('join', p_client_key, null, false);
		return jsonb_build_object('error', 'join_code_unknown');
	end if;
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'round_not_open';
	end if;

	perform app.record_attempt('join', p_client_key, null, true);
	insert into app.interviewers (round_id, display_name)
	values (v_round.id, v_name)
	returning id into v_interviewer_id;
	return app.create_session(null, v_interviewer_id)
		|| jsonb_build_object('interviewer_id', v_interviewer_id, 'round_id', v_round.id);
end;
$$;

create function api.session_login(p_email text, p_password text, p_client_key text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_staff app.staff;
begin
	perform app.check_client_key(p_client_key);
	if char_length(v_email) not between 3 and 254 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	if app.attempts_blocked('login', p_client_key, v_email) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;

	select * into v_staff from app.staff s where s.email = v_email;
	if found and v_staff.password_hash = extensions.crypt(p_password, v_staff.password_hash) then
		perform app.record_attempt('login', p_client_key, v_email, true);
		return app.create_session(v_staff.id, null) || jsonb_build_object('staff_id', v_staff.id);
	end if;
	if not found then
		-- Same bcrypt work for an unknown address, so timing does not tell which e-mails exist.
		perform extensions.crypt(p_password, '$2a$10$KlankbordDummySaltAbcd');
	end if;
	perform app.record_attempt('login', p_client_key, v_email, false);
	return jsonb_build_object('error', 'login_failed');
end;
$$;

create function api.session_resolve(p_token text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_session app.sessions;
	v_staff app.staff;
	v_interviewer app.interviewers;
begin
	select * into v_session from app.sessions s where s.token_hash = app.token_hash(p_token);
	if not found or v_session.revoked_at is not null then
		return null;
	end if;
	-- Idle timeout and absolute lifetime (SECURITY.md): staff 8 h / 7 days, interviewers 60 / 180 days.
	if v_session.expires_at <= now()
		or v_session.last_seen_at < now() - (case when v_session.staff_id is not null
			then interval '8 hours' else interval '60 days' end)
	then
		update app.sessions set revoked_at = now() where id = v_session.id;
		return null;
	end if;
	-- One write a minute at most: this runs on every request.
	if v_session.last_seen_at < now() - interval '1 minute' then
		update app.sessions set last_seen_at = now() where id = v_session.id;
	end if;

	if v_session.staff_id is not null then
		select * into v_staff from app.staff st where st.id = v_session.staff_id;
		return jsonb_build_object(
			'session_id', v_session.id, 'kind', 'staff', 'person_id', v_staff.id,
			'display_name', v_staff.display_name, 'role', v_staff.role
		);
	end if;
	select * into v_interviewer from app.interviewers i where i.id = v_session.interviewer_id;
	return jsonb_build_object(
		'session_id', v_session.id, 'kind', 'interviewer', 'person_id', v_interviewer.id,
		'display_name', v_interviewer.display_name, 'round_id', v_interviewer.round_id,
		'is_presenter', v_interviewer.is_presenter
	);
end;
$$;

create function api.session_revoke(p_token text) returns void
language sql volatile security definer set search_path = ''
as $$
	update app.sessions set revoked_at = now()
	where token_hash = app.token_hash(p_token) and revoked_at is null
$$;

-- The server only. Nothing here is reachable with the publishable key.
grant execute on function api.session_join(text, text, text), api.session_login(text, text, text),
	api.session_resolve(text), api.session_revoke(text) to service_role;

-- ==============================================================================================
-- supabase/schemas/api/setup.sql
-- ==============================================================================================

-- The one-time setup of the first coordinator (API.md). Only the server calls these, as
-- service_role; security definer because no person may touch staff or the setup tokens.

create function api.setup_needed() returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object('needed', not exists (select 1 from app.staff))
$$;

create function api.setup_issue_token() returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_token text := app.new_token();
begin
	if exists (select 1 from app.staff) then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	insert into app.setup_tokens (token_hash, expires_at)
	values (app.token_hash(v_token), now() + interval '24 hours');
	return jsonb_build_object('token', v_token);
end;
$$;

create function api.setup_complete(
	p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_token_id uuid;
	v_org_name text := btrim(coalesce(p_organisation_name, ''));
	v_name text := btrim(coalesce(p_display_name, ''));
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_org_id uuid;
	v_staff_id uuid;
begin
	select t.id into v_token_id from app.setup_tokens t
	where t.token_hash = app.token_hash(p_token) and t.used_at is null and t.expires_at > now()
	for update;
	if v_token_id is null or exists (select 1 from app.staff) then
		raise exception using errcode = 'P0001', message = 'setup_token_invalid';
	end if;
	if char_length(v_org_name) not between 2 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'organisation_name';
	end if;
	if char_length(v_name) not between 1 and 80 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(v_email) not between 3 and 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 10 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	if exists (select 1 from app.staff s where s.email = v_email) then
		raise exception using errcode = 'P0001', message = 'email_taken', hint = 'email';
	end if;

	select o.id into v_org_id from app.organisations o where lower(o.name) = lower(v_org_name);
	if v_org_id is null then
		insert into app.organisations (name) values (v_org_name) returning id into v_org_id;
	end if;
	insert into app.staff (organisation_id, role, display_name, email, password_hash)
	values (v_org_id, 'coordinator', v_name, v_email, extensions.crypt(p_password, extensions.gen_salt('bf', 10)))
	returning id into v_staff_id;
	update app.setup_tokens set used_at = now() where id = v_token_id;
	return jsonb_build_object('staff_id', v_staff_id);
end;
$$;

grant execute on function api.setup_needed(), api.setup_issue_token(),
	api.setup_complete(text, text, text, text, text) to service_role;

-- ==============================================================================================
-- supabase/schemas/api/staff.sql
-- ==============================================================================================

-- The coordinator's and councillor's API. Reads are security invoker: RLS decides what staff see,
-- and the only numbers about sealed content come from app.round_counts() (rounds.sql). State
-- changes that staff may not make by hand on the table (start fieldwork, presenters, revocation,
-- publishing) are definer functions that check the caller first.

create function api.staff_me() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_result jsonb;
begin
	select jsonb_build_object(
		'id', s.id, 'display_name', s.display_name, 'role', s.role,
		'organisation', jsonb_build_object('id', o.id, 'name', o.name)
	) into v_result
	from app.staff s join app.organisations o on o.id = s.organisation_id
	where s.id = app.require_staff();
	return v_result;
end;
$$;

create function api.municipalities_list() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_staff();
	return (
		select coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name) order by m.name), '[]'::jsonb)
		from app.municipalities m
		where m.organisation_id = app.current_organisation_id()
	);
end;
$$;

grant execute on function api.staff_me(), api.municipalities_list() to authenticated;

-- ==============================================================================================
-- supabase/schemas/api/rounds.sql
-- ==============================================================================================

-- Rounds, for staff (security invoker: RLS decides): list, create, read, start fieldwork, and
-- publish once the evening is closed.

-- Numbers only: safe for every role that may see a round at all.
create function app.round_counts(p_round_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'interviewers', (select count(*) from app.interviewers i where i.round_id = p_round_id),
		'interviews', (select count(*) from app.interviews v
			where v.round_id = p_round_id and v.consent_withdrawn_at is null),
		'findings', (select count(*) from app.findings f
			where f.round_id = p_round_id and f.withdrawn_at is null),
		'consent_withdrawn', (select count(*) from app.interviews v
			where v.round_id = p_round_id and v.consent_withdrawn_at is not null)
	)
$$;

create function app.questions_json(p_round_id uuid, p_guide_version integer) returns jsonb
language sql stable set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object(
		'id', q.id, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt, 'theme', q.theme,
		'scale_min_label', q.scale_min_label, 'scale_max_label', q.scale_max_label,
		'options', to_jsonb(q.options)
	) order by q.position), '[]'::jsonb)
	from app.questions q
	where q.round_id = p_round_id and q.guide_version = p_guide_version
$$;

create function app.round_municipalities_json(p_round_id uuid) returns jsonb
language sql stable set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object('id', m.id, 'name', m.name) order by m.name), '[]'::jsonb)
	from app.round_municipalities rm
	join app.municipalities m on m.id = rm.municipality_id
	where rm.round_id = p_round_id
$$;

create function api.rounds_list() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_staff();
	return (
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', r.id, 'title', r.title, 'target_group', r.target_group, 'state', r.state,
			'join_code', app.format_join_code(r.join_code), 'evening_code', r.evening_code,
			'created_at', r.created_at,
			'counts', app.round_counts(r.id) - 'consent_withdrawn'
		) order by r.created_at desc, r.title), '[]'::jsonb)
		from app.rounds r
		where r.organisation_id = app.current_organisation_id()
	);
end;
$$;

create function api.round_create(
	p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_title text := btrim(coalesce(p_title, ''));
	v_org uuid;
	v_round_id uuid;
	v_join_code text;
	v_q jsonb;
	v_pos bigint;
	v_kind text;
	v_prompt text;
	v_theme text;
	v_min text;
	v_max text;
	v_options text[];
	v_attempt integer := 0;
begin
	perform app.require_staff();
	v_org := app.current_organisation_id();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if char_length(v_title) not between 3 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'title';
	end if;
	if p_target_group is null or p_target_group not in ('ouders', 'jongeren') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'target_group';
	end if;
	if coalesce(cardinality(p_municipality_ids), 0) = 0
		or array_position(p_municipality_ids, null) is not null
		or exists (
			select 1 from unnest(p_municipality_ids) as u(id)
			where not exists (
				select 1 from app.municipalities m where m.id = u.id and m.organisation_id = v_org
			)
		)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_ids';
	end if;
	if p_questions is null or jsonb_typeof(p_questions) <> 'array'
		or jsonb_array_length(p_questions) not between 1 and 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;

	-- A join code must be unique across all organisations; retry the rare collision.
	loop
		v_attempt := v_attempt + 1;
		v_join_code := app.random_code(8);
		begin
			insert into app.rounds (organisation_id, title, target_group, join_code, evening_code, created_by)
			values (v_org, v_title, p_target_group, v_join_code, app.random_code(6), app.current_staff_id())
			returning id into v_round_id;
			exit;
		exception when unique_violation then
			if v_attempt >= 5 then
				raise;
			end if;
		end;
	end loop;

	insert into app.round_municipalities (round_id, municipality_id)
	select distinct v_round_id, u.id from unnest(p_municipality_ids) as u(id);

	for v_q, v_pos in select e.value, e.ordinality from jsonb_array_elements(p_questions) with ordinality as e loop
		if jsonb_typeof(v_q) <> 'object' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		v_kind := v_q ->> 'kind';
		v_prompt := btrim(coalesce(v_q ->> 'prompt', ''));
		v_theme := btrim(coalesce(v_q ->> 'theme', ''));
		v_min := nullif(btrim(coalesce(v_q ->> 'scale_min_label', '')), '');
		v_max := nullif(btrim(coalesce(v_q ->> 'scale_max_label', '')), '');
		v_options := null;
		if v_kind is null or v_kind not in ('open', 'scale', 'single', 'multi')
			or char_length(v_prompt) not between 3 and 300
			or char_length(v_theme) not between 1 and 60
			or char_length(v_min) > 60 or char_length(v_max) > 60
		then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		if v_kind in ('single', 'multi') then
			if jsonb_typeof(v_q -> 'options') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_q -> 'options') o
					where jsonb_typeof(o) <> 'string' or char_length(btrim(o #>> '{}')) not between 1 and 200
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
			select array_agg(btrim(o #>> '{}') order by n) into v_options
			from jsonb_array_elements(v_q -> 'options') with ordinality as x(o, n);
			if cardinality(v_options) not between 2 and 20
				or (select count(distinct x) from unnest(v_options) x) <> cardinality(v_options)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
		end if;
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
			scale_min_label, scale_max_label, options)
		values (v_round_id, 1, v_pos - 1, v_kind, v_prompt, v_theme,
			case when v_kind = 'scale' then v_min end, case when v_kind = 'scale' then v_max end, v_options);
	end loop;

	return jsonb_build_object('id', v_round_id, 'join_code', app.format_join_code(v_join_code));
end;
$$;

create function api.round_get(p_round_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
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
$$;

create function api.round_start_fieldwork(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	update app.rounds set state = 'veldwerk' where id = p_round_id and state = 'concept';
	if not found then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
end;
$$;

-- The end of a round's life: the coordinator publishes it after the evening closed; from then on
-- its retention period runs (retention.sql).
create function api.round_publish(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	perform 1 from app.rounds r where r.id = p_round_id for update;
	if app.round_state(p_round_id) <> 'avond' or not exists (
		select 1 from app.evenings e where e.round_id = p_round_id and e.closed_at is not null
	) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	-- The audit trigger on rounds logs round_published with the coordinator's name.
	update app.rounds set state = 'gepubliceerd', published_at = now() where id = p_round_id;
end;
$$;

grant execute on function app.round_counts(uuid) to authenticated, service_role;
grant execute on function app.questions_json(uuid, integer), app.round_municipalities_json(uuid)
	to authenticated;
grant execute on function api.rounds_list(), api.round_create(text, text, uuid[], jsonb),
	api.round_get(uuid), api.round_start_fieldwork(uuid), api.round_publish(uuid) to authenticated;

-- ==============================================================================================
-- supabase/schemas/api/interviewers.sql
-- ==============================================================================================

-- The coordinator manages who joined a round: presenters and revocation. "Nobody can override the
-- presenters" (PRODUCT.md) also holds for the organisation while the evening is live: from the
-- moment a presenter opens it until a presenter closes it, a coordinator can no longer make or
-- unmake presenters, nor sign a presenter out. Otherwise a coordinator could take the board away
-- mid-evening, or join with the round's code, make themselves presenter and move or close it.
-- (Choosing presenters before the evening stays the coordinator's job, and every such choice is in
-- the public audit trail.)

-- Staff may manage interviewers of their own organisation's rounds only.
create function app.require_coordinator_of_interviewer(p_interviewer_id uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid;
begin
	perform app.require_staff();
	select i.round_id into v_round_id from app.interviewers i where i.id = p_interviewer_id;
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	perform app.require_coordinator_of_round(v_round_id);
end;
$$;

create function app.evening_live(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.evenings e
		where e.round_id = p_round_id and e.opened_at is not null and e.closed_at is null
	);
$$;

create function api.interviewer_set_presenter(p_interviewer_id uuid, p_is_presenter boolean)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_interviewer app.interviewers;
begin
	perform app.require_coordinator_of_interviewer(p_interviewer_id);
	if p_is_presenter is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'is_presenter';
	end if;
	select * into v_interviewer from app.interviewers i where i.id = p_interviewer_id;
	if v_interviewer.is_presenter is distinct from p_is_presenter
		and app.evening_live(v_interviewer.round_id)
	then
		raise exception using errcode = 'P0001', message = 'evening_live';
	end if;
	update app.interviewers set is_presenter = p_is_presenter where id = p_interviewer_id;
end;
$$;

-- Revocation changes sessions only, so the function itself writes the audit event.
create function api.interviewer_revoke(p_interviewer_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_interviewer app.interviewers;
begin
	perform app.require_coordinator_of_interviewer(p_interviewer_id);
	select * into v_interviewer from app.interviewers i where i.id = p_interviewer_id;
	if v_interviewer.is_presenter and app.evening_live(v_interviewer.round_id) then
		raise exception using errcode = 'P0001', message = 'evening_live';
	end if;
	update app.sessions set revoked_at = now()
	where interviewer_id = p_interviewer_id and revoked_at is null;
	perform app.audit(v_interviewer.round_id, 'interviewer_revoked', app.current_actor_name(),
		v_interviewer.display_name);
end;
$$;

grant execute on function api.interviewer_set_presenter(uuid, boolean), api.interviewer_revoke(uuid)
	to authenticated;

-- ==============================================================================================
-- supabase/schemas/api/interviews.sql
-- ==============================================================================================

-- The interviewer's API, part 1: who am I, and interviews. All security invoker (except the
-- withdrawal of consent), so the policies on interviews and answers are what actually keeps one
-- interviewer out of another's work. The checks here exist to give a clear reason code; RLS is
-- the wall behind them.

-- The themes of the round's current guide, in guide order.
create function app.round_themes(p_round_id uuid) returns text[]
language sql stable set search_path = ''
as $$
	select coalesce(array_agg(t.theme order by t.first_position), '{}')
	from (
		select q.theme, min(q.position) as first_position
		from app.questions q join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
		where q.round_id = p_round_id
		group by q.theme
	) as t
$$;

create function api.interviewer_me() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me app.interviewers;
	v_round app.rounds;
begin
	select * into v_me from app.interviewers i where i.id = app.require_interviewer();
	select * into v_round from app.rounds r where r.id = v_me.round_id;
	return jsonb_build_object(
		'id', v_me.id, 'display_name', v_me.display_name, 'is_presenter', v_me.is_presenter,
		'round', jsonb_build_object(
			'id', v_round.id, 'title', v_round.title, 'target_group', v_round.target_group,
			'state', v_round.state, 'evening_code', v_round.evening_code,
			'guide_version', v_round.guide_version,
			'municipalities', app.round_municipalities_json(v_round.id),
			'questions', app.questions_json(v_round.id, v_round.guide_version),
			'themes', to_jsonb(app.round_themes(v_round.id))
		)
	);
end;
$$;

create function api.interview_submit(
	p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text,
	p_age_band text, p_municipality_id uuid, p_answers jsonb
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
	v_answer jsonb;
	v_question app.questions;
	v_text text;
	v_scale integer;
	v_choices text[];
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	-- Idempotent: the device may send the same interview again after a lost response.
	if exists (select 1 from app.interviews v where v.id = p_id and v.interviewer_id = v_me) then
		return jsonb_build_object('id', p_id, 'created', false);
	end if;

	select r.* into v_round from app.rounds r where r.id = app.current_interviewer_round_id();
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if p_consent_form is null then
		raise exception using errcode = 'P0001', message = 'consent_required', hint = 'consent_form';
	end if;
	if p_consent_form not in ('mondeling', 'schriftelijk') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'consent_form';
	end if;
	if p_interviewee_group is null or p_interviewee_group not in ('ouder', 'jongere') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interviewee_group';
	end if;
	if p_age_band is null or p_age_band not in ('onder_12', '12_15', '16_17', '18_23', '24_plus') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'age_band';
	end if;
	if p_age_band in ('onder_12', '12_15') and p_guardian_consent is not true then
		raise exception using errcode = 'P0001', message = 'guardian_consent_required',
			hint = 'guardian_consent';
	end if;
	if p_municipality_id is null or not exists (
		select 1 from app.round_municipalities rm
		where rm.round_id = v_round.id and rm.municipality_id = p_municipality_id
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_id';
	end if;
	if p_answers is null or jsonb_typeof(p_answers) <> 'array' or jsonb_array_length(p_answers) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;
	if (select count(*) from jsonb_array_elements(p_answers) a)
		<> (select count(distinct a ->> 'question_id') from jsonb_array_elements(p_answers) a)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;

	insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
		guardian_consent, interviewee_group, age_band, municipality_id)
	values (p_id, v_round.id, v_me, v_round.guide_version, p_consent_form,
		coalesce(p_guardian_consent, false), p_interviewee_group, p_age_band, p_municipality_id)
	on conflict (id) do nothing;
	if not found then
		-- The id exists but is not ours: a forged or colliding id.
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;

	for v_answer in select a from jsonb_array_elements(p_answers) a loop
		v_question := null;
		if jsonb_typeof(v_answer) = 'object'
			and (v_answer ->> 'question_id') ~ '^[0-9a-fA-F-]{36}$'
		then
			select q.* into v_question from app.questions q
			where q.id = (v_answer ->> 'question_id')::uuid
				and q.round_id = v_round.id and q.guide_version = v_round.guide_version;
		end if;
		if v_question.id is null then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
		end if;
		v_text := null;
		v_scale := null;
		v_choices := null;
		if v_question.kind = 'open' then
			v_text := btrim(case when jsonb_typeof(v_answer -> 'text') = 'string' then v_answer ->> 'text' end);
			if v_text is null or char_length(v_text) not between 1 and 4000 then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		elsif v_question.kind = 'scale' then
			if jsonb_typeof(v_answer -> 'scale') is distinct from 'number'
				or (v_answer ->> 'scale') !~ '^[1-5]$'
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			v_scale := (v_answer ->> 'scale')::integer;
		else
			if jsonb_typeof(v_answer -> 'choices') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_answer -> 'choices') c
					where jsonb_typeof(c) <> 'string' or not ((c #>> '{}') = any (v_question.options))
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			select array_agg(distinct c #>> '{}') into v_choices
			from jsonb_array_elements(v_answer -> 'choices') c;
			if v_choices is null
				or (v_question.kind = 'single' and cardinality(v_choices) <> 1)
				or cardinality(v_choices) <> jsonb_array_length(v_answer -> 'choices')
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		end if;
		insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
		values (p_id, v_question.id, v_text, v_scale, v_choices);
	end loop;

	return jsonb_build_object('id', p_id, 'created', true);
end;
$$;

-- The interviewer's list shows withdrawn interviews too (without profile), so they know.
create function api.my_interviews() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	return (
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', v.id, 'submitted_at', v.submitted_at, 'age_band', v.age_band,
			'municipality_name', m.name,
			'answer_count', (select count(*) from app.answers a where a.interview_id = v.id),
			'finding_count', (select count(*) from app.findings f
				where f.interview_id = v.id and f.interviewer_id = v_me and f.withdrawn_at is null),
			'withdrawn_at', v.consent_withdrawn_at
		) order by v.submitted_at desc, v.id), '[]'::jsonb)
		from app.interviews v
		left join app.municipalities m on m.id = v.municipality_id
		where v.interviewer_id = v_me
	);
end;
$$;

-- Withdrawal of consent (GDPR art. 7(3)): as easy as giving it, by the interviewer who recorded
-- the interview. Erases the answers and the profile, withdraws every finding linked to it, and
-- marks the interview withdrawn (counted in round_get's consent_withdrawn). The chain gets an
-- interview_withdrawn entry and a finding_withdrawn entry per finding (triggers). Allowed until the
-- round is archived. Withdrawing twice changes nothing.
create function api.interview_withdraw(p_interview_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
	v_findings integer;
	v_was text;
begin
	select * into v_interview from app.interviews v where v.id = p_interview_id for update;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	-- As for findings (app.own_finding): someone else's interview is not_allowed.
	if v_interview.interviewer_id <> v_me then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if app.round_state(v_interview.round_id) = 'gearchiveerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if v_interview.consent_withdrawn_at is not null then
		return jsonb_build_object('id', v_interview.id, 'findings_withdrawn', 0);
	end if;
	v_was := app.allow_finding_write();
	update app.findings set statement = null, quote = null, withdrawn_at = now(), updated_at = now()
	where interview_id = v_interview.id and withdrawn_at is null;
	get diagnostics v_findings = row_count;
	perform app.restore_finding_write(v_was);
	delete from app.answers where interview_id = v_interview.id;
	update app.interviews
	set consent_withdrawn_at = now(), interviewee_group = null, age_band = null, municipality_id = null
	where id = v_interview.id;
	return jsonb_build_object('id', v_interview.id, 'findings_withdrawn', v_findings);
end;
$$;

grant execute on function app.round_themes(uuid) to authenticated;
grant execute on function api.interviewer_me(),
	api.interview_submit(uuid, text, boolean, text, text, uuid, jsonb), api.my_interviews(),
	api.interview_withdraw(uuid) to authenticated;

-- ==============================================================================================
-- supabase/schemas/api/findings.sql
-- ==============================================================================================

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
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	if exists (select 1 from app.findings f where f.id = p_id and f.interviewer_id = v_me) then
		return jsonb_build_object('id', p_id, 'created', false);
	end if;
	if app.round_state(v_round_id) not in ('veldwerk', 'avond') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_round_id, p_statement, p_quote, p_theme);
	if p_interview_id is not null and not exists (
		select 1 from app.interviews v
		where v.id = p_interview_id and v.interviewer_id = v_me and v.consent_withdrawn_at is null
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interview_id';
	end if;

	insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme)
	values (p_id, v_round_id, v_me, p_interview_id, v_clean.statement, v_clean.quote, v_clean.theme)
	on conflict (id) do nothing;
	if not found then
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
	if v_finding.withdrawn_at is not null
		or app.round_state(v_finding.round_id) not in ('veldwerk', 'avond')
	then
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

grant execute on function app.clean_finding(uuid, text, text, text), app.own_finding(uuid)
	to authenticated;
grant execute on function api.finding_create(uuid, text, text, text, uuid),
	api.finding_update(uuid, text, text, text), api.finding_withdraw(uuid), api.my_findings()
	to authenticated;

-- ==============================================================================================
-- supabase/schemas/api/evening.sql
-- ==============================================================================================

-- The results evening, for its presenters: open, move and close it, and read the slides.
-- Opening, moving and closing cross policies (they change the round's state and append to the
-- public log), so they are security definer and check the presenter themselves.

-- The presenters' story: a title slide, then per theme (guide order, unknown themes after, no
-- theme last) a theme slide followed by that theme's findings in the order they came in.
create function app.build_slides(p_round_id uuid) returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_count integer;
begin
	delete from app.slides where round_id = p_round_id;
	with theme_order as (
		select q.theme, min(q.position) as ord
		from app.questions q join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
		where q.round_id = p_round_id
		group by q.theme
	), shown as (
		select f.id, f.theme, f.created_at,
			coalesce((select t.ord from theme_order t where t.theme = f.theme), 1000) as ord
		from app.findings f
		where f.round_id = p_round_id and f.withdrawn_at is null
	), items as (
		select distinct s.ord, s.theme, 0 as sub, null::timestamptz as created_at, null::uuid as finding_id,
			'theme' as kind
		from shown s
		union all
		select s.ord, s.theme, 1, s.created_at, s.id, 'finding' from shown s
	)
	insert into app.slides (round_id, position, kind, theme, finding_id)
	select p_round_id, 0, 'title', null, null
	union all
	select p_round_id,
		row_number() over (order by i.ord, i.theme nulls last, i.sub, i.created_at, i.finding_id),
		i.kind, i.theme, i.finding_id
	from items i;
	get diagnostics v_count = row_count;
	return v_count;
end;
$$;

-- A presenter of this round, or a refusal: not_allowed for anyone who is not an interviewer,
-- not_presenter for interviewers who are not a presenter of this very round.
create function app.require_presenter_of(p_round_id uuid) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	if not app.is_presenter_of(p_round_id) then
		raise exception using errcode = 'P0001', message = 'not_presenter';
	end if;
	return v_me;
end;
$$;

create function app.log_event(p_round_id uuid, p_kind text, p_position integer, p_actor_id uuid)
returns bigint
language sql volatile security definer set search_path = ''
as $$
	insert into app.evening_events (round_id, kind, position, actor_id, actor_name)
	values (p_round_id, p_kind, p_position, p_actor_id,
		(select i.display_name from app.interviewers i where i.id = p_actor_id))
	returning seq
$$;

create function api.evening_open(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
begin
	perform 1 from app.rounds r where r.id = p_round_id and r.state = 'veldwerk' for update;
	if not found or app.evening_opened(p_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	insert into app.evenings (round_id, opened_at, opened_by, position)
	values (p_round_id, now(), v_me, 0)
	on conflict (round_id) do update
		set opened_at = excluded.opened_at, opened_by = excluded.opened_by, position = 0;
	update app.rounds set state = 'avond' where id = p_round_id;
	perform app.build_slides(p_round_id);
	-- Who opened the evening and when is public (promise 2).
	perform app.log_event(p_round_id, 'opened', 0, v_me);
end;
$$;

-- The evening row of a live evening (opened, not closed), locked, or wrong_state.
create function app.live_evening(p_round_id uuid) returns app.evenings
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_evening app.evenings;
begin
	select * into v_evening from app.evenings e
	where e.round_id = p_round_id and e.opened_at is not null and e.closed_at is null
	for update;
	if v_evening.round_id is null then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	return v_evening;
end;
$$;

create function api.evening_move(p_round_id uuid, p_position integer) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings := app.live_evening(p_round_id);
	v_last integer;
	v_position integer;
begin
	if p_position is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'position';
	end if;
	select coalesce(max(s.position), 0) into v_last from app.slides s where s.round_id = p_round_id;
	v_position := greatest(0, least(p_position, v_last));
	update app.evenings set position = v_position where round_id = v_evening.round_id;
	perform app.log_event(p_round_id, 'moved', v_position, v_me);
	return jsonb_build_object('position', v_position);
end;
$$;

create function api.evening_close(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_presenter_of(p_round_id);
	v_evening app.evenings := app.live_evening(p_round_id);
begin
	update app.evenings set closed_at = now(), closed_by = v_me where round_id = v_evening.round_id;
	perform app.log_event(p_round_id, 'closed', v_evening.position, v_me);
end;
$$;

create function api.presenter_slides(p_round_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_presenter_of(p_round_id);
	return jsonb_build_object(
		'position', (select e.position from app.evenings e where e.round_id = p_round_id and e.opened_at is not null),
		'slides', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'position', s.position, 'kind', s.kind, 'theme', s.theme,
				'statement', f.statement, 'quote', f.quote
			) order by s.position), '[]'::jsonb)
			from app.slides s left join app.findings f on f.id = s.finding_id
			where s.round_id = p_round_id
		)
	);
end;
$$;

-- presenter_slides is invoker, so it needs the check.
grant execute on function app.require_presenter_of(uuid) to authenticated;
grant execute on function api.evening_open(uuid), api.evening_move(uuid, integer),
	api.evening_close(uuid), api.presenter_slides(uuid) to authenticated;

-- ==============================================================================================
-- supabase/schemas/api/board.sql
-- ==============================================================================================

-- The public board, read by its evening code: the projector, the audience's phones, and the live
-- hub that wakes them. Reactions come in through the server (service_role).

create function app.round_id_by_evening_code(p_evening_code text) returns uuid
language sql stable security definer set search_path = ''
as $$
	select r.id from app.rounds r
	where char_length(coalesce(p_evening_code, '')) <= 20
		and r.evening_code = app.normalise_code(p_evening_code)
$$;

create function app.reaction_counts(p_round_id uuid, p_position integer) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'herkenbaar', count(*) filter (where x.kind = 'herkenbaar'),
		'verrast', count(*) filter (where x.kind = 'verrast')
	)
	from app.reactions x where x.round_id = p_round_id and x.slide_position = p_position
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
	v_round app.rounds;
	v_evening app.evenings;
	v_state text;
	v_slide jsonb;
	v_counts jsonb;
begin
	select * into v_round from app.rounds r where r.id = app.round_id_by_evening_code(p_evening_code);
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	select * into v_evening from app.evenings e where e.round_id = v_round.id;
	v_state := case
		when v_evening.opened_at is null then 'waiting'
		when v_evening.closed_at is null then 'live'
		else 'closed'
	end;
	if v_state = 'live' then
		select jsonb_build_object('kind', s.kind, 'theme', s.theme,
			'statement', case when f.withdrawn_at is null and f.erased_at is null then f.statement end,
			'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end)
		into v_slide
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
		'slide_count', (select count(*) from app.slides s where s.round_id = v_round.id),
		'seq', app.board_seq(v_round.id),
		'slide', v_slide,
		'counts', jsonb_build_object('interviews', v_counts -> 'interviews', 'findings', v_counts -> 'findings'),
		'reactions', case when v_state = 'live'
			then app.reaction_counts(v_round.id, v_evening.position) end,
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
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
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
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object('seq', app.board_seq(v_round_id));
end;
$$;

-- service_role only: the server hashes the client key and applies its own rate limit first.
create function api.react(p_evening_code text, p_kind text, p_client_key text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_evening app.evenings;
begin
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if p_kind is null or p_kind not in ('herkenbaar', 'verrast') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
	end if;
	perform app.check_client_key(p_client_key);
	v_evening := app.live_evening(v_round_id);
	insert into app.reactions (round_id, slide_position, kind, client_key)
	values (v_round_id, v_evening.position, p_kind, p_client_key)
	on conflict do nothing;
	if found then
		perform app.log_event(v_round_id, 'reacted', v_evening.position, null);
	end if;
	return jsonb_build_object('counts', app.reaction_counts(v_round_id, v_evening.position));
end;
$$;

-- evening_findings is invoker, so the public needs the code lookup.
grant execute on function app.round_id_by_evening_code(text) to anon, authenticated;
grant execute on function api.evening_board(text), api.evening_findings(text), api.evening_seq(text)
	to anon, authenticated;
grant execute on function api.react(text, text, text) to service_role;

-- ==============================================================================================
-- supabase/schemas/api/verification.sql
-- ==============================================================================================

-- Anyone can check a round: its hash chain (CHAIN.md) and its audit trail, public once the evening
-- is opened.

-- Public verification (CHAIN.md "What verification checks"). Definer: the chain has no policies
-- for anyone. Before the evening is opened the round is sealed: title, code and state only.
create function api.round_verification(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = app.round_id_by_evening_code(p_evening_code);
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd') then
		return jsonb_build_object('sealed', true, 'round', jsonb_build_object(
			'title', v_round.title, 'evening_code', v_round.evening_code, 'state', v_round.state));
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('id', v_round.id, 'title', v_round.title,
			'evening_code', v_round.evening_code, 'state', v_round.state),
		'fingerprint', app.chain_fingerprint(v_round.id),
		'entries', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'seq', c.seq, 'kind', c.kind, 'subject_id', c.subject_id, 'content_hash', c.content_hash,
				'prev_hash', c.prev_hash, 'at', c.at, 'entry_hash', c.entry_hash
			) order by c.seq), '[]'::jsonb)
			from app.chain_entries c where c.round_id = v_round.id
		),
		'findings', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', f.id,
				'statement', case when f.withdrawn_at is null and f.erased_at is null then f.statement end,
				'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end,
				'theme', f.theme,
				'state', case when f.withdrawn_at is not null then 'withdrawn'
					when f.erased_at is not null then 'erased' else 'published' end
			) order by f.created_at, f.id), '[]'::jsonb)
			from app.findings f where f.round_id = v_round.id
		)
	);
end;
$$;

-- The trail of a round. Public once the evening is opened (like the chain); before that only the
-- coordinators of the round's organisation see it, everyone else gets the sealed answer.
create function api.round_audit(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = app.round_id_by_evening_code(p_evening_code);
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd')
		-- coalesce: for anon the role check is null, and `not null` would let them through.
		and not coalesce(app.is_coordinator_of_round(v_round.id), false)
	then
		return jsonb_build_object('sealed', true, 'round', jsonb_build_object(
			'title', v_round.title, 'evening_code', v_round.evening_code, 'state', v_round.state));
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state),
		'counts', jsonb_build_object(
			'interviewers_joined', (select count(*) from app.interviewers i where i.round_id = v_round.id),
			'interviews_submitted', (select count(*) from app.interviews v where v.round_id = v_round.id),
			'interviews_withdrawn', (select count(*) from app.interviews v
				where v.round_id = v_round.id and v.consent_withdrawn_at is not null),
			'findings_submitted', (select count(*) from app.findings f where f.round_id = v_round.id),
			'findings_withdrawn', (select count(*) from app.findings f
				where f.round_id = v_round.id and f.withdrawn_at is not null)
		),
		'events', (
			select coalesce(jsonb_agg(jsonb_build_object('at', a.at, 'kind', a.kind,
				'actor_name', a.actor_name, 'subject_name', a.subject_name) order by a.id), '[]'::jsonb)
			from app.audit_events a where a.round_id = v_round.id
		)
	);
end;
$$;

grant execute on function api.round_verification(text), api.round_audit(text) to anon, authenticated;

-- ==============================================================================================
-- supabase/schemas/api/retention.sql
-- ==============================================================================================

-- Run daily by the server (service_role only). p_now is the clock, so tests can move it. Rounds
-- whose retention ran out lose every piece of free text: finding statements and quotes, open
-- answers. Scale and choice answers, counts, themes and the chain stay; no chain entry is added, so
-- the fingerprint the hall saw still verifies. Idempotent: an archived round is not looked at again.
create function api.retention_run(p_now timestamptz default now()) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_round app.rounds;
	v_rounds integer := 0;
	v_findings integer := 0;
	v_answers integer := 0;
	v_n integer;
	v_was text;
begin
	if p_now is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'now';
	end if;
	for v_round in
		select r.* from app.rounds r
		where r.state = 'gepubliceerd' and r.published_at is not null
			and r.published_at + make_interval(months => r.retention_months) < p_now
		order by r.published_at, r.id
		for update
	loop
		v_was := app.allow_finding_write();
		update app.findings set statement = null, quote = null, erased_at = p_now
		where round_id = v_round.id and erased_at is null and withdrawn_at is null;
		get diagnostics v_n = row_count;
		perform app.restore_finding_write(v_was);
		v_findings := v_findings + v_n;
		delete from app.answers a using app.interviews v
		where v.id = a.interview_id and v.round_id = v_round.id and a.text_value is not null;
		get diagnostics v_n = row_count;
		v_answers := v_answers + v_n;
		update app.rounds set state = 'gearchiveerd' where id = v_round.id;
		perform app.audit(v_round.id, 'retention_run', null, null, p_now);
		v_rounds := v_rounds + 1;
	end loop;
	return jsonb_build_object('rounds_archived', v_rounds, 'findings_erased', v_findings,
		'answers_erased', v_answers);
end;
$$;

grant execute on function api.retention_run(timestamptz) to service_role;
