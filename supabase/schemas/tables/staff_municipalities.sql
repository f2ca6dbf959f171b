-- The municipalities a municipal user works for: they will read those municipalities' results and
-- respond to them. The foreign keys carry the organisation, so a link between a person and a
-- municipality of different organisations cannot exist.
create table app.staff_municipalities (
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	staff_id uuid not null,
	municipality_id uuid not null,
	primary key (staff_id, municipality_id),
	foreign key (staff_id, organisation_id) references app.staff (id, organisation_id) on delete cascade,
	foreign key (municipality_id, organisation_id)
		references app.municipalities (id, organisation_id) on delete cascade
);
create index on app.staff_municipalities (organisation_id);
create index on app.staff_municipalities (municipality_id);

-- Only a municipal user has municipalities: a coordinator sees the whole organisation anyway.
create function app.staff_municipalities_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
	if not exists (select 1 from app.staff s where s.id = new.staff_id and s.role = 'municipal') then
		raise exception using errcode = '23514', message = 'invalid_input', hint = 'staff_id';
	end if;
	return new;
end;
$$;
create trigger staff_municipalities_guard before insert or update on app.staff_municipalities
	for each row execute function app.staff_municipalities_guard();

alter table app.staff_municipalities enable row level security;
-- Who works for which municipality is no secret within the organisation (the people page lists it).
create policy "staff read the municipality links of their organisation" on app.staff_municipalities
	for select to authenticated using (organisation_id = (select app.current_organisation_id()));

-- Written only by the invitation functions (security definer) and the server.
grant select on app.staff_municipalities to authenticated;
grant all on app.staff_municipalities to service_role;
