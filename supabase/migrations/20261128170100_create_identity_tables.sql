-- Who is who: organisations and their municipalities, staff accounts, rounds with their guide,
-- the interviewers who joined a round, and the sessions that tie a JWT to one of them.
-- The policy helpers at the end are `security definer` so that policies can look people up
-- without recursing into each other's RLS.

create table app.organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null unique check (char_length(name) between 2 and 120 and name = btrim(name)),
	created_at timestamptz not null default now()
);

create table app.municipalities (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	name text not null check (char_length(name) between 2 and 80 and name = btrim(name)),
	unique (organisation_id, name)
);

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

-- One-time links that create the first coordinator; only sha256(token) is stored.
create table app.setup_tokens (
	id uuid primary key default gen_random_uuid(),
	token_hash bytea not null unique check (octet_length(token_hash) = 32),
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz
);

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
	created_at timestamptz not null default now()
);

create table app.round_municipalities (
	round_id uuid not null references app.rounds (id) on delete cascade,
	municipality_id uuid not null references app.municipalities (id) on delete cascade,
	primary key (round_id, municipality_id)
);

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

-- People who joined a round with its code: a first name or pseudonym, nothing else.
create table app.interviewers (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	display_name text not null check (char_length(display_name) between 1 and 40 and display_name = btrim(display_name)),
	is_presenter boolean not null default false,
	joined_at timestamptz not null default now()
);
create index on app.interviewers (round_id);

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

-- Policy helpers ------------------------------------------------------------------------------
-- Who is asking, per the JWT (sub + session_id), but only while that session is live: revoking a
-- session cuts access at once, not when the JWT runs out.

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

-- Codes people type: no 0/O, 1/I/L. Two random bytes per character keep the modulo bias negligible.
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

-- RLS and policies --------------------------------------------------------------------------

alter table app.organisations enable row level security;
create policy "staff read their own organisation" on app.organisations
	for select to authenticated using (id = (select app.current_organisation_id()));

alter table app.municipalities enable row level security;
create policy "staff read the municipalities of their organisation" on app.municipalities
	for select to authenticated using (organisation_id = (select app.current_organisation_id()));
create policy "interviewers read the municipalities of their round" on app.municipalities
	for select to authenticated using (app.is_municipality_of_my_round(id));

alter table app.staff enable row level security;
create policy "staff read their own account" on app.staff
	for select to authenticated using (id = (select app.current_staff_id()));

alter table app.setup_tokens enable row level security;
create policy "nobody touches setup tokens except the setup functions" on app.setup_tokens
	for all to anon, authenticated using (false) with check (false);

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

alter table app.questions enable row level security;
create policy "staff read the guides of their rounds" on app.questions
	for select to authenticated using (app.is_staff_of_round(round_id));
create policy "interviewers read the guide of their round" on app.questions
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "coordinators write the guide of their concept rounds" on app.questions
	for insert to authenticated with check (
		app.is_coordinator_of_round(round_id) and app.round_state(round_id) = 'concept'
	);

alter table app.interviewers enable row level security;
create policy "staff see who joined their rounds" on app.interviewers
	for select to authenticated using (app.is_staff_of_round(round_id));
create policy "interviewers read their own row" on app.interviewers
	for select to authenticated using (id = (select app.current_interviewer_id()));

alter table app.sessions enable row level security;
create policy "nobody touches sessions except the session functions" on app.sessions
	for all to anon, authenticated using (false) with check (false);

alter table app.auth_attempts enable row level security;
create policy "nobody touches the attempt log except the session functions" on app.auth_attempts
	for all to anon, authenticated using (false) with check (false);

-- Grants: RLS decides rows, grants decide tables and columns. No DELETE anywhere.
grant select on app.organisations, app.municipalities, app.rounds, app.round_municipalities,
	app.questions, app.interviewers to authenticated;
grant select (id, organisation_id, role, display_name, email, created_at) on app.staff to authenticated;
grant insert (organisation_id, title, target_group, join_code, evening_code, created_by)
	on app.rounds to authenticated;
grant insert on app.round_municipalities to authenticated;
grant insert (round_id, guide_version, position, kind, prompt, theme, scale_min_label,
	scale_max_label, options) on app.questions to authenticated;
grant all on all tables in schema app to service_role;

grant execute on function app.current_staff_id(), app.current_interviewer_id(),
	app.current_organisation_id(), app.current_staff_role(), app.current_interviewer_round_id(),
	app.is_staff_of_round(uuid), app.is_coordinator_of_round(uuid), app.is_interviewer_of(uuid),
	app.is_presenter_of(uuid), app.is_municipality_of_my_round(uuid), app.round_state(uuid), app.random_code(integer),
	app.normalise_code(text), app.format_join_code(text)
	to anon, authenticated, service_role;
