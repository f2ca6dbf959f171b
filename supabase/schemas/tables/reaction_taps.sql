-- Every tap on a reaction button (taken back or not), kept for a few minutes: the rate limits of
-- api.react count these, per phone and per address (SECURITY.md). Keys are hashes made by the
-- server; the raw address and the phone's cookie never reach the database.
create table app.reaction_taps (
	id bigint generated always as identity primary key,
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	client_key text not null check (char_length(client_key) between 1 and 200),
	address_key text check (char_length(address_key) between 1 and 200),
	created_at timestamptz not null default now()
);
create index on app.reaction_taps (client_key, created_at);
create index on app.reaction_taps (address_key, created_at);

alter table app.reaction_taps enable row level security;
create policy "nobody touches taps except the react function" on app.reaction_taps
	for all to anon, authenticated using (false) with check (false);

grant all on app.reaction_taps to service_role;
