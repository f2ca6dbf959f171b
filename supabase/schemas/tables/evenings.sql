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
	check (closed_at is null or opened_at is not null),
	-- The round's hash-chain length at the moment the evening opened (app.evenings_mark_opening):
	-- everything after it happened after opening, and /verifieer names it (findings freeze then).
	opened_chain_seq bigint check (opened_chain_seq >= 0),
	-- The presenters' story (api.story_edit): every edit raises the version, and an edit made on
	-- an older version is refused (story_changed), so two presenters never overwrite each other.
	-- The row exists before opening once a presenter has opened the story.
	story_version integer not null default 0 check (story_version >= 0),
	-- Reaction counts on the wall while the slide is up (true), or only once revealed (false).
	reactions_live boolean not null default true,
	-- The rehearsal (api.rehearsal_*, before opening, presenters only): the slide on the private
	-- rehearsal wall (null: its first slide), the slides whose counts were revealed there, and a
	-- counter that grows with every rehearsal change, so the rehearsal wall knows it is behind.
	-- None of it is public, none of it is in the event log, and opening the evening clears it.
	rehearsal_position integer check (rehearsal_position between 0 and 10000),
	rehearsal_revealed integer[] not null default '{}',
	rehearsal_version integer not null default 0 check (rehearsal_version >= 0)
);

-- Set whoever opens the evening (api.evening_open, seed.sql, the owner). Takes the round's chain
-- lock (chain_entries.sql, app.chain_before_insert), so an entry is either counted here or comes
-- after, never both or neither.
create function app.evenings_mark_opening() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if new.opened_at is not null and (tg_op = 'INSERT' or old.opened_at is null) then
		perform pg_advisory_xact_lock(hashtextextended('klankbord.chain:' || new.round_id::text, 0));
		new.opened_chain_seq := coalesce(
			(select max(c.seq) from app.chain_entries c where c.round_id = new.round_id), 0);
	end if;
	return new;
end;
$$;

create trigger evenings_mark_opening before insert or update of opened_at on app.evenings
	for each row execute function app.evenings_mark_opening();

alter table app.evenings enable row level security;
create policy "staff read the evenings of their rounds" on app.evenings
	for select to authenticated using (round_id in (select app.staff_round_ids()));
create policy "interviewers read the evening of their round" on app.evenings
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "the audience reads an evening once it is opened" on app.evenings
	for select to anon, authenticated using (opened_at is not null);

grant select on app.evenings to anon, authenticated;
grant all on app.evenings to service_role;
