-- add_notice_addresses
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

create table "app"."notice_addresses" (
    "interviewer_id" uuid not null,
    "round_id" uuid not null,
    "email" text not null,
    "created_at" timestamp with time zone not null default now()
      );

alter table "app"."notice_addresses" enable row level security;

CREATE UNIQUE INDEX notice_addresses_pkey ON app.notice_addresses USING btree (interviewer_id);

CREATE INDEX notice_addresses_round_id_idx ON app.notice_addresses USING btree (round_id);

alter table "app"."notice_addresses" add constraint "notice_addresses_pkey" PRIMARY KEY using index "notice_addresses_pkey";

alter table "app"."notice_addresses" add constraint "notice_addresses_email_check" CHECK (((char_length(email) <= 254) AND (email = btrim(email)) AND (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'::text))) not valid;

alter table "app"."notice_addresses" validate constraint "notice_addresses_email_check";

alter table "app"."notice_addresses" add constraint "notice_addresses_interviewer_id_fkey" FOREIGN KEY (interviewer_id) REFERENCES app.interviewers(id) ON DELETE CASCADE not valid;

alter table "app"."notice_addresses" validate constraint "notice_addresses_interviewer_id_fkey";

alter table "app"."notice_addresses" add constraint "notice_addresses_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.rounds(id) ON DELETE CASCADE not valid;

alter table "app"."notice_addresses" validate constraint "notice_addresses_round_id_fkey";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.notice_address()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
begin
	return jsonb_build_object('email',
		(select n.email from app.notice_addresses n where n.interviewer_id = v_me));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.notice_address_remove()
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
begin
	delete from app.notice_addresses where interviewer_id = v_me;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.notice_address_set(p_email text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_email text := btrim(coalesce(p_email, ''));
begin
	if char_length(v_email) not between 3 and 254
		or v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if app.round_state(v_round_id) = 'gearchiveerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	insert into app.notice_addresses (interviewer_id, round_id, email)
	values (v_me, v_round_id, v_email)
	on conflict (interviewer_id) do update set email = excluded.email;
	return jsonb_build_object('email', v_email);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.response_notices(p_response_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_response app.responses;
	v_round app.rounds;
begin
	select * into v_response from app.responses r
	where r.id = p_response_id and r.created_at > now() - interval '1 hour';
	if v_response.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	select * into v_round from app.rounds r where r.id = v_response.round_id;
	return jsonb_build_object(
		'round_title', v_round.title,
		'finding_id', v_response.finding_id,
		'response_id', v_response.id,
		'status', v_response.status,
		'recipients', (
			select coalesce(jsonb_agg(n.email order by n.created_at, n.interviewer_id), '[]'::jsonb)
			from app.notice_addresses n where n.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.notice_addresses_forget()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	delete from app.notice_addresses where round_id = new.id;
	return null;
end;
$function$
;

  create policy "interviewers change their own notice address"
  on "app"."notice_addresses"
  as permissive
  for update
  to authenticated
using ((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)))
with check (((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)) AND (app.round_state(round_id) <> 'gearchiveerd'::text)));

  create policy "interviewers leave their own notice address for their own round"
  on "app"."notice_addresses"
  as permissive
  for insert
  to authenticated
with check (((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)) AND (round_id = ( SELECT app.current_interviewer_round_id() AS current_interviewer_round_id)) AND (app.round_state(round_id) <> 'gearchiveerd'::text)));

  create policy "interviewers read their own notice address"
  on "app"."notice_addresses"
  as permissive
  for select
  to authenticated
using ((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)));

CREATE TRIGGER rounds_forget_notice_addresses AFTER UPDATE OF state ON app.rounds FOR EACH ROW WHEN ((new.state = 'gearchiveerd'::text)) EXECUTE FUNCTION app.notice_addresses_forget();

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant select on table app.notice_addresses to authenticated;
grant insert (interviewer_id) on table app.notice_addresses to authenticated;
grant insert (round_id) on table app.notice_addresses to authenticated;
grant insert (email), update (email) on table app.notice_addresses to authenticated;
grant execute on function api.notice_address() to authenticated;
grant execute on function api.notice_address_set(p_email text) to authenticated;
grant execute on function api.notice_address_remove() to authenticated;
grant execute on function api.response_notices(p_response_id uuid) to service_role;

