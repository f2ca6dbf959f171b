-- add_organisation_and_people
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."audit_events" drop constraint "audit_events_kind_check";

drop function if exists "api"."setup_complete"(p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text);

  create table "app"."invitations" (
    "id" uuid not null default gen_random_uuid(),
    "organisation_id" uuid not null,
    "role" text not null,
    "municipality_ids" uuid[] not null default '{}'::uuid[],
    "token_hash" bytea not null,
    "created_by" uuid,
    "created_at" timestamp with time zone not null default now(),
    "expires_at" timestamp with time zone not null,
    "used_at" timestamp with time zone,
    "used_by" uuid,
    "withdrawn_at" timestamp with time zone
      );

alter table "app"."invitations" enable row level security;

alter table "app"."audit_events" add column "organisation_id" uuid;

alter table "app"."audit_events" alter column "round_id" drop not null;

alter table "app"."organisations" add column "themes" text[] not null default ARRAY['Toegang'::text, 'Bejegening'::text, 'Samenwerking'::text, 'Wachttijd'::text, 'Resultaat'::text];

CREATE INDEX audit_events_organisation_id_id_idx ON app.audit_events USING btree (organisation_id, id);

CREATE INDEX invitations_organisation_id_idx ON app.invitations USING btree (organisation_id);

CREATE UNIQUE INDEX invitations_pkey ON app.invitations USING btree (id);

CREATE UNIQUE INDEX invitations_token_hash_key ON app.invitations USING btree (token_hash);

alter table "app"."invitations" add constraint "invitations_pkey" PRIMARY KEY using index "invitations_pkey";

alter table "app"."audit_events" add constraint "audit_events_check" CHECK (((round_id IS NOT NULL) OR (organisation_id IS NOT NULL))) not valid;

alter table "app"."audit_events" validate constraint "audit_events_check";

alter table "app"."audit_events" add constraint "audit_events_organisation_id_fkey" FOREIGN KEY (organisation_id) REFERENCES app.organisations(id) not valid;

alter table "app"."audit_events" validate constraint "audit_events_organisation_id_fkey";

alter table "app"."invitations" add constraint "invitations_check" CHECK (((role = 'municipal'::text) = (cardinality(municipality_ids) > 0))) not valid;

alter table "app"."invitations" validate constraint "invitations_check";

alter table "app"."invitations" add constraint "invitations_created_by_fkey" FOREIGN KEY (created_by) REFERENCES app.staff(id) ON DELETE SET NULL not valid;

alter table "app"."invitations" validate constraint "invitations_created_by_fkey";

alter table "app"."invitations" add constraint "invitations_organisation_id_fkey" FOREIGN KEY (organisation_id) REFERENCES app.organisations(id) ON DELETE CASCADE not valid;

alter table "app"."invitations" validate constraint "invitations_organisation_id_fkey";

alter table "app"."invitations" add constraint "invitations_role_check" CHECK ((role = ANY (ARRAY['coordinator'::text, 'municipal'::text]))) not valid;

alter table "app"."invitations" validate constraint "invitations_role_check";

alter table "app"."invitations" add constraint "invitations_token_hash_check" CHECK ((octet_length(token_hash) = 32)) not valid;

alter table "app"."invitations" validate constraint "invitations_token_hash_check";

alter table "app"."invitations" add constraint "invitations_token_hash_key" UNIQUE using index "invitations_token_hash_key";

alter table "app"."invitations" add constraint "invitations_used_by_fkey" FOREIGN KEY (used_by) REFERENCES app.staff(id) ON DELETE SET NULL not valid;

alter table "app"."invitations" validate constraint "invitations_used_by_fkey";

alter table "app"."organisations" add constraint "organisations_themes_check" CHECK (((cardinality(themes) >= 1) AND (cardinality(themes) <= 20))) not valid;

alter table "app"."organisations" validate constraint "organisations_themes_check";

alter table "app"."organisations" add constraint "organisations_themes_check1" CHECK ((array_position(themes, NULL::text) IS NULL)) not valid;

alter table "app"."organisations" validate constraint "organisations_themes_check1";

alter table "app"."audit_events" add constraint "audit_events_kind_check" CHECK ((kind = ANY (ARRAY['round_created'::text, 'fieldwork_started'::text, 'presenter_marked'::text, 'presenter_unmarked'::text, 'interviewer_revoked'::text, 'evening_opened'::text, 'evening_closed'::text, 'round_published'::text, 'retention_run'::text, 'access_granted'::text, 'access_revoked'::text]))) not valid;

alter table "app"."audit_events" validate constraint "audit_events_kind_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.invitation_accept(p_token text, p_display_name text, p_email text, p_password text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.invitation_create(p_role text, p_municipality_ids uuid[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.invitation_lookup(p_token text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.invitation_withdraw(p_invitation_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_org_id uuid := app.require_coordinator();
begin
	update app.invitations set withdrawn_at = now()
	where id = p_invitation_id and organisation_id = v_org_id and used_at is null and withdrawn_at is null;
	if not found then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.municipality_add(p_cbs_code text, p_name text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.municipality_remove(p_municipality_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.organisation_get()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.organisation_update(p_name text, p_themes text[])
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.people_list()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION api.setup_complete(p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text, p_municipalities jsonb, p_themes text[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_token_id uuid;
	v_org_name text := btrim(coalesce(p_organisation_name, ''));
	v_name text := btrim(coalesce(p_display_name, ''));
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
$function$
;

CREATE OR REPLACE FUNCTION api.staff_revoke(p_staff_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION app.audit_organisation(p_organisation_id uuid, p_kind text, p_actor_name text, p_subject_name text)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	insert into app.audit_events (organisation_id, kind, actor_name, subject_name)
	values (p_organisation_id, p_kind, p_actor_name, p_subject_name)
$function$
;

CREATE OR REPLACE FUNCTION app.check_municipality(p_cbs_code text, p_name text)
 RETURNS void
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
begin
	if coalesce(p_cbs_code, '') !~ '^GM[0-9]{4}$'
		or char_length(btrim(coalesce(p_name, ''))) not between 2 and 80 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipalities';
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.clean_themes(p_themes text[])
 RETURNS text[]
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION app.open_invitation(p_token text)
 RETURNS app.invitations
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION app.require_coordinator()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
begin
	perform app.require_staff();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return app.current_organisation_id();
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_audit(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = v_round_id;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd')
		-- coalesce: for anon the role check is null, and `not null` would let them through.
		and not coalesce(app.is_coordinator_of_round(v_round.id), false)
	then
		return app.sealed_round(v_round);
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state),
		'counts', jsonb_build_object(
			'interviewers_joined', (select count(*) from app.interviewers i where i.round_id = v_round.id),
			'interviews_submitted', (select count(*) from app.interviews v where v.round_id = v_round.id),
			'interviews_withdrawn', (select count(*) from app.interviews v
				where v.round_id = v_round.id and v.consent_withdrawn_at is not null),
			'findings_submitted', (select count(*) from app.findings f where f.round_id = v_round.id),
			'findings_withdrawn', (select count(*) from app.findings f
				where f.round_id = v_round.id and f.withdrawn_at is not null)
		),
		'events', (
			select coalesce(jsonb_agg(jsonb_build_object('at', a.at, 'kind', a.kind,
				'actor_name', a.actor_name, 'subject_name', a.subject_name) order by a.id), '[]'::jsonb)
			from app.audit_events a
			where a.round_id = v_round.id
				or (a.round_id is null and a.organisation_id = v_round.organisation_id)
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_create(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_title text := btrim(coalesce(p_title, ''));
	v_org uuid;
	v_round_id uuid;
	v_join_code text;
	v_q jsonb;
	v_pos bigint;
	v_kind text;
	v_prompt text;
	v_theme text;
	v_min text;
	v_max text;
	v_options text[];
	v_key text;
	v_attempt integer := 0;
begin
	perform app.require_staff();
	v_org := app.current_organisation_id();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if char_length(v_title) not between 3 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'title';
	end if;
	if p_target_group is null or p_target_group not in ('ouders', 'jongeren') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'target_group';
	end if;
	if coalesce(cardinality(p_municipality_ids), 0) = 0
		or array_position(p_municipality_ids, null) is not null
		or exists (
			select 1 from unnest(p_municipality_ids) as u(id)
			where not exists (
				select 1 from app.municipalities m where m.id = u.id and m.organisation_id = v_org
			)
		)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_ids';
	end if;
	if p_questions is null or jsonb_typeof(p_questions) <> 'array'
		or jsonb_array_length(p_questions) not between 1 and 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;

	-- A join code must be unique across all organisations; retry the rare collision.
	loop
		v_attempt := v_attempt + 1;
		v_join_code := app.random_code(8);
		begin
			insert into app.rounds (organisation_id, title, target_group, join_code, evening_code, created_by)
			values (v_org, v_title, p_target_group, v_join_code, app.random_code(6), app.current_staff_id())
			returning id into v_round_id;
			exit;
		exception when unique_violation then
			if v_attempt >= 5 then
				raise;
			end if;
		end;
	end loop;

	insert into app.round_municipalities (round_id, municipality_id)
	select distinct v_round_id, u.id from unnest(p_municipality_ids) as u(id);

	for v_q, v_pos in select e.value, e.ordinality from jsonb_array_elements(p_questions) with ordinality as e loop
		if jsonb_typeof(v_q) <> 'object' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		v_kind := v_q ->> 'kind';
		v_prompt := btrim(coalesce(v_q ->> 'prompt', ''));
		v_theme := btrim(coalesce(v_q ->> 'theme', ''));
		v_min := nullif(btrim(coalesce(v_q ->> 'scale_min_label', '')), '');
		v_max := nullif(btrim(coalesce(v_q ->> 'scale_max_label', '')), '');
		v_options := null;
		if v_kind is null or v_kind not in ('open', 'scale', 'single', 'multi')
			or char_length(v_prompt) not between 3 and 300
			or char_length(v_theme) not between 1 and 60
			or char_length(v_min) > 60 or char_length(v_max) > 60
			-- A scale says what 1 and 5 mean: both words, or the answers cannot be read.
			or (v_kind = 'scale' and (v_min is null or v_max is null))
		then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		-- The same key as a question of an earlier round (a starter guide's, or one copied) marks
		-- it as the same question; without one it gets a key of its own.
		v_key := coalesce(nullif(v_q ->> 'key', ''), gen_random_uuid()::text);
		if v_key !~ '^[a-z0-9][a-z0-9_-]{0,63}$' or exists (
			select 1 from app.questions q where q.round_id = v_round_id and q.key = v_key
		) then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		if v_kind in ('single', 'multi') then
			if jsonb_typeof(v_q -> 'options') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_q -> 'options') o
					where jsonb_typeof(o) <> 'string' or char_length(btrim(o #>> '{}')) not between 1 and 200
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
			select array_agg(btrim(o #>> '{}') order by n) into v_options
			from jsonb_array_elements(v_q -> 'options') with ordinality as x(o, n);
			if cardinality(v_options) not between 2 and 20
				or (select count(distinct x) from unnest(v_options) x) <> cardinality(v_options)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
		end if;
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
			scale_min_label, scale_max_label, options, key)
		values (v_round_id, 1, v_pos - 1, v_kind, v_prompt, v_theme,
			case when v_kind = 'scale' then v_min end, case when v_kind = 'scale' then v_max end, v_options,
			v_key);
	end loop;

	return jsonb_build_object('id', v_round_id, 'join_code', app.format_join_code(v_join_code));
end;
$function$
;

CREATE OR REPLACE FUNCTION app.questions_json(p_round_id uuid, p_guide_version integer)
 RETURNS jsonb
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
	select coalesce(jsonb_agg(jsonb_build_object(
		'id', q.id, 'position', q.position, 'kind', q.kind, 'prompt', q.prompt, 'theme', q.theme,
		'scale_min_label', q.scale_min_label, 'scale_max_label', q.scale_max_label,
		'options', to_jsonb(q.options), 'key', q.key
	) order by q.position), '[]'::jsonb)
	from app.questions q
	where q.round_id = p_round_id and q.guide_version = p_guide_version
$function$
;

  create policy "coordinators read the invitations of their organisation"
  on "app"."invitations"
  as permissive
  for select
  to authenticated
using (((organisation_id = ( SELECT app.current_organisation_id() AS current_organisation_id)) AND (( SELECT app.current_staff_role() AS current_staff_role) = 'coordinator'::text)));

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant all on table app.invitations to service_role;
grant select (id) on table app.invitations to authenticated;
grant select (organisation_id) on table app.invitations to authenticated;
grant select (role) on table app.invitations to authenticated;
grant select (municipality_ids) on table app.invitations to authenticated;
grant select (created_by) on table app.invitations to authenticated;
grant select (created_at) on table app.invitations to authenticated;
grant select (expires_at) on table app.invitations to authenticated;
grant select (used_at) on table app.invitations to authenticated;
grant select (used_by) on table app.invitations to authenticated;
grant select (withdrawn_at) on table app.invitations to authenticated;
grant execute on function api.setup_complete(p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text, p_municipalities jsonb, p_themes text[]) to service_role;
grant execute on function app.require_coordinator() to authenticated;
grant execute on function api.organisation_get() to authenticated;
grant execute on function api.organisation_update(p_name text, p_themes text[]) to authenticated;
grant execute on function api.municipality_add(p_cbs_code text, p_name text) to authenticated;
grant execute on function api.municipality_remove(p_municipality_id uuid) to authenticated;
grant execute on function api.invitation_create(p_role text, p_municipality_ids uuid[]) to authenticated;
grant execute on function api.invitation_withdraw(p_invitation_id uuid) to authenticated;
grant execute on function api.people_list() to authenticated;
grant execute on function api.staff_revoke(p_staff_id uuid) to authenticated;
grant execute on function api.invitation_lookup(p_token text) to service_role;
grant execute on function api.invitation_accept(p_token text, p_display_name text, p_email text, p_password text) to service_role;

