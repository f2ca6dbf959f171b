-- The municipalities a round works in.
create table app.round_municipalities (
	round_id uuid not null references app.rounds (id) on delete cascade,
	municipality_id uuid not null references app.municipalities (id) on delete cascade,
	primary key (round_id, municipality_id)
);

alter table app.round_municipalities enable row level security;
create policy "staff read the municipalities of their rounds" on app.round_municipalities
	for select to authenticated using (round_id in (select app.staff_round_ids()));
create policy "interviewers read the municipalities of their round" on app.round_municipalities
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "coordinators link their municipalities to their concept rounds" on app.round_municipalities
	for insert to authenticated with check (
		app.is_coordinator_of_round(round_id)
		and app.round_state(round_id) = 'concept'
		and exists (
			select 1 from app.municipalities m
			where m.id = municipality_id and m.organisation_id = (select app.current_organisation_id())
		)
	);

grant select, insert on app.round_municipalities to authenticated;
grant all on app.round_municipalities to service_role;
