-- add_team_learning_loop
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

create table "app"."team_agreements" (
    "id" uuid not null default gen_random_uuid(),
    "team_id" uuid not null,
    "finding_id" uuid not null,
    "round_id" uuid not null,
    "body" text not null,
    "owner" text not null,
    "look_back_on" date not null,
    "published" boolean not null default false,
    "created_at" timestamp with time zone not null default now()
      );

alter table "app"."team_agreements" enable row level security;

  create table "app"."team_look_backs" (
    "agreement_id" uuid not null,
    "body" text not null,
    "created_at" timestamp with time zone not null default now()
      );

alter table "app"."team_look_backs" enable row level security;

  create table "app"."teams" (
    "id" uuid not null default gen_random_uuid(),
    "organisation_id" uuid not null,
    "name" text not null,
    "created_at" timestamp with time zone not null default now()
      );

alter table "app"."teams" enable row level security;

CREATE INDEX team_agreements_finding_id_idx ON app.team_agreements USING btree (finding_id);

CREATE UNIQUE INDEX team_agreements_pkey ON app.team_agreements USING btree (id);

CREATE INDEX team_agreements_round_id_idx ON app.team_agreements USING btree (round_id);

CREATE INDEX team_agreements_team_id_look_back_on_idx ON app.team_agreements USING btree (team_id, look_back_on);

CREATE UNIQUE INDEX team_look_backs_pkey ON app.team_look_backs USING btree (agreement_id);

CREATE UNIQUE INDEX teams_organisation_id_name_key ON app.teams USING btree (organisation_id, name);

CREATE UNIQUE INDEX teams_pkey ON app.teams USING btree (id);

alter table "app"."team_agreements" add constraint "team_agreements_pkey" PRIMARY KEY using index "team_agreements_pkey";

alter table "app"."team_look_backs" add constraint "team_look_backs_pkey" PRIMARY KEY using index "team_look_backs_pkey";

alter table "app"."teams" add constraint "teams_pkey" PRIMARY KEY using index "teams_pkey";

alter table "app"."team_agreements" add constraint "team_agreements_body_check" CHECK (char_length(body) between 3 and 500 and body = btrim(body)) not valid;

alter table "app"."team_agreements" validate constraint "team_agreements_body_check";

alter table "app"."team_agreements" add constraint "team_agreements_finding_id_fkey" FOREIGN KEY (finding_id) REFERENCES app.findings(id) ON DELETE CASCADE not valid;

alter table "app"."team_agreements" validate constraint "team_agreements_finding_id_fkey";

alter table "app"."team_agreements" add constraint "team_agreements_owner_check" CHECK (char_length(owner) between 1 and 120 and owner = btrim(owner)) not valid;

alter table "app"."team_agreements" validate constraint "team_agreements_owner_check";

alter table "app"."team_agreements" add constraint "team_agreements_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.rounds(id) ON DELETE CASCADE not valid;

alter table "app"."team_agreements" validate constraint "team_agreements_round_id_fkey";

alter table "app"."team_agreements" add constraint "team_agreements_team_id_fkey" FOREIGN KEY (team_id) REFERENCES app.teams(id) ON DELETE CASCADE not valid;

alter table "app"."team_agreements" validate constraint "team_agreements_team_id_fkey";

alter table "app"."team_look_backs" add constraint "team_look_backs_agreement_id_fkey" FOREIGN KEY (agreement_id) REFERENCES app.team_agreements(id) ON DELETE CASCADE not valid;

alter table "app"."team_look_backs" validate constraint "team_look_backs_agreement_id_fkey";

alter table "app"."team_look_backs" add constraint "team_look_backs_body_check" CHECK (char_length(body) between 3 and 1000 and body = btrim(body)) not valid;

alter table "app"."team_look_backs" validate constraint "team_look_backs_body_check";

alter table "app"."teams" add constraint "teams_name_check" CHECK (char_length(name) between 1 and 60 and name = app.clean_name(name)) not valid;

alter table "app"."teams" validate constraint "teams_name_check";

alter table "app"."teams" add constraint "teams_organisation_id_fkey" FOREIGN KEY (organisation_id) REFERENCES app.organisations(id) ON DELETE CASCADE not valid;

alter table "app"."teams" validate constraint "teams_organisation_id_fkey";

alter table "app"."teams" add constraint "teams_organisation_id_name_key" UNIQUE using index "teams_organisation_id_name_key";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.finding_teams(p_finding_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if not exists (
		select 1 from app.findings f
		where f.id = p_finding_id and f.round_id in (select app.published_round_ids())
	) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return app.finding_teams_json(p_finding_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_team_agreements(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid;
begin
	select r.id into v_round_id from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code)
		and r.id in (select app.published_round_ids());
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return (
		select coalesce(jsonb_object_agg(f.id, app.finding_teams_json(f.id)), '{}'::jsonb)
		from app.findings f where f.round_id = v_round_id
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.team_agreement_record(p_team_id uuid, p_finding_id uuid, p_body text, p_owner text, p_look_back_on date, p_publish boolean DEFAULT false)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_body text := btrim(coalesce(p_body, ''));
	v_owner text := btrim(coalesce(p_owner, ''));
	v_id uuid;
begin
	if not exists (
		select 1 from app.team_cards(v_team.organisation_id) c where c.id = p_finding_id
	) then
		-- Not a card of this organisation (another's, unpublished, withdrawn): it does not exist.
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if char_length(v_body) not between 3 and 500 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'body';
	end if;
	if char_length(v_owner) not between 1 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'owner';
	end if;
	if p_look_back_on is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'look_back_on';
	end if;
	if p_look_back_on < current_date then
		raise exception using errcode = 'P0001', message = 'date_in_past', hint = 'look_back_on';
	end if;
	if p_look_back_on > current_date + 3660 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'look_back_on';
	end if;
	insert into app.team_agreements (team_id, finding_id, round_id, body, owner, look_back_on, published)
	values (v_team.id, p_finding_id, (select f.round_id from app.findings f where f.id = p_finding_id),
		v_body, v_owner, p_look_back_on, coalesce(p_publish, false))
	returning id into v_id;
	return jsonb_build_object('id', v_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.team_create(p_name text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_org uuid := app.require_team_coordinator();
	v_name text := app.clean_team_name(p_name);
	v_id uuid;
begin
	if exists (select 1 from app.teams t where t.organisation_id = v_org and lower(t.name) = lower(v_name)) then
		raise exception using errcode = 'P0001', message = 'name_taken', hint = 'name';
	end if;
	insert into app.teams (organisation_id, name) values (v_org, v_name) returning id into v_id;
	return jsonb_build_object('id', v_id, 'name', v_name);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.team_draw(p_team_id uuid, p_all boolean DEFAULT false)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_card app.findings;
begin
	select c.* into v_card from app.team_cards(v_team.organisation_id) c
	where coalesce(p_all, false) or not exists (
		select 1 from app.team_agreements a where a.team_id = v_team.id and a.finding_id = c.id
	)
	order by random() limit 1;
	if v_card.id is null then
		return jsonb_build_object('card', null);
	end if;
	return jsonb_build_object('card', app.card_json(v_card));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.team_look_back_record(p_agreement_id uuid, p_body text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_org uuid := app.require_team_coordinator();
	v_body text := btrim(coalesce(p_body, ''));
begin
	if not exists (
		select 1 from app.team_agreements a join app.teams t on t.id = a.team_id
		where a.id = p_agreement_id and t.organisation_id = v_org
	) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if char_length(v_body) not between 3 and 1000 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'body';
	end if;
	if exists (select 1 from app.team_look_backs l where l.agreement_id = p_agreement_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	insert into app.team_look_backs (agreement_id, body) values (p_agreement_id, v_body);
	return jsonb_build_object('agreement_id', p_agreement_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.team_meeting(p_team_id uuid, p_on date DEFAULT NULL::date)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_on date := coalesce(p_on, current_date);
begin
	if v_on < current_date or v_on > current_date + 3660 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'on';
	end if;
	return jsonb_build_object(
		'team', jsonb_build_object('id', v_team.id, 'name', v_team.name),
		'on', v_on,
		'cards', (select count(*) from app.team_cards(v_team.organisation_id)),
		'undiscussed', (
			select count(*) from app.team_cards(v_team.organisation_id) c
			where not exists (
				select 1 from app.team_agreements a where a.team_id = v_team.id and a.finding_id = c.id
			)
		),
		'due', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'agreement_id', a.id, 'body', a.body, 'owner', a.owner,
				'look_back_on', a.look_back_on, 'created_at', a.created_at,
				'card', app.card_json(f)
			) order by a.look_back_on, a.created_at, a.id), '[]'::jsonb)
			from app.team_agreements a join app.findings f on f.id = a.finding_id
			where a.team_id = v_team.id and a.look_back_on <= v_on
				and not exists (select 1 from app.team_look_backs l where l.agreement_id = a.id)
		),
		'agreements', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'agreement_id', a.id, 'body', a.body, 'owner', a.owner,
				'look_back_on', a.look_back_on, 'published', a.published,
				'statement', f.statement, 'look_back', l.body
			) order by a.created_at desc, a.id), '[]'::jsonb)
			from app.team_agreements a join app.findings f on f.id = a.finding_id
			left join app.team_look_backs l on l.agreement_id = a.id
			where a.team_id = v_team.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.team_rename(p_team_id uuid, p_name text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_name text := app.clean_team_name(p_name);
begin
	if exists (
		select 1 from app.teams t
		where t.organisation_id = v_team.organisation_id and lower(t.name) = lower(v_name)
			and t.id <> v_team.id
	) then
		raise exception using errcode = 'P0001', message = 'name_taken', hint = 'name';
	end if;
	update app.teams set name = v_name where id = v_team.id;
	return jsonb_build_object('id', v_team.id, 'name', v_name);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.teams_list()
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select coalesce(jsonb_agg(jsonb_build_object(
		'id', t.id, 'name', t.name, 'created_at', t.created_at,
		'agreements', (select count(*) from app.team_agreements a where a.team_id = t.id)
	) order by lower(t.name), t.id), '[]'::jsonb)
	from app.teams t where t.organisation_id = app.require_team_coordinator()
$function$
;

CREATE OR REPLACE FUNCTION app.card_json(p_finding app.findings)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select jsonb_build_object('finding_id', p_finding.id, 'theme', p_finding.theme,
		'statement', p_finding.statement, 'quote', p_finding.quote,
		'round', jsonb_build_object('title', r.title, 'target_group', r.target_group,
			'evening_code', r.evening_code))
	from app.rounds r where r.id = p_finding.round_id
$function$
;

CREATE OR REPLACE FUNCTION app.clean_team_name(p_name text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
declare
	v_name text := app.clean_name(coalesce(p_name, ''));
begin
	if char_length(v_name) not between 1 and 60 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'name';
	end if;
	return v_name;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.finding_teams_json(p_finding_id uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select jsonb_build_object(
		'teams', (select count(distinct a.team_id) from app.team_agreements a where a.finding_id = p_finding_id),
		'agreements', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'body', a.body, 'look_back_on', a.look_back_on, 'created_at', a.created_at,
				'look_back', l.body, 'looked_back_at', l.created_at
			) order by a.created_at, a.id), '[]'::jsonb)
			from app.team_agreements a left join app.team_look_backs l on l.agreement_id = a.id
			where a.finding_id = p_finding_id and a.published
		)
	)
$function$
;

CREATE OR REPLACE FUNCTION app.own_team(p_team_id uuid)
 RETURNS app.teams
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_team app.teams;
begin
	select * into v_team from app.teams t
	where t.id = p_team_id and t.organisation_id = app.require_team_coordinator();
	if v_team.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return v_team;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.require_team_coordinator()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_org uuid;
begin
	perform app.require_staff();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	v_org := app.current_organisation_id();
	return v_org;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.team_agreements_fill()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	new.round_id := (select f.round_id from app.findings f where f.id = new.finding_id);
	if app.round_state(new.round_id) is distinct from 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if (select r.organisation_id from app.rounds r where r.id = new.round_id)
		is distinct from (select t.organisation_id from app.teams t where t.id = new.team_id)
	then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.team_cards(p_organisation_id uuid)
 RETURNS SETOF app.findings
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select f.* from app.findings f join app.rounds r on r.id = f.round_id
	where r.organisation_id = p_organisation_id and r.state = 'gepubliceerd'
		and f.withdrawn_at is null and f.erased_at is null
$function$
;

  create policy "nobody touches team agreements except the team functions"
  on "app"."team_agreements"
  as permissive
  for all
  to anon, authenticated
using (false)
with check (false);

  create policy "nobody touches look-backs except the team functions"
  on "app"."team_look_backs"
  as permissive
  for all
  to anon, authenticated
using (false)
with check (false);

  create policy "nobody touches teams except the team functions"
  on "app"."teams"
  as permissive
  for all
  to anon, authenticated
using (false)
with check (false);

CREATE TRIGGER team_agreements_fill BEFORE INSERT OR UPDATE OF finding_id, team_id, round_id ON app.team_agreements FOR EACH ROW EXECUTE FUNCTION app.team_agreements_fill();

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant all on table app.teams to service_role;
grant all on table app.team_agreements to service_role;
grant all on table app.team_look_backs to service_role;
grant execute on function api.teams_list() to authenticated;
grant execute on function api.team_create(p_name text) to authenticated;
grant execute on function api.team_rename(p_team_id uuid, p_name text) to authenticated;
grant execute on function api.team_meeting(p_team_id uuid, p_on date) to authenticated;
grant execute on function api.team_draw(p_team_id uuid, p_all boolean) to authenticated;
grant execute on function api.team_agreement_record(p_team_id uuid, p_finding_id uuid, p_body text, p_owner text, p_look_back_on date, p_publish boolean) to authenticated;
grant execute on function api.team_look_back_record(p_agreement_id uuid, p_body text) to authenticated;
grant execute on function api.finding_teams(p_finding_id uuid) to anon, authenticated;
grant execute on function api.round_team_agreements(p_evening_code text) to anon, authenticated;
