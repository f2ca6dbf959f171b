-- Which interviewer added a question to a youth round's guide (api.own_question_add). Shown to
-- the round's own interviewers (the group) only: no staff policy, nothing public. Keyed by the
-- question's stable key, so it holds for every later version of the guide.
create table app.question_authors (
	round_id uuid not null references app.rounds (id) on delete cascade,
	key text not null,
	interviewer_id uuid references app.interviewers (id) on delete set null,
	added_at timestamptz not null default now(),
	primary key (round_id, key)
);
-- api.own_question_add counts one interviewer's additions of the last hour (its rate limit).
create index question_authors_interviewer on app.question_authors (interviewer_id, added_at);

alter table app.question_authors enable row level security;
create policy "interviewers read who added their round's questions" on app.question_authors
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));

grant select on app.question_authors to authenticated;
grant all on app.question_authors to service_role;
