-- What the organisation and the municipality answer, in public, to a finding of a published round.
-- A response never touches its finding: no column of app.findings changes, so the finding's text,
-- its hash-chain entries and /verifieer stay exactly as they were. A response is never edited or
-- removed either: a correction or a later step is a newer response (the timeline), and every
-- response is in the public audit trail (trigger responses_audit, in audit_events.sql).
create table app.responses (
	id uuid primary key default gen_random_uuid(),
	finding_id uuid not null references app.findings (id) on delete cascade,
	-- Filled in from the finding (responses_fill): the policies and the feed select by round.
	round_id uuid not null references app.rounds (id) on delete cascade,
	status text not null
		check (status in ('wordt_opgepakt', 'in_onderzoek', 'niet_mogelijk', 'afgerond')),
	body text not null check (char_length(body) between 3 and 2000 and body = btrim(body)),
	-- "Niet mogelijk, omdat …": the reason written out, for that status and no other.
	reason text check (char_length(reason) between 3 and 1000 and reason = btrim(reason)),
	planned_for date,
	-- The role only, never a person: who acted is in the audit trail, as for every staff action.
	author_role text not null check (author_role in ('coordinator', 'municipal')),
	created_at timestamptz not null default now(),
	constraint responses_reason_with_status check ((status = 'niet_mogelijk') = (reason is not null))
);
create index on app.responses (finding_id, created_at);
create index on app.responses (round_id, created_at);

-- The round comes from the finding, whatever the caller sent: a response can never be filed
-- under another round than its finding's. And nothing of this exists before publication, not even
-- for the server or the database owner. Runs before the policies' WITH CHECK.
create function app.responses_fill() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	new.round_id := (select f.round_id from app.findings f where f.id = new.finding_id);
	if app.round_state(new.round_id) is distinct from 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	return new;
end;
$$;
create trigger responses_fill before insert on app.responses
	for each row execute function app.responses_fill();

-- Append-only for every role, the database owner included (like the chain and the audit trail).
create function app.refuse_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
	raise exception using errcode = '42501', message = 'append_only',
		detail = 'app.' || tg_table_name || ': ' || tg_op || ' is refused for every role';
end;
$$;
create trigger responses_refuse_change before update or delete on app.responses
	for each row execute function app.refuse_change();
create trigger responses_refuse_truncate before truncate on app.responses
	for each statement execute function app.refuse_change();
alter table app.responses enable always trigger responses_refuse_change;
alter table app.responses enable always trigger responses_refuse_truncate;

alter table app.responses enable row level security;
create policy "everyone reads the responses of published rounds" on app.responses
	for select to anon, authenticated using (round_id in (select app.published_round_ids()));
-- A coordinator of the organisation, or a municipal user whose municipality the round covers;
-- only to a finding that was not withdrawn, only while the round is published.
create policy "responders answer findings of the rounds they may respond to" on app.responses
	for insert to authenticated with check (
		round_id in (select app.respondable_round_ids())
		and author_role = (select app.current_staff_role())
		and exists (
			select 1 from app.findings f
			where f.id = finding_id and f.withdrawn_at is null and f.erased_at is null
		)
	);

grant select on app.responses to anon, authenticated;
grant insert (finding_id, status, body, reason, planned_for, author_role) on app.responses
	to authenticated;
grant all on app.responses to service_role;

-- An interviewer who chose to hear of new responses by e-mail (issue 13, item 2): their address,
-- stored for that alone. Only they read, change or remove it (at once: a delete, no soft flag);
-- nobody else sees it, not the coordinator, not a municipal user, not their own group. The server
-- reads the addresses of a round through one function granted to service_role only
-- (api.response_notices), to send a notice right after a response was posted. The address goes
-- with the interviewer (cascade) and with the round's retention (notice_addresses_forget).
create table app.notice_addresses (
	interviewer_id uuid primary key references app.interviewers (id) on delete cascade,
	round_id uuid not null references app.rounds (id) on delete cascade,
	-- Stored as typed (trimmed); the pattern is the same as the api function's check.
	email text not null check (
		char_length(email) <= 254 and email = btrim(email)
		and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
	),
	created_at timestamptz not null default now()
);
create index on app.notice_addresses (round_id);

-- When the retention period ends (api/retention.sql archives the round), the addresses go: an
-- archived round gets no new responses to tell anyone about.
create function app.notice_addresses_forget() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	delete from app.notice_addresses where round_id = new.id;
	return null;
end;
$$;
create trigger rounds_forget_notice_addresses after update of state on app.rounds
	for each row when (new.state = 'gearchiveerd')
	execute function app.notice_addresses_forget();

alter table app.notice_addresses enable row level security;
create policy "interviewers read their own notice address" on app.notice_addresses
	for select to authenticated using (interviewer_id = (select app.current_interviewer_id()));
create policy "interviewers leave their own notice address for their own round" on app.notice_addresses
	for insert to authenticated with check (
		interviewer_id = (select app.current_interviewer_id())
		and round_id = (select app.current_interviewer_round_id())
		and app.round_state(round_id) <> 'gearchiveerd'
	);
create policy "interviewers change their own notice address" on app.notice_addresses
	for update to authenticated
	using (interviewer_id = (select app.current_interviewer_id()))
	with check (
		interviewer_id = (select app.current_interviewer_id())
		and app.round_state(round_id) <> 'gearchiveerd'
	);

-- Nothing for anon, nothing for service_role: the sender reads through api.response_notices. No
-- delete either (no app table has one for anon or authenticated): removing goes through
-- api.notice_address_remove, which removes the caller's own address and no other.
grant select on app.notice_addresses to authenticated;
grant insert (interviewer_id, round_id, email), update (email) on app.notice_addresses
	to authenticated;
