-- add_reactions_undo_and_limits
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."reactions" drop constraint "reactions_kind_check";

drop function if exists "api"."react"(p_evening_code text, p_kind text, p_client_key text);

  create table "app"."reaction_taps" (
    "id" bigint generated always as identity not null,
    "round_id" uuid not null,
    "client_key" text not null,
    "address_key" text,
    "created_at" timestamp with time zone not null default now()
      );

alter table "app"."reaction_taps" enable row level security;

CREATE INDEX reaction_taps_address_key_created_at_idx ON app.reaction_taps USING btree (address_key, created_at);

CREATE INDEX reaction_taps_client_key_created_at_idx ON app.reaction_taps USING btree (client_key, created_at);

CREATE UNIQUE INDEX reaction_taps_pkey ON app.reaction_taps USING btree (id);

alter table "app"."reaction_taps" add constraint "reaction_taps_pkey" PRIMARY KEY using index "reaction_taps_pkey";

alter table "app"."reaction_taps" add constraint "reaction_taps_address_key_check" CHECK (((char_length(address_key) >= 1) AND (char_length(address_key) <= 200))) not valid;

alter table "app"."reaction_taps" validate constraint "reaction_taps_address_key_check";

alter table "app"."reaction_taps" add constraint "reaction_taps_client_key_check" CHECK (((char_length(client_key) >= 1) AND (char_length(client_key) <= 200))) not valid;

alter table "app"."reaction_taps" validate constraint "reaction_taps_client_key_check";

alter table "app"."reaction_taps" add constraint "reaction_taps_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.evenings(round_id) ON DELETE CASCADE not valid;

alter table "app"."reaction_taps" validate constraint "reaction_taps_round_id_fkey";

alter table "app"."reactions" add constraint "reactions_kind_check" CHECK ((kind = ANY (ARRAY['herkenbaar'::text, 'verrast'::text, 'meer_weten'::text]))) not valid;

alter table "app"."reactions" validate constraint "reactions_kind_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.react(p_evening_code text, p_kind text, p_client_key text, p_address_key text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_evening app.evenings;
	v_limits jsonb := app.reaction_limits();
begin
	if p_kind is null or p_kind not in ('herkenbaar', 'verrast', 'meer_weten') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
	end if;
	perform app.check_client_key(p_client_key);
	if p_address_key is not null then
		perform app.check_client_key(p_address_key);
	end if;
	v_evening := app.live_evening(v_round_id);
	if (select count(*) from app.reaction_taps t
			where t.client_key = p_client_key and t.created_at > now() - interval '1 minute')
			>= (v_limits ->> 'per_phone')::integer
		or (p_address_key is not null and (select count(*) from app.reaction_taps t
			where t.address_key = p_address_key and t.created_at > now() - interval '1 minute')
			>= (v_limits ->> 'per_address')::integer)
	then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	delete from app.reaction_taps t where t.round_id = v_round_id
		and t.created_at < now() - interval '10 minutes';
	insert into app.reaction_taps (round_id, client_key, address_key)
	values (v_round_id, p_client_key, p_address_key);

	delete from app.reactions x
	where x.round_id = v_round_id and x.slide_position = v_evening.position
		and x.kind = p_kind and x.client_key = p_client_key;
	if not found then
		insert into app.reactions (round_id, slide_position, kind, client_key)
		values (v_round_id, v_evening.position, p_kind, p_client_key);
	end if;
	-- A reaction is not worth a disk flush: losing the last taps in a crash harms nobody, and the
	-- hall taps a lot. Only this transaction.
	perform set_config('synchronous_commit', 'off', true);
	perform app.log_event(v_round_id, 'reacted', v_evening.position, null);
	return jsonb_build_object(
		'position', v_evening.position,
		'counts', app.reaction_counts(v_round_id, v_evening.position),
		'mine', app.my_reactions(v_round_id, v_evening.position, p_client_key)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.my_reactions(p_round_id uuid, p_position integer, p_client_key text)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select coalesce(jsonb_agg(x.kind order by x.kind), '[]'::jsonb) from app.reactions x
	where x.round_id = p_round_id and x.slide_position = p_position and x.client_key = p_client_key
$function$
;

CREATE OR REPLACE FUNCTION app.reaction_limits()
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$ select '{"per_phone": 30, "per_address": 1500}'::jsonb $function$
;

CREATE OR REPLACE FUNCTION app.reaction_counts(p_round_id uuid, p_position integer)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select jsonb_build_object(
		'herkenbaar', count(*) filter (where x.kind = 'herkenbaar'),
		'verrast', count(*) filter (where x.kind = 'verrast'),
		'meer_weten', count(*) filter (where x.kind = 'meer_weten')
	)
	from app.reactions x where x.round_id = p_round_id and x.slide_position = p_position
$function$
;

  create policy "nobody touches taps except the react function"
  on "app"."reaction_taps"
  as permissive
  for all
  to anon, authenticated
using (false)
with check (false);

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant all on table app.reaction_taps to service_role;
grant execute on function api.react(p_evening_code text, p_kind text, p_client_key text, p_address_key text) to service_role;

