-- An organisation (e.g. a youth-care centre) and everything it runs. Organisations never see each
-- other's data.
create table app.organisations (
	id uuid primary key default gen_random_uuid(),
	name text not null unique check (char_length(name) between 2 and 120 and name = app.clean_name(name)),
	created_at timestamptz not null default now(),
	-- The themes a guide's questions are grouped by (B1 defaults, editable on the organisation
	-- page). Each theme is 1–60 characters; app.clean_themes() checks that before a write.
	themes text[] not null default array['Toegang', 'Bejegening', 'Samenwerking', 'Wachttijd', 'Resultaat']
		check (cardinality(themes) between 1 and 20)
		check (array_position(themes, null) is null)
);

alter table app.organisations enable row level security;
create policy "staff read their own organisation" on app.organisations
	for select to authenticated using (id = (select app.current_organisation_id()));

-- Grants: RLS decides rows, grants decide tables and columns. No DELETE anywhere.
grant select on app.organisations to authenticated;
grant all on app.organisations to service_role;
