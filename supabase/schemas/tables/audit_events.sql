-- The public audit trail: every organisation action on a round (and who opened and closed the
-- evening) lands in an append-only log that everyone may read once the evening is open. Written
-- by triggers on the rows the actions change, so no path around the api functions stays silent,
-- and by the functions whose action leaves no row of its own (revocation, retention).

create table app.audit_events (
	id bigint generated always as identity primary key,
	round_id uuid not null references app.rounds (id),
	kind text not null check (kind in ('round_created', 'fieldwork_started', 'presenter_marked',
		'presenter_unmarked', 'interviewer_revoked', 'evening_opened', 'evening_closed',
		'round_published', 'retention_run', 'response_posted')),
	-- Names kept as text (like evening_events.actor_name): the log must outlive the rows.
	actor_name text check (char_length(actor_name) between 1 and 80),
	subject_name text check (char_length(subject_name) between 1 and 120),
	at timestamptz not null default clock_timestamp()
);
create index on app.audit_events (round_id, id);

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

-- Who is acting, by name: the signed-in staff member or interviewer; null for the system (seed,
-- retention, a superuser at the console).
create function app.current_actor_name() returns text
language sql stable security definer set search_path = ''
as $$
	select coalesce(
		(select s.display_name from app.staff s where s.id = app.current_staff_id()),
		(select i.display_name from app.interviewers i where i.id = app.current_interviewer_id())
	)
$$;

create function app.audit(p_round_id uuid, p_kind text, p_actor_name text, p_subject_name text,
	p_at timestamptz default null)
returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.audit_events (round_id, kind, actor_name, subject_name, at)
	values (p_round_id, p_kind, p_actor_name, p_subject_name, coalesce(p_at, clock_timestamp()))
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

create function app.audit_on_interviewer() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.audit(new.round_id,
		case when new.is_presenter then 'presenter_marked' else 'presenter_unmarked' end,
		app.current_actor_name(), new.display_name);
	return null;
end;
$$;

create function app.audit_on_evening() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if new.opened_at is not null and (tg_op = 'INSERT' or old.opened_at is distinct from new.opened_at) then
		perform app.audit(new.round_id, 'evening_opened',
			coalesce((select i.display_name from app.interviewers i where i.id = new.opened_by),
				app.current_actor_name()), null);
	end if;
	if new.closed_at is not null and (tg_op = 'INSERT' or old.closed_at is null) then
		perform app.audit(new.round_id, 'evening_closed',
			coalesce((select i.display_name from app.interviewers i where i.id = new.closed_by),
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
create trigger interviewers_audit after update of is_presenter on app.interviewers
	for each row when (old.is_presenter is distinct from new.is_presenter)
	execute function app.audit_on_interviewer();
create trigger evenings_audit after insert or update of opened_at, closed_at on app.evenings
	for each row execute function app.audit_on_evening();
create trigger responses_audit after insert on app.responses
	for each row execute function app.audit_on_response();
