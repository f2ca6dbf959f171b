-- The one-time setup of the first coordinator (API.md). Only the server calls these, as
-- service_role; security definer because no person may touch staff or the setup tokens.

create function api.setup_needed() returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object('needed', not exists (select 1 from app.staff))
$$;

create function api.setup_issue_token() returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_token text := app.new_token();
begin
	if exists (select 1 from app.staff) then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	insert into app.setup_tokens (token_hash, expires_at)
	values (app.token_hash(v_token), now() + interval '24 hours');
	return jsonb_build_object('token', v_token);
end;
$$;

-- The setup wizard in one go: the account, the organisation's name, its municipalities from the
-- official list ([{cbs_code, name}], at least one) and its themes.
create function api.setup_complete(
	p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text,
	p_municipalities jsonb, p_themes text[]
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_token_id uuid;
	v_org_name text := app.clean_name(p_organisation_name);
	v_name text := app.clean_name(p_display_name);
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_org_id uuid;
	v_staff_id uuid;
	v_themes text[];
	v_municipality jsonb;
begin
	select t.id into v_token_id from app.setup_tokens t
	where t.token_hash = app.token_hash(p_token) and t.used_at is null and t.expires_at > now()
	for update;
	if v_token_id is null or exists (select 1 from app.staff) then
		raise exception using errcode = 'P0001', message = 'setup_token_invalid';
	end if;
	if char_length(v_org_name) not between 2 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'organisation_name';
	end if;
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
	if jsonb_typeof(p_municipalities) is distinct from 'array'
		or jsonb_array_length(p_municipalities) not between 1 and 400 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipalities';
	end if;
	for v_municipality in select * from jsonb_array_elements(p_municipalities) loop
		perform app.check_municipality(v_municipality ->> 'cbs_code', v_municipality ->> 'name');
	end loop;
	v_themes := app.clean_themes(p_themes);

	select o.id into v_org_id from app.organisations o where lower(o.name) = lower(v_org_name);
	if v_org_id is null then
		insert into app.organisations (name, themes) values (v_org_name, v_themes) returning id into v_org_id;
	else
		update app.organisations set themes = v_themes where id = v_org_id;
	end if;
	-- Municipalities the organisation already has (the demo's) stay as they are.
	insert into app.municipalities (organisation_id, name, cbs_code)
	select v_org_id, btrim(m ->> 'name'), m ->> 'cbs_code' from jsonb_array_elements(p_municipalities) m
	on conflict do nothing;
	insert into app.staff (organisation_id, role, display_name, email, password_hash)
	values (v_org_id, 'coordinator', v_name, v_email, extensions.crypt(p_password, extensions.gen_salt('bf', 10)))
	returning id into v_staff_id;
	update app.setup_tokens set used_at = now() where id = v_token_id;
	return jsonb_build_object('staff_id', v_staff_id);
end;
$$;

grant execute on function api.setup_needed(), api.setup_issue_token(),
	api.setup_complete(text, text, text, text, text, jsonb, text[]) to service_role;
