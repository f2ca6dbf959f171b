-- add_municipal_accounts
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."staff" drop constraint "staff_role_check";

  create table "app"."staff_municipalities" (
    "organisation_id" uuid not null,
    "staff_id" uuid not null,
    "municipality_id" uuid not null
      );

alter table "app"."staff_municipalities" enable row level security;

alter table "app"."municipalities" add column "cbs_code" text;

alter table "app"."questions" add column "key" text not null default (gen_random_uuid())::text;

alter table "app"."staff" add column "revoked_at" timestamp with time zone;

CREATE UNIQUE INDEX municipalities_id_organisation_id_key ON app.municipalities USING btree (id, organisation_id);

CREATE UNIQUE INDEX municipalities_organisation_id_cbs_code_key ON app.municipalities USING btree (organisation_id, cbs_code);

CREATE UNIQUE INDEX questions_round_id_guide_version_key_key ON app.questions USING btree (round_id, guide_version, key);

CREATE UNIQUE INDEX staff_id_organisation_id_key ON app.staff USING btree (id, organisation_id);

CREATE INDEX staff_municipalities_municipality_id_idx ON app.staff_municipalities USING btree (municipality_id);

CREATE INDEX staff_municipalities_organisation_id_idx ON app.staff_municipalities USING btree (organisation_id);

CREATE UNIQUE INDEX staff_municipalities_pkey ON app.staff_municipalities USING btree (staff_id, municipality_id);

alter table "app"."staff_municipalities" add constraint "staff_municipalities_pkey" PRIMARY KEY using index "staff_municipalities_pkey";

alter table "app"."municipalities" add constraint "municipalities_cbs_code_check" CHECK ((cbs_code ~ '^GM[0-9]{4}$'::text)) not valid;

alter table "app"."municipalities" validate constraint "municipalities_cbs_code_check";

alter table "app"."municipalities" add constraint "municipalities_id_organisation_id_key" UNIQUE using index "municipalities_id_organisation_id_key";

alter table "app"."municipalities" add constraint "municipalities_organisation_id_cbs_code_key" UNIQUE using index "municipalities_organisation_id_cbs_code_key";

alter table "app"."questions" add constraint "questions_key_check" CHECK ((key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'::text)) not valid;

alter table "app"."questions" validate constraint "questions_key_check";

alter table "app"."questions" add constraint "questions_round_id_guide_version_key_key" UNIQUE using index "questions_round_id_guide_version_key_key";

alter table "app"."staff" add constraint "staff_id_organisation_id_key" UNIQUE using index "staff_id_organisation_id_key";

alter table "app"."staff_municipalities" add constraint "staff_municipalities_municipality_id_organisation_id_fkey" FOREIGN KEY (municipality_id, organisation_id) REFERENCES app.municipalities(id, organisation_id) ON DELETE CASCADE not valid;

alter table "app"."staff_municipalities" validate constraint "staff_municipalities_municipality_id_organisation_id_fkey";

alter table "app"."staff_municipalities" add constraint "staff_municipalities_organisation_id_fkey" FOREIGN KEY (organisation_id) REFERENCES app.organisations(id) ON DELETE CASCADE not valid;

alter table "app"."staff_municipalities" validate constraint "staff_municipalities_organisation_id_fkey";

alter table "app"."staff_municipalities" add constraint "staff_municipalities_staff_id_organisation_id_fkey" FOREIGN KEY (staff_id, organisation_id) REFERENCES app.staff(id, organisation_id) ON DELETE CASCADE not valid;

alter table "app"."staff_municipalities" validate constraint "staff_municipalities_staff_id_organisation_id_fkey";

-- Added by hand: a councillor is now one kind of municipal user.
update "app"."staff" set role = 'municipal' where role = 'councillor';

alter table "app"."staff" add constraint "staff_role_check" CHECK ((role = ANY (ARRAY['coordinator'::text, 'municipal'::text]))) not valid;

alter table "app"."staff" validate constraint "staff_role_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.current_staff_municipality_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select sm.municipality_id from app.staff_municipalities sm
	where sm.staff_id = (select app.current_staff_id())
$function$
;

CREATE OR REPLACE FUNCTION app.staff_municipalities_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
	if not exists (select 1 from app.staff s where s.id = new.staff_id and s.role = 'municipal') then
		raise exception using errcode = '23514', message = 'invalid_input', hint = 'staff_id';
	end if;
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.session_login(p_email text, p_password text, p_client_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_staff app.staff;
begin
	perform app.check_client_key(p_client_key);
	if char_length(v_email) not between 3 and 254 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	if app.attempts_blocked('login', p_client_key, v_email) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;

	-- A revoked account cannot log in; it gets the same answer as a wrong password.
	select * into v_staff from app.staff s where s.email = v_email and s.revoked_at is null;
	if found and v_staff.password_hash = extensions.crypt(p_password, v_staff.password_hash) then
		perform app.record_attempt('login', p_client_key, v_email, true);
		return app.create_session(v_staff.id, null) || jsonb_build_object('staff_id', v_staff.id);
	end if;
	if not found then
		-- Same bcrypt work for an unknown address, so timing does not tell which e-mails exist.
		perform extensions.crypt(p_password, '$2a$10$KlankbordDummySaltAbcd');
	end if;
	perform app.record_attempt('login', p_client_key, v_email, false);
	return jsonb_build_object('error', 'login_failed');
end;
$function$
;

CREATE OR REPLACE FUNCTION api.session_resolve(p_token text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_session app.sessions;
	v_staff app.staff;
	v_interviewer app.interviewers;
begin
	select * into v_session from app.sessions s where s.token_hash = app.token_hash(p_token);
	if not found or v_session.revoked_at is not null then
		return null;
	end if;
	-- Idle timeout and absolute lifetime (SECURITY.md): staff 8 h / 7 days, interviewers 60 / 180 days.
	if v_session.expires_at <= now()
		or v_session.last_seen_at < now() - (case when v_session.staff_id is not null
			then interval '8 hours' else interval '60 days' end)
	then
		update app.sessions set revoked_at = now() where id = v_session.id;
		return null;
	end if;
	-- One write a minute at most: this runs on every request.
	if v_session.last_seen_at < now() - interval '1 minute' then
		update app.sessions set last_seen_at = now() where id = v_session.id;
	end if;

	if v_session.staff_id is not null then
		select * into v_staff from app.staff st where st.id = v_session.staff_id;
		-- Access revoked: the session ends with it.
		if v_staff.revoked_at is not null then
			update app.sessions set revoked_at = now() where id = v_session.id;
			return null;
		end if;
		return jsonb_build_object(
			'session_id', v_session.id, 'kind', 'staff', 'person_id', v_staff.id,
			'display_name', v_staff.display_name, 'role', v_staff.role
		);
	end if;
	select * into v_interviewer from app.interviewers i where i.id = v_session.interviewer_id;
	return jsonb_build_object(
		'session_id', v_session.id, 'kind', 'interviewer', 'person_id', v_interviewer.id,
		'display_name', v_interviewer.display_name, 'round_id', v_interviewer.round_id,
		'is_presenter', v_interviewer.is_presenter
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.current_staff_id()
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select s.staff_id from app.sessions s join app.staff st on st.id = s.staff_id
	where s.id = (auth.jwt() ->> 'session_id')::uuid
		and s.staff_id = auth.uid()
		and s.revoked_at is null and s.expires_at > now()
		and st.revoked_at is null
$function$
;

  create policy "staff read the municipality links of their organisation"
  on "app"."staff_municipalities"
  as permissive
  for select
  to authenticated
using ((organisation_id = ( SELECT app.current_organisation_id() AS current_organisation_id)));

CREATE TRIGGER staff_municipalities_guard BEFORE INSERT OR UPDATE ON app.staff_municipalities FOR EACH ROW EXECUTE FUNCTION app.staff_municipalities_guard();

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant select on table app.staff_municipalities to authenticated;
grant all on table app.staff_municipalities to service_role;
grant select (revoked_at) on table app.staff to authenticated;
grant insert (key) on table app.questions to authenticated;
grant execute on function app.current_staff_municipality_ids() to anon, authenticated, service_role;

