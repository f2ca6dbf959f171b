-- People who joined a round with its code: a first name or pseudonym, nothing else.
-- Making or unmaking a presenter is in the public audit trail (trigger interviewers_audit, in
-- audit_events.sql).
create table app.interviewers (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	display_name text not null check (char_length(display_name) between 1 and 40 and display_name = btrim(display_name)),
	is_presenter boolean not null default false,
	joined_at timestamptz not null default now(),
	-- When this interviewer last marked the responses to their round as seen (api.news_seen):
	-- what is newer is "new since your last visit".
	responses_seen_at timestamptz
);
create index on app.interviewers (round_id);

alter table app.interviewers enable row level security;
create policy "staff see who joined their rounds" on app.interviewers
	for select to authenticated using (round_id in (select app.staff_round_ids()));
create policy "interviewers read their own row" on app.interviewers
	for select to authenticated using (id = (select app.current_interviewer_id()));

grant select on app.interviewers to authenticated;
grant all on app.interviewers to service_role;
