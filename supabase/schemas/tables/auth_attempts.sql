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
