-- Peers choose their presenters (promise 2: the organisation has no say over who opens the
-- evening). An interviewer volunteers (interviewers.volunteered_at); they present once at least
-- the round's presenter_quorum of OTHER interviewers of the same round confirm them. A
-- confirmation can be taken back until the evening opens; a presenter who falls below the quorum
-- stops presenting. Only the api functions in api/interviewers.sql write here.
create table app.presenter_confirmations (
	round_id uuid not null references app.rounds (id) on delete cascade,
	candidate_id uuid not null,
	confirmer_id uuid not null,
	confirmed_at timestamptz not null default now(),
	primary key (candidate_id, confirmer_id),
	-- Both people belong to this very round: a confirmation across rounds cannot exist.
	foreign key (round_id, candidate_id) references app.interviewers (round_id, id) on delete cascade,
	foreign key (round_id, confirmer_id) references app.interviewers (round_id, id) on delete cascade,
	constraint presenter_confirmations_not_self check (candidate_id <> confirmer_id)
);
create index on app.presenter_confirmations (round_id);
create index on app.presenter_confirmations (confirmer_id);

alter table app.presenter_confirmations enable row level security;
-- The roster is for the group only: interviewers of the round, not the organisation.
create policy "interviewers read the confirmations of their own round" on app.presenter_confirmations
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));

grant select on app.presenter_confirmations to authenticated;
grant all on app.presenter_confirmations to service_role;

-- Whether an interviewer presents: volunteered, and confirmed by at least the quorum.
create function app.presenter_due(p_id uuid, p_round_id uuid, p_volunteered_at timestamptz)
returns boolean
language sql stable security definer set search_path = ''
as $$
	select p_volunteered_at is not null and (
		select count(*) from app.presenter_confirmations c where c.candidate_id = p_id
	) >= (select r.presenter_quorum from app.rounds r where r.id = p_round_id)
$$;

-- is_presenter is derived: whatever an INSERT or UPDATE says, it ends up as app.presenter_due
-- says, for every role (the server's and the owner's too): a row written straight into the table
-- as a presenter has no confirmations, so it presents not. The policies read the plain column.
create function app.interviewers_derive_presenter() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	new.is_presenter := app.presenter_due(new.id, new.round_id, new.volunteered_at);
	return new;
end;
$$;

create trigger interviewers_derive_presenter before insert or update on app.interviewers
	for each row execute function app.interviewers_derive_presenter();

-- A confirmation given or taken back: the candidate's is_presenter follows.
create function app.presenter_confirmations_refresh() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_candidate uuid := case when tg_op = 'DELETE' then old.candidate_id else new.candidate_id end;
begin
	update app.interviewers i set is_presenter = not i.is_presenter
	where i.id = v_candidate
		and i.is_presenter is distinct from app.presenter_due(i.id, i.round_id, i.volunteered_at);
	return null;
end;
$$;

create trigger presenter_confirmations_refresh after insert or delete on app.presenter_confirmations
	for each row execute function app.presenter_confirmations_refresh();
