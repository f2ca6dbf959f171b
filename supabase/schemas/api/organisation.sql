-- The organisation page (and the setup wizard's second half): its name, its themes and the
-- municipalities it works for, chosen from the official list (src/lib/data/municipalities.ts;
-- the server checks a code against that list, the database its form). Reading is for all staff;
-- changing is for coordinators only. Writes are security definer: no person may write these
-- tables directly, and each function checks the caller first.

-- Trimmed, without empty lines or duplicates (ignoring case), in the order given; 1–20 themes
-- of 1–60 characters, else invalid_input at 'themes'.
create function app.clean_themes(p_themes text[]) returns text[]
language plpgsql immutable set search_path = ''
as $$
declare
	v_theme text;
	v_result text[] := '{}';
begin
	foreach v_theme in array coalesce(p_themes, '{}') loop
		v_theme := btrim(coalesce(v_theme, ''));
		continue when v_theme = '';
		if char_length(v_theme) > 60 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'themes';
		end if;
		continue when lower(v_theme) = any (select lower(t) from unnest(v_result) t);
		v_result := v_result || v_theme;
	end loop;
	if cardinality(v_result) not between 1 and 20 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'themes';
	end if;
	return v_result;
end;
$$;

-- A municipality of the official list: code GM + four digits, a name of 2–80 characters.
create function app.check_municipality(p_cbs_code text, p_name text) returns void
language plpgsql immutable set search_path = ''
as $$
begin
	if coalesce(p_cbs_code, '') !~ '^GM[0-9]{4}$'
		or char_length(btrim(coalesce(p_name, ''))) not between 2 and 80 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipalities';
	end if;
end;
$$;

-- Coordinators only; returns the caller's organisation.
create function app.require_coordinator() returns uuid
language plpgsql stable set search_path = ''
as $$
begin
	perform app.require_staff();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return app.current_organisation_id();
end;
$$;

create function api.organisation_get() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
begin
	perform app.require_staff();
	return (
		select jsonb_build_object(
			'id', o.id, 'name', o.name, 'themes', to_jsonb(o.themes),
			'municipalities', coalesce((
				select jsonb_agg(jsonb_build_object(
					'id', m.id, 'name', m.name, 'cbs_code', m.cbs_code,
					-- A municipality a round works in stays: its interviews name it.
					'in_use', exists (select 1 from app.round_municipalities rm where rm.municipality_id = m.id)
				) order by m.name)
				from app.municipalities m where m.organisation_id = o.id
			), '[]'::jsonb)
		)
		from app.organisations o where o.id = app.current_organisation_id()
	);
end;
$$;

create function api.organisation_update(p_name text, p_themes text[]) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
	v_name text := btrim(coalesce(p_name, ''));
	v_themes text[] := app.clean_themes(p_themes);
begin
	if char_length(v_name) not between 2 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'name';
	end if;
	if exists (select 1 from app.organisations o where lower(o.name) = lower(v_name) and o.id <> v_org_id) then
		raise exception using errcode = 'P0001', message = 'name_taken', hint = 'name';
	end if;
	update app.organisations set name = v_name, themes = v_themes where id = v_org_id;
end;
$$;

create function api.municipality_add(p_cbs_code text, p_name text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
	v_id uuid;
begin
	perform app.check_municipality(p_cbs_code, p_name);
	select m.id into v_id from app.municipalities m
	where m.organisation_id = v_org_id and (m.cbs_code = p_cbs_code or lower(m.name) = lower(btrim(p_name)));
	if v_id is not null then
		raise exception using errcode = 'P0001', message = 'municipality_exists', hint = 'municipalities';
	end if;
	insert into app.municipalities (organisation_id, name, cbs_code)
	values (v_org_id, btrim(p_name), p_cbs_code)
	returning id into v_id;
	return jsonb_build_object('id', v_id);
end;
$$;

-- Only while no round works in it (a round's interviews name their municipality).
create function api.municipality_remove(p_municipality_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org_id uuid := app.require_coordinator();
begin
	if not exists (select 1 from app.municipalities m where m.id = p_municipality_id and m.organisation_id = v_org_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if exists (select 1 from app.round_municipalities rm where rm.municipality_id = p_municipality_id) then
		raise exception using errcode = 'P0001', message = 'municipality_in_use', hint = 'municipalities';
	end if;
	delete from app.municipalities where id = p_municipality_id;
end;
$$;

grant execute on function app.require_coordinator() to authenticated;
grant execute on function api.organisation_get(), api.organisation_update(text, text[]),
	api.municipality_add(text, text), api.municipality_remove(uuid) to authenticated;
