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
