-- People who joined a round with its code: a first name or pseudonym, nothing else. Presenters
-- are chosen by the other interviewers of the round (presenter_confirmations.sql); becoming or
-- stopping being one is in the public audit trail (trigger interviewers_audit, in
-- audit_events.sql), by member number, never by name.

-- How two display names are compared: case, accents and repeated spaces do not count, so
-- "Fatima", "FATIMA" and "Fátima" are one name in a round. normalize + stripping the combining
-- marks works the same on Postgres 15, 17 and PGlite, where the unaccent extension may be missing.
create function app.fold(p_text text) returns text
language sql immutable set search_path = ''
as $$
	select lower(regexp_replace(regexp_replace(normalize(btrim(coalesce(p_text, '')), NFKD),
		'[\u0300-\u036f]', '', 'g'), '\s+', ' ', 'g'))
$$;

-- The unique index below calls it for whoever writes a row (the server, as service_role).
grant execute on function app.fold(text) to service_role;

create table app.interviewers (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	display_name text not null check (char_length(display_name) between 1 and 40 and display_name = app.clean_name(display_name)),
	-- Derived, never set by hand: see app.presenter_due (presenter_confirmations.sql).
	is_presenter boolean not null default false,
	joined_at timestamptz not null default now(),
	-- 1, 2, 3… in the order people joined the round: the short tag (#3) that tells two people
	-- apart in the group, and the only way the public audit trail names an interviewer.
	member_no integer not null check (member_no >= 1),
	-- "Ik wil presenteren": set by api.presenter_volunteer, cleared when they step back.
	volunteered_at timestamptz,
	-- For the composite foreign keys of presenter_confirmations (both people of one round).
	unique (round_id, id),
	unique (round_id, member_no),
	-- When this interviewer last marked the responses to their round as seen (api.news_seen):
	-- what is newer is "new since your last visit".
	responses_seen_at timestamptz
);
create index on app.interviewers (round_id);
-- Display names are unique within a round, folded (app.fold).
create unique index interviewers_round_name_key on app.interviewers (round_id, app.fold(display_name));

-- The next member number of the round, under a per-round lock so two joins never share one.
create function app.interviewers_number() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform pg_advisory_xact_lock(hashtextextended('klankbord.members:' || new.round_id::text, 0));
	select coalesce(max(i.member_no), 0) + 1 into new.member_no
	from app.interviewers i where i.round_id = new.round_id;
	return new;
end;
$$;

create trigger interviewers_number before insert on app.interviewers
	for each row execute function app.interviewers_number();

alter table app.interviewers enable row level security;
create policy "staff see who joined their rounds" on app.interviewers
	for select to authenticated using (round_id in (select app.staff_round_ids()));
create policy "interviewers read their own row" on app.interviewers
	for select to authenticated using (id = (select app.current_interviewer_id()));

grant select on app.interviewers to authenticated;
grant all on app.interviewers to service_role;
