-- The peers' verdict on a response: the interviewers of the round say whether the answer helps.
-- One per interviewer per response (the key). An interviewer may change their own verdict later
-- (what they think of an answer may change; the count shows what they think now), but nobody
-- removes one: the voice of parents and young people is not taken back by anyone else.
-- The public sees counts and comments only (api.finding_story), never who gave them.
create table app.verdicts (
	response_id uuid not null references app.responses (id) on delete cascade,
	interviewer_id uuid not null references app.interviewers (id) on delete cascade,
	round_id uuid not null references app.rounds (id) on delete cascade,
	verdict text not null check (verdict in ('helpt', 'helpt_nog_niet', 'gaat_langs_ons_heen')),
	comment text check (char_length(comment) between 1 and 280 and comment = btrim(comment)),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	primary key (response_id, interviewer_id)
);
create index on app.verdicts (interviewer_id);
create index on app.verdicts (round_id);

create trigger verdicts_refuse_delete before delete on app.verdicts
	for each row execute function app.refuse_change();
create trigger verdicts_refuse_truncate before truncate on app.verdicts
	for each statement execute function app.refuse_change();
alter table app.verdicts enable always trigger verdicts_refuse_delete;
alter table app.verdicts enable always trigger verdicts_refuse_truncate;

-- The round comes from the response (so a verdict is always about its own round's finding), and
-- only while that round is published, for every role.
create function app.verdicts_fill() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	new.round_id := (select r.round_id from app.responses r where r.id = new.response_id);
	if app.round_state(new.round_id) is distinct from 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	return new;
end;
$$;
create trigger verdicts_fill before insert or update on app.verdicts
	for each row execute function app.verdicts_fill();

alter table app.verdicts enable row level security;
create policy "interviewers read their own verdicts" on app.verdicts
	for select to authenticated using (interviewer_id = (select app.current_interviewer_id()));
-- Only the round's own interviewers, only on a response to a finding of their round, only while
-- the round is published.
create policy "interviewers judge the responses of their own published round" on app.verdicts
	for insert to authenticated with check (
		interviewer_id = (select app.current_interviewer_id())
		and round_id = (select app.current_interviewer_round_id())
		and app.round_state(round_id) = 'gepubliceerd'
	);
create policy "interviewers change their own verdicts" on app.verdicts
	for update to authenticated
	using (interviewer_id = (select app.current_interviewer_id()))
	with check (
		interviewer_id = (select app.current_interviewer_id())
		and app.round_state(round_id) = 'gepubliceerd'
	);

grant select on app.verdicts to authenticated;
grant insert (response_id, interviewer_id, round_id, verdict, comment) on app.verdicts to authenticated;
grant update (verdict, comment, updated_at) on app.verdicts to authenticated;
grant all on app.verdicts to service_role;
