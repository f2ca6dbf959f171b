-- Failed and successful join/login attempts: the rate limits live here so no client can skip them
-- (app.attempts_blocked and app.login_must_wait, in api/session.sql, say how they are counted).
-- client_key is the keyed hash of the network address, device_key that of the device cookie
-- (the address key when a caller has no device); neither can be turned back into an address.
create table app.auth_attempts (
	id bigint generated always as identity primary key,
	kind text not null check (kind in ('join', 'login')),
	client_key text not null check (char_length(client_key) between 1 and 200),
	email text check (char_length(email) <= 254),
	succeeded boolean not null,
	created_at timestamptz not null default now(),
	device_key text not null check (char_length(device_key) between 1 and 200),
	-- The round a join was for (a real code): the cap per round counts these.
	round_id uuid
);
create index on app.auth_attempts (kind, client_key, created_at);
create index on app.auth_attempts (kind, device_key, created_at);
create index on app.auth_attempts (kind, email, created_at);
create index on app.auth_attempts (kind, round_id, created_at);

alter table app.auth_attempts enable row level security;
create policy "nobody touches the attempt log except the session functions" on app.auth_attempts
	for all to anon, authenticated using (false) with check (false);

grant all on app.auth_attempts to service_role;
