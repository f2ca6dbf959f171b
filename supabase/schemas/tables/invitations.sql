-- One-time links that give a person access: a coordinator, or a municipal user for one or more of
-- the organisation's municipalities. Only sha256(token) is stored; a link works once, until it
-- expires (7 days) or a coordinator withdraws it. Who accepted it is in the audit trail.
create table app.invitations (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	role text not null check (role in ('coordinator', 'municipal')),
	-- Checked against the organisation by api.invitation_create; copied to staff_municipalities
	-- (with its foreign keys) when the invitation is accepted.
	municipality_ids uuid[] not null default '{}',
	token_hash bytea not null unique check (octet_length(token_hash) = 32),
	created_by uuid references app.staff (id) on delete set null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz,
	used_by uuid references app.staff (id) on delete set null,
	withdrawn_at timestamptz,
	check ((role = 'municipal') = (cardinality(municipality_ids) > 0))
);
create index on app.invitations (organisation_id);

alter table app.invitations enable row level security;
create policy "coordinators read the invitations of their organisation" on app.invitations
	for select to authenticated using (
		organisation_id = (select app.current_organisation_id())
		and (select app.current_staff_role()) = 'coordinator'
	);

-- Never the token's hash; written only by the invitation functions (security definer).
grant select (id, organisation_id, role, municipality_ids, created_by, created_at, expires_at,
	used_at, used_by, withdrawn_at) on app.invitations to authenticated;
grant all on app.invitations to service_role;
