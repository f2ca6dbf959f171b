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
