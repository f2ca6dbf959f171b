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
	for select to authenticated using (round_id in (select app.staff_round_ids()));
create policy "interviewers read the evening of their round" on app.evenings
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "the audience reads an evening once it is opened" on app.evenings
	for select to anon, authenticated using (opened_at is not null);

grant select on app.evenings to anon, authenticated;
grant all on app.evenings to service_role;
