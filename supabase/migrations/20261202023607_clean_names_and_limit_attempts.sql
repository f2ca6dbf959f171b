-- clean_names_and_limit_attempts
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.
-- Finished by hand: auth_attempts.device_key is filled before it is made not null; the check
-- constraints that hold names to app.clean_name come after the function (migra put them
-- first) and after the rows already stored are cleaned. The audit trail is append-only and
-- keeps the names as they were written.

drop function if exists "api"."session_join"(p_code text, p_display_name text, p_client_key text);

drop function if exists "api"."session_login"(p_email text, p_password text, p_client_key text);

drop function if exists "app"."attempts_blocked"(p_kind text, p_client_key text, p_email text);

drop function if exists "app"."record_attempt"(p_kind text, p_client_key text, p_email text, p_succeeded boolean);

alter table "app"."auth_attempts" drop column "blocks_client";

alter table "app"."auth_attempts" drop column "blocks_email";

-- Attempts logged before devices were counted: their device is their address.
alter table "app"."auth_attempts" add column "device_key" text;
update app.auth_attempts set device_key = client_key;
alter table "app"."auth_attempts" alter column "device_key" set not null;

alter table "app"."auth_attempts" add column "round_id" uuid;

CREATE INDEX auth_attempts_kind_device_key_created_at_idx ON app.auth_attempts USING btree (kind, device_key, created_at);

CREATE INDEX auth_attempts_kind_round_id_created_at_idx ON app.auth_attempts USING btree (kind, round_id, created_at);

alter table "app"."auth_attempts" add constraint "auth_attempts_device_key_check" CHECK (((char_length(device_key) >= 1) AND (char_length(device_key) <= 200))) not valid;

alter table "app"."auth_attempts" validate constraint "auth_attempts_device_key_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.session_join(p_code text, p_display_name text, p_client_key text, p_device_key text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_name text := app.clean_name(p_display_name);
	v_round app.rounds;
	v_interviewer_id uuid;
begin
	perform app.check_client_key(p_client_key);
	perform app.check_client_key(coalesce(p_device_key, p_client_key));
	if app.attempts_blocked('join', p_client_key, coalesce(p_device_key, p_client_key)) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	if char_length(v_name) not between 1 and 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(coalesce(p_code, '')) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'code';
	end if;

	select * into v_round from app.rounds r where r.join_code = app.normalise_code(p_code);
	if not found then
		-- Returned, not raised: raising would roll back the failure we just counted.
		perform app.record_attempt('join', p_client_key, p_device_key, null, false);
		return jsonb_build_object('error', 'join_code_unknown');
	end if;
	if v_round.state <> 'veldwerk' then
		-- A real code of a closed round counts as a wrong try: old invitations are no way to probe.
		perform app.record_attempt('join', p_client_key, p_device_key, null, false, v_round.id);
		return jsonb_build_object('error', 'round_not_open');
	end if;
	-- The cap per round: no flood of joins makes a round's group unreadable.
	if (select count(*) from app.auth_attempts a
		where a.kind = 'join' and a.round_id = v_round.id and a.succeeded
			and a.created_at > now() - interval '15 minutes') >= 200
	then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;

	perform app.record_attempt('join', p_client_key, p_device_key, null, true, v_round.id);
	insert into app.interviewers (round_id, display_name)
	values (v_round.id, v_name)
	returning id into v_interviewer_id;
	return app.create_session(null, v_interviewer_id)
		|| jsonb_build_object('interviewer_id', v_interviewer_id, 'round_id', v_round.id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.session_login(p_email text, p_password text, p_client_key text, p_device_key text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_staff app.staff;
	v_failed bigint;
begin
	perform app.check_client_key(p_client_key);
	if char_length(v_email) not between 3 and 254 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	perform app.check_client_key(coalesce(p_device_key, p_client_key));
	if app.attempts_blocked('login', p_client_key, coalesce(p_device_key, p_client_key)) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	if app.login_must_wait(v_email, p_client_key, coalesce(p_device_key, p_client_key)) then
		raise exception using errcode = 'P0001', message = 'login_wait';
	end if;

	-- A revoked account cannot log in; it gets the same answer as a wrong password.
	select * into v_staff from app.staff s where s.email = v_email and s.revoked_at is null;
	if found and v_staff.password_hash = extensions.crypt(p_password, v_staff.password_hash) then
		-- Told after login (issue 8): how many failed tries there were since the last login.
		select count(*) into v_failed from app.auth_attempts a
		where a.kind = 'login' and a.email = v_email and not a.succeeded
			and a.created_at > coalesce((select max(b.created_at) from app.auth_attempts b
				where b.kind = 'login' and b.email = v_email and b.succeeded), '-infinity');
		perform app.record_attempt('login', p_client_key, p_device_key, v_email, true);
		return app.create_session(v_staff.id, null)
			|| jsonb_build_object('staff_id', v_staff.id, 'failed_attempts', v_failed);
	end if;
	if not found then
		-- Same bcrypt work for an unknown address, so timing does not tell which e-mails exist.
		perform extensions.crypt(p_password, '$2a$10$KlankbordDummySaltAbcd');
	end if;
	perform app.record_attempt('login', p_client_key, p_device_key, v_email, false);
	return jsonb_build_object('error', 'login_failed');
end;
$function$
;

CREATE OR REPLACE FUNCTION app.attempts_blocked(p_kind text, p_client_key text, p_device_key text)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select
		(select count(*) from app.auth_attempts a
			where a.kind = p_kind and a.device_key = p_device_key and not a.succeeded
				and a.created_at > now() - interval '15 minutes') >= 10
		or (select count(*) from app.auth_attempts a
			where a.kind = p_kind and a.client_key = p_client_key and not a.succeeded
				and a.created_at > now() - interval '15 minutes') >= 100
$function$
;

CREATE OR REPLACE FUNCTION app.clean_name(p_name text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
 SET search_path TO ''
AS $function$
	select btrim(normalize(regexp_replace(coalesce(p_name, ''),
		'[\u0001-\u001F\u007F-\u009F\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F]',
		'', 'g'), NFC))
$function$
;

CREATE OR REPLACE FUNCTION app.login_must_wait(p_email text, p_client_key text, p_device_key text)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	with failures as (
		select a.client_key, a.device_key, a.created_at from app.auth_attempts a
		where a.kind = 'login' and a.email = p_email and not a.succeeded
			and a.created_at > now() - interval '15 minutes'
	)
	select (select count(*) from failures) >= 5
		and exists (
			select 1 from failures f where f.device_key = p_device_key or f.client_key = p_client_key
		)
		and now() < (select max(f.created_at) from failures f)
			+ make_interval(secs => least(60, power(2, (select count(*) from failures) - 4)))
$function$
;

CREATE OR REPLACE FUNCTION app.record_attempt(p_kind text, p_client_key text, p_device_key text, p_email text, p_succeeded boolean, p_round_id uuid DEFAULT NULL::uuid)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	insert into app.auth_attempts (kind, client_key, device_key, email, succeeded, round_id)
	values (p_kind, p_client_key, coalesce(p_device_key, p_client_key), p_email, p_succeeded, p_round_id)
$function$
;

CREATE OR REPLACE FUNCTION api.round_create(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_title text := app.clean_name(p_title);
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
		v_theme := app.clean_name(v_q ->> 'theme');
		v_min := nullif(btrim(coalesce(v_q ->> 'scale_min_label', '')), '');
		v_max := nullif(btrim(coalesce(v_q ->> 'scale_max_label', '')), '');
		v_options := null;
		if v_kind is null or v_kind not in ('open', 'scale', 'single', 'multi')
			or char_length(v_prompt) not between 3 and 300
			or char_length(v_theme) not between 1 and 60
			or char_length(v_min) > 60 or char_length(v_max) > 60
		then
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
			scale_min_label, scale_max_label, options)
		values (v_round_id, 1, v_pos - 1, v_kind, v_prompt, v_theme,
			case when v_kind = 'scale' then v_min end, case when v_kind = 'scale' then v_max end, v_options);
	end loop;

	return jsonb_build_object('id', v_round_id, 'join_code', app.format_join_code(v_join_code));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.setup_complete(p_token text, p_organisation_name text, p_display_name text, p_email text, p_password text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_token_id uuid;
	v_org_name text := app.clean_name(p_organisation_name);
	v_name text := app.clean_name(p_display_name);
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_org_id uuid;
	v_staff_id uuid;
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

	select o.id into v_org_id from app.organisations o where lower(o.name) = lower(v_org_name);
	if v_org_id is null then
		insert into app.organisations (name) values (v_org_name) returning id into v_org_id;
	end if;
	insert into app.staff (organisation_id, role, display_name, email, password_hash)
	values (v_org_id, 'coordinator', v_name, v_email, extensions.crypt(p_password, extensions.gen_salt('bf', 10)))
	returning id into v_staff_id;
	update app.setup_tokens set used_at = now() where id = v_token_id;
	return jsonb_build_object('staff_id', v_staff_id);
end;
$function$
;

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant execute on function app.clean_name(p_name text) to anon, authenticated, service_role;
grant execute on function api.session_join(p_code text, p_display_name text, p_client_key text, p_device_key text) to service_role;
grant execute on function api.session_login(p_email text, p_password text, p_client_key text, p_device_key text) to service_role;

-- Names already stored, cleaned before the constraints hold them (a name of format characters
-- only would be empty: it becomes '?', so the migration cannot fail on it).
update app.organisations set name = coalesce(nullif(app.clean_name(name), ''), '??')
where name <> app.clean_name(name);
update app.staff set display_name = coalesce(nullif(app.clean_name(display_name), ''), '?')
where display_name <> app.clean_name(display_name);
update app.rounds set title = coalesce(nullif(app.clean_name(title), ''), '???')
where title <> app.clean_name(title);
update app.questions set theme = coalesce(nullif(app.clean_name(theme), ''), '?')
where theme <> app.clean_name(theme);
update app.interviewers set display_name = coalesce(nullif(app.clean_name(display_name), ''), '?')
where display_name <> app.clean_name(display_name);

alter table app.organisations drop constraint organisations_name_check;
alter table app.organisations add constraint organisations_name_check
	check (char_length(name) between 2 and 120 and name = app.clean_name(name));
alter table app.staff drop constraint staff_display_name_check;
alter table app.staff add constraint staff_display_name_check
	check (char_length(display_name) between 1 and 80 and display_name = app.clean_name(display_name));
alter table app.rounds drop constraint rounds_title_check;
alter table app.rounds add constraint rounds_title_check
	check (char_length(title) between 3 and 120 and title = app.clean_name(title));
alter table app.questions drop constraint questions_theme_check;
alter table app.questions add constraint questions_theme_check
	check (char_length(theme) between 1 and 60 and theme = app.clean_name(theme));
alter table app.interviewers drop constraint interviewers_display_name_check;
alter table app.interviewers add constraint interviewers_display_name_check
	check (char_length(display_name) between 1 and 40 and display_name = app.clean_name(display_name));
