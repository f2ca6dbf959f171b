-- A read-only link to a published round's results that needs no account (api.results_public).
-- Only sha256(token) is stored, as for sessions: the link is shown once, when it is made.
-- Revoking sets revoked_at; the row stays, so who shared what and when can be told.
create table app.result_links (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	token_hash bytea not null unique,
	created_by uuid references app.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	revoked_at timestamptz
);
-- results_link_create / _revoke and round_results look links up by round.
create index on app.result_links (round_id);

-- Only the api functions (security definer, with their own checks) read or write links: nobody
-- needs the rows themselves, and the hashes are nobody's business.
alter table app.result_links enable row level security;
create policy "nobody touches result links except the results functions" on app.result_links
	for all to anon, authenticated using (false) with check (false);

grant all on app.result_links to service_role;
