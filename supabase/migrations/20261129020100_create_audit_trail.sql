-- The public audit trail: every organisation action on a round (and who opened and closed the
-- evening) lands in an append-only log that everyone may read once the evening is open. Written
-- by triggers on the rows the actions change, so no path around the api functions stays silent,
-- and by the functions whose action leaves no row of its own (revocation, retention).

create table app.audit_events (
	id bigint generated always as identity primary key,
	round_id uuid not null references app.rounds (id),
	kind text not null check (kind in ('round_created', 'fieldwork_started', 'presenter_marked',
		'presenter_unmarked', 'interviewer_revoked', 'evening_opened', 'evening_closed',
		'round_published', 'retention_run')),
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

create trigger rounds_audit after insert or update of state on app.rounds
	for each row execute function app.audit_on_round();
create trigger interviewers_audit after update of is_presenter on app.interviewers
	for each row when (old.is_presenter is distinct from new.is_presenter)
	execute function app.audit_on_interviewer();
create trigger evenings_audit after insert or update of opened_at, closed_at on app.evenings
	for each row execute function app.audit_on_evening();

-- Revocation changes sessions only, so the function itself writes the event.
create or replace function api.interviewer_revoke(p_interviewer_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_interviewer app.interviewers;
begin
	perform app.require_coordinator_of_interviewer(p_interviewer_id);
	update app.sessions set revoked_at = now()
	where interviewer_id = p_interviewer_id and revoked_at is null;
	select * into v_interviewer from app.interviewers i where i.id = p_interviewer_id;
	perform app.audit(v_interviewer.round_id, 'interviewer_revoked', app.current_actor_name(),
		v_interviewer.display_name);
end;
$$;

-- The trail of a round. Public once the evening is opened (like the chain); before that only the
-- coordinators of the round's organisation see it, everyone else gets the sealed answer.
create function api.round_audit(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = app.round_id_by_evening_code(p_evening_code);
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd')
		-- coalesce: for anon the role check is null, and `not null` would let them through.
		and not coalesce(app.is_coordinator_of_round(v_round.id), false)
	then
		return jsonb_build_object('sealed', true, 'round', jsonb_build_object(
			'title', v_round.title, 'evening_code', v_round.evening_code, 'state', v_round.state));
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state),
		'counts', jsonb_build_object(
			'interviewers_joined', (select count(*) from app.interviewers i where i.round_id = v_round.id),
			'interviews_submitted', (select count(*) from app.interviews v where v.round_id = v_round.id),
			'interviews_withdrawn', (select count(*) from app.interviews v
				where v.round_id = v_round.id and v.consent_withdrawn_at is not null),
			'findings_submitted', (select count(*) from app.findings f where f.round_id = v_round.id),
			'findings_withdrawn', (select count(*) from app.findings f
				where f.round_id = v_round.id and f.withdrawn_at is not null)
		),
		'events', (
			select coalesce(jsonb_agg(jsonb_build_object('at', a.at, 'kind', a.kind,
				'actor_name', a.actor_name, 'subject_name', a.subject_name) order by a.id), '[]'::jsonb)
			from app.audit_events a where a.round_id = v_round.id
		)
	);
end;
$$;

revoke all on all functions in schema api from public;
revoke all on function app.current_actor_name(), app.audit(uuid, text, text, text, timestamptz),
	app.audit_on_round(), app.audit_on_interviewer(), app.audit_on_evening() from public;
grant execute on function api.interviewer_revoke(uuid) to authenticated;
grant execute on function api.round_audit(text) to anon, authenticated;
