-- Staff accounts, with e-mail and password: coordinators, who run the organisation's rounds, and
-- municipal users (a municipal officer or councillor), tied to one or more of the organisation's
-- municipalities (staff_municipalities), who read results and respond but never edit a round or
-- a guide: every write policy and guard asks for the role 'coordinator'.
create table app.staff (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	role text not null check (role in ('coordinator', 'municipal')),
	display_name text not null check (char_length(display_name) between 1 and 80 and display_name = btrim(display_name)),
	email text not null unique check (
		char_length(email) between 3 and 254 and email = lower(btrim(email)) and email ~ '^[^@\s]+@[^@\s]+$'
	),
	-- bcrypt from pgcrypto's crypt(); never readable by anon/authenticated (column grants below).
	password_hash text not null check (password_hash like '$2%'),
	created_at timestamptz not null default now(),
	-- Access revoked: app.current_staff_id() no longer knows this person, so their next request is
	-- refused, and session_login refuses them. The row stays for the audit trail's names.
	revoked_at timestamptz,
	-- For staff_municipalities' foreign key: a link never crosses organisations.
	unique (id, organisation_id)
);

alter table app.staff enable row level security;
create policy "staff read their own account" on app.staff
	for select to authenticated using (id = (select app.current_staff_id()));

grant select (id, organisation_id, role, display_name, email, created_at, revoked_at) on app.staff to authenticated;
grant all on app.staff to service_role;
