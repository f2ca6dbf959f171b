-- People: a coordinator invites coordinators and municipal users with a one-time link, sees who
-- has access and revokes it at once. Grants and revocations are organisation actions in the
-- public audit trail (app.audit_organisation). The writes are security definer: nobody writes
-- staff or invitations directly; each function checks the caller first. Accepting a link is the
-- server's (service_role), like setup: the person has no session yet.

-- The open invitation behind a token, or invitation_invalid (unknown, used, withdrawn, expired).
create function app.open_invitation(p_token text) returns app.invitations
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_invitation app.invitations;
begin
	select * into v_invitation from app.invitations i
	where i.token_hash = app.token_hash(p_token)
		and i.used_at is null and i.withdrawn_at is null and i.expires_at > now();
	if not found then
		raise exception using errcode = 'P0001', message = 'invitation_invalid';
	end if;
	return v_invitation;
end;
$$;

create function api.invitation_create(p_role text, p_municipality_ids uuid[]) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
	v_ids uuid[] := array(select distinct u from unnest(coalesce(p_municipality_ids, '{}')) u where u is not null);
	v_token text := app.new_token();
	v_invitation app.invitations;
begin
	if p_role is null or p_role not in ('coordinator', 'municipal') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'role';
	end if;
	-- A municipal user works for at least one municipality of this organisation; a coordinator
	-- for the whole organisation.
	if (p_role = 'municipal') <> (cardinality(v_ids) > 0)
		or exists (
			select 1 from unnest(v_ids) u
			where not exists (select 1 from app.municipalities m where m.id = u and m.organisation_id = v_org_id)
		)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_ids';
	end if;
	insert into app.invitations (organisation_id, role, municipality_ids, token_hash, created_by, expires_at)
	values (v_org_id, p_role, v_ids, app.token_hash(v_token), app.current_staff_id(), now() + interval '7 days')
	returning * into v_invitation;
	return jsonb_build_object('id', v_invitation.id, 'token', v_token,
		'expires_at', v_invitation.expires_at);
end;
$$;

create function api.invitation_withdraw(p_invitation_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
begin
	update app.invitations set withdrawn_at = now()
	where id = p_invitation_id and organisation_id = v_org_id and used_at is null and withdrawn_at is null;
	if not found then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
end;
$$;

-- What the link's page shows before the person fills anything in.
create function api.invitation_lookup(p_token text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_invitation app.invitations := app.open_invitation(p_token);
begin
	return jsonb_build_object(
		'organisation_name', (select o.name from app.organisations o where o.id = v_invitation.organisation_id),
		'role', v_invitation.role,
		'municipalities', coalesce((
			select jsonb_agg(m.name order by m.name) from app.municipalities m
			where m.id = any (v_invitation.municipality_ids)
		), '[]'::jsonb),
		'expires_at', v_invitation.expires_at
	);
end;
$$;

create function api.invitation_accept(p_token text, p_display_name text, p_email text, p_password text)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_invitation app.invitations := app.open_invitation(p_token);
	v_name text := btrim(coalesce(p_display_name, ''));
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_staff_id uuid;
begin
	if char_length(v_name) not between 1 and 80 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(v_email) not between 3 and 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 10 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	if exists (select 1 from app.staff s where s.email = v_email) then
		raise exception using errcode = 'P0001', message = 'email_taken', hint = 'email';
	end if;
	insert into app.staff (organisation_id, role, display_name, email, password_hash)
	values (v_invitation.organisation_id, v_invitation.role, v_name, v_email,
		extensions.crypt(p_password, extensions.gen_salt('bf', 10)))
	returning id into v_staff_id;
	-- A municipality removed since the invitation was made is simply not linked.
	insert into app.staff_municipalities (organisation_id, staff_id, municipality_id)
	select v_invitation.organisation_id, v_staff_id, m.id from app.municipalities m
	where m.id = any (v_invitation.municipality_ids) and m.organisation_id = v_invitation.organisation_id;
	update app.invitations set used_at = now(), used_by = v_staff_id where id = v_invitation.id;
	perform app.audit_organisation(v_invitation.organisation_id, 'access_granted',
		(select s.display_name from app.staff s where s.id = v_invitation.created_by), v_name);
	return jsonb_build_object('staff_id', v_staff_id);
end;
$$;

-- Who has access (and had it), and the invitations still open. Coordinators only: e-mail
-- addresses are not for everyone. Definer: staff may read only their own row of app.staff, so
-- this function checks the caller and reads their organisation's people itself.
create function api.people_list() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
begin
	return jsonb_build_object(
		'people', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', s.id, 'display_name', s.display_name, 'email', s.email, 'role', s.role,
				'created_at', s.created_at, 'revoked_at', s.revoked_at,
				'is_me', s.id = app.current_staff_id(),
				'municipalities', coalesce((
					select jsonb_agg(m.name order by m.name)
					from app.staff_municipalities sm join app.municipalities m on m.id = sm.municipality_id
					where sm.staff_id = s.id
				), '[]'::jsonb)
			) order by s.revoked_at is not null, s.display_name), '[]'::jsonb)
			from app.staff s where s.organisation_id = v_org_id
		),
		'invitations', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', i.id, 'role', i.role, 'created_at', i.created_at, 'expires_at', i.expires_at,
				'municipalities', coalesce((
					select jsonb_agg(m.name order by m.name) from app.municipalities m
					where m.id = any (i.municipality_ids)
				), '[]'::jsonb)
			) order by i.created_at), '[]'::jsonb)
			from app.invitations i
			where i.organisation_id = v_org_id and i.used_at is null and i.withdrawn_at is null
				and i.expires_at > now()
		)
	);
end;
$$;

-- At once: the account is nobody from the next request on (app.current_staff_id() checks
-- revoked_at) and its sessions end. Not oneself: an organisation never locks itself out.
create function api.staff_revoke(p_staff_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
	v_name text;
begin
	select s.display_name into v_name from app.staff s
	where s.id = p_staff_id and s.organisation_id = v_org_id and s.revoked_at is null;
	if v_name is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if p_staff_id = app.current_staff_id() then
		raise exception using errcode = 'P0001', message = 'revoke_self';
	end if;
	update app.staff set revoked_at = now() where id = p_staff_id;
	update app.sessions set revoked_at = now() where staff_id = p_staff_id and revoked_at is null;
	perform app.audit_organisation(v_org_id, 'access_revoked', app.current_actor_name(), v_name);
end;
$$;

grant execute on function api.invitation_create(text, uuid[]), api.invitation_withdraw(uuid),
	api.people_list(), api.staff_revoke(uuid) to authenticated;
grant execute on function api.invitation_lookup(text),
	api.invitation_accept(text, text, text, text) to service_role;
