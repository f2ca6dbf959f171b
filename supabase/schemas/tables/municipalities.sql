-- The municipalities an organisation works for; an interview records one of them.
create table app.municipalities (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	name text not null check (char_length(name) between 2 and 80 and name = btrim(name)),
	unique (organisation_id, name),
	-- The CBS code (GM0344 = Utrecht), from the official list the setup wizard offers
	-- (src/lib/data/municipalities.ts). Null only for municipalities made before that list existed.
	cbs_code text check (cbs_code ~ '^GM[0-9]{4}$'),
	unique (organisation_id, cbs_code),
	-- For staff_municipalities' foreign key: a link never crosses organisations.
	unique (id, organisation_id)
);

alter table app.municipalities enable row level security;
create policy "staff read the municipalities of their organisation" on app.municipalities
	for select to authenticated using (organisation_id = (select app.current_organisation_id()));
create policy "interviewers read the municipalities of their round" on app.municipalities
	for select to authenticated using (id in (select app.current_interviewer_municipality_ids()));

grant select on app.municipalities to authenticated;
grant all on app.municipalities to service_role;
