-- A round: one series of peer interviews for one target group, from concept through fieldwork and
-- the results evening to publication and, when its retention period ends, the archive.
-- Changes of state are in the public audit trail (trigger rounds_audit, in audit_events.sql).
create table app.rounds (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	title text not null check (char_length(title) between 3 and 120 and title = app.clean_name(title)),
	target_group text not null check (target_group in ('ouders', 'jongeren')),
	state text not null default 'concept'
		check (state in ('concept', 'veldwerk', 'avond', 'gepubliceerd', 'gearchiveerd')),
	-- Stored normalised (upper case, no dash); shown as ABCD-EFGH.
	join_code text not null unique check (join_code ~ '^[A-Z0-9]{8}$'),
	evening_code text not null unique check (evening_code ~ '^[A-Z0-9]{6}$'),
	guide_version integer not null default 1 check (guide_version between 1 and 1000),
	created_by uuid references app.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	-- Set by api.round_publish; the retention period (api.retention_run) runs from here.
	published_at timestamptz,
	retention_months integer not null default 12 check (retention_months between 1 and 120),
	-- How many other interviewers of the round must confirm a volunteer before they present
	-- (presenter_confirmations.sql). Fixed once fieldwork starts: nobody changes the rule once
	-- people have joined.
	presenter_quorum integer not null default 2 check (presenter_quorum between 2 and 5),
	-- Small-cell protection of the results (supabase/RESULTS.md): a cell built from fewer than
	-- this many interviews is hidden. Fixed once the round is published, so two versions of the
	-- same results can never be compared (api.round_set_min_cell).
	results_min_cell integer not null default 5 check (results_min_cell between 3 and 11),
	-- The results evening: when and where (api.round_set_details). Unset until the coordinator
	-- plans it; the join page, the projector and the audience show it once set.
	evening_starts_at timestamptz,
	evening_ends_at timestamptz,
	evening_place text check (char_length(evening_place) between 2 and 200),
	check (evening_ends_at > evening_starts_at),
	-- A youth round may let its interviewers add questions to the guide themselves (in the CJG
	-- practice young people wrote their own questions): api.round_set_own_questions.
	interviewers_add_questions boolean not null default false
		check (not interviewers_add_questions or target_group = 'jongeren')
);

-- Not even the server or the owner changes the quorum of a round that left the concept phase.
create function app.rounds_quorum_fixed() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if new.presenter_quorum is distinct from old.presenter_quorum and old.state <> 'concept' then
		raise exception using errcode = 'P0001', message = 'wrong_state', hint = 'presenter_quorum';
	end if;
	return new;
end;
$$;

create trigger rounds_quorum_fixed before update of presenter_quorum on app.rounds
	for each row execute function app.rounds_quorum_fixed();

-- Staff policies and app.staff_round_ids() filter on it.
create index on app.rounds (organisation_id);

alter table app.rounds enable row level security;
create policy "staff read the rounds of their organisation" on app.rounds
	for select to authenticated using (organisation_id = (select app.current_organisation_id()));
create policy "interviewers read their own round" on app.rounds
	for select to authenticated using (id = (select app.current_interviewer_round_id()));
create policy "coordinators create concept rounds in their organisation" on app.rounds
	for insert to authenticated with check (
		organisation_id = (select app.current_organisation_id())
		and (select app.current_staff_role()) = 'coordinator'
		and state = 'concept'
		and guide_version = 1
	);

grant select on app.rounds to authenticated;
grant insert (organisation_id, title, target_group, join_code, evening_code, created_by,
	presenter_quorum)
	on app.rounds to authenticated;
grant all on app.rounds to service_role;
