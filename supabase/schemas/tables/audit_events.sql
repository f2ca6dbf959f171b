-- The public audit trail: every organisation action on a round (and who opened and closed the
-- evening) lands in an append-only log that everyone may read once the evening is open. Written
-- by triggers on the rows the actions change, so no path around the api functions stays silent,
-- and by the functions whose action leaves no row of its own (revocation, retention).

create table app.audit_events (
	id bigint generated always as identity primary key,
	-- Null for an organisation action that belongs to no round (access granted or revoked); each
	-- round's trail shows those of its organisation too (api.round_audit).
	round_id uuid references app.rounds (id),
	kind text not null check (kind in ('round_created', 'fieldwork_started', 'presenter_marked',
		'presenter_unmarked', 'interviewer_revoked', 'evening_opened', 'evening_closed',
		'round_published', 'retention_run', 'access_granted', 'access_revoked', 'response_posted')),
	-- Names kept as text (like evening_events.actor_name): the log must outlive the rows.
	actor_name text check (char_length(actor_name) between 1 and 80),
	subject_name text check (char_length(subject_name) between 1 and 120),
	at timestamptz not null default clock_timestamp(),
	-- presenter_marked / presenter_unmarked: how many interviewers confirmed them at that moment.
	confirmations integer check (confirmations >= 0),
	organisation_id uuid references app.organisations (id),
	check (round_id is not null or organisation_id is not null)
);
create index on app.audit_events (round_id, id);
create index on app.audit_events (organisation_id, id);

alter table app.audit_events enable row level security;
create policy "nobody touches the audit trail except its writers" on app.audit_events
	for all to anon, authenticated using (false) with check (false);
grant select on app.audit_events to service_role;

create trigger audit_events_refuse_change before update or delete on app.audit_events
	for each row execute function app.chain_refuse_change();
create trigger audit_events_refuse_truncate before truncate on app.audit_events
	for each statement execute function app.chain_refuse_change();
alter table app.audit_events enable always trigger audit_events_refuse_change;
alter table app.audit_events enable always trigger audit_events_refuse_truncate;

-- An interviewer as the public trail names them: their member number (#3), never their name.
-- Interviewers are often parents who received youth care themselves (PRODUCT.md).
create function app.member_tag(p_interviewer_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select '#' || i.member_no from app.interviewers i where i.id = p_interviewer_id
$$;

-- Who is acting: the signed-in staff member by name (the organisation answers for its actions),
-- an interviewer by member tag; null for the system (seed, retention, a superuser at the console).
create function app.current_actor_name() returns text
language sql stable security definer set search_path = ''
as $$
	select coalesce(
		(select s.display_name from app.staff s where s.id = app.current_staff_id()),
		app.member_tag(app.current_interviewer_id())
	)
$$;

create function app.audit(p_round_id uuid, p_kind text, p_actor_name text, p_subject_name text,
	p_at timestamptz default null, p_confirmations integer default null)
returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.audit_events (round_id, kind, actor_name, subject_name, at, confirmations)
	values (p_round_id, p_kind, p_actor_name, p_subject_name, coalesce(p_at, clock_timestamp()),
		p_confirmations)
$$;

-- An organisation action: who gave or took access, and whose (the account's name).
create function app.audit_organisation(p_organisation_id uuid, p_kind text, p_actor_name text,
	p_subject_name text)
returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.audit_events (organisation_id, kind, actor_name, subject_name)
	values (p_organisation_id, p_kind, p_actor_name, p_subject_name)
$$;

create function app.audit_on_round() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform app.audit(new.id, 'round_created', app.current_actor_name(), new.title);
	elsif new.state is distinct from old.state then
		if new.state = 'veldwerk' then
			perform app.audit(new.id, 'fieldwork_started', app.current_actor_name(), null);
		elsif new.state = 'gepubliceerd' then
			perform app.audit(new.id, 'round_published', app.current_actor_name(), null);
		end if;
		-- 'avond' is logged as evening_opened (evenings), 'gearchiveerd' as retention_run.
	end if;
	return null;
end;
$$;

-- A presenter made or unmade, by member tag and the number of confirmations. Also on insert: a row
-- that starts as presenter (only the server or the owner can write one) is in the trail too.
create function app.audit_on_interviewer() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.audit(new.round_id,
		case when new.is_presenter then 'presenter_marked' else 'presenter_unmarked' end,
		app.current_actor_name(), '#' || new.member_no, null,
		(select count(*)::integer from app.presenter_confirmations c where c.candidate_id = new.id));
	return null;
end;
$$;

create function app.audit_on_evening() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if new.opened_at is not null and (tg_op = 'INSERT' or old.opened_at is distinct from new.opened_at) then
		perform app.audit(new.round_id, 'evening_opened',
			coalesce(app.member_tag(new.opened_by),
				app.current_actor_name()), null);
	end if;
	if new.closed_at is not null and (tg_op = 'INSERT' or old.closed_at is null) then
		perform app.audit(new.round_id, 'evening_closed',
			coalesce(app.member_tag(new.closed_by),
				app.current_actor_name()), null);
	end if;
	return null;
end;
$$;

-- A public response (responses.sql): who answered, and with which status.
create function app.audit_on_response() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.audit(new.round_id, 'response_posted', app.current_actor_name(), new.status);
	return null;
end;
$$;

create trigger rounds_audit after insert or update of state on app.rounds
	for each row execute function app.audit_on_round();
-- After any update, not only `of is_presenter`: the column is derived, so an update of another
-- column can change it too (interviewers_derive_presenter).
create trigger interviewers_audit after update on app.interviewers
	for each row when (old.is_presenter is distinct from new.is_presenter)
	execute function app.audit_on_interviewer();
create trigger interviewers_audit_insert after insert on app.interviewers
	for each row when (new.is_presenter) execute function app.audit_on_interviewer();
create trigger evenings_audit after insert or update of opened_at, closed_at on app.evenings
	for each row execute function app.audit_on_evening();
create trigger responses_audit after insert on app.responses
	for each row execute function app.audit_on_response();
