-- add_public_responses
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

alter table "app"."audit_events" drop constraint "audit_events_kind_check";

  create table "app"."responses" (
    "id" uuid not null default gen_random_uuid(),
    "finding_id" uuid not null,
    "round_id" uuid not null,
    "status" text not null,
    "body" text not null,
    "reason" text,
    "planned_for" date,
    "author_role" text not null,
    "created_at" timestamp with time zone not null default now()
      );

alter table "app"."responses" enable row level security;

  create table "app"."verdicts" (
    "response_id" uuid not null,
    "interviewer_id" uuid not null,
    "round_id" uuid not null,
    "verdict" text not null,
    "comment" text,
    "created_at" timestamp with time zone not null default now(),
    "updated_at" timestamp with time zone not null default now()
      );

alter table "app"."verdicts" enable row level security;

alter table "app"."interviewers" add column "responses_seen_at" timestamp with time zone;

CREATE INDEX responses_finding_id_created_at_idx ON app.responses USING btree (finding_id, created_at);

CREATE UNIQUE INDEX responses_pkey ON app.responses USING btree (id);

CREATE INDEX responses_round_id_created_at_idx ON app.responses USING btree (round_id, created_at);

CREATE INDEX verdicts_interviewer_id_idx ON app.verdicts USING btree (interviewer_id);

CREATE UNIQUE INDEX verdicts_pkey ON app.verdicts USING btree (response_id, interviewer_id);

CREATE INDEX verdicts_round_id_idx ON app.verdicts USING btree (round_id);

alter table "app"."responses" add constraint "responses_pkey" PRIMARY KEY using index "responses_pkey";

alter table "app"."verdicts" add constraint "verdicts_pkey" PRIMARY KEY using index "verdicts_pkey";

alter table "app"."responses" add constraint "responses_author_role_check" CHECK ((author_role = ANY (ARRAY['coordinator'::text, 'municipal'::text]))) not valid;

alter table "app"."responses" validate constraint "responses_author_role_check";

alter table "app"."responses" add constraint "responses_body_check" CHECK (char_length(body) between 3 and 2000 and body = btrim(body)) not valid;

alter table "app"."responses" validate constraint "responses_body_check";

alter table "app"."responses" add constraint "responses_finding_id_fkey" FOREIGN KEY (finding_id) REFERENCES app.findings(id) ON DELETE CASCADE not valid;

alter table "app"."responses" validate constraint "responses_finding_id_fkey";

alter table "app"."responses" add constraint "responses_reason_check" CHECK (char_length(reason) between 3 and 1000 and reason = btrim(reason)) not valid;

alter table "app"."responses" validate constraint "responses_reason_check";

alter table "app"."responses" add constraint "responses_reason_with_status" CHECK (((status = 'niet_mogelijk'::text) = (reason IS NOT NULL))) not valid;

alter table "app"."responses" validate constraint "responses_reason_with_status";

alter table "app"."responses" add constraint "responses_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.rounds(id) ON DELETE CASCADE not valid;

alter table "app"."responses" validate constraint "responses_round_id_fkey";

alter table "app"."responses" add constraint "responses_status_check" CHECK ((status = ANY (ARRAY['wordt_opgepakt'::text, 'in_onderzoek'::text, 'niet_mogelijk'::text, 'afgerond'::text]))) not valid;

alter table "app"."responses" validate constraint "responses_status_check";

alter table "app"."verdicts" add constraint "verdicts_comment_check" CHECK (char_length(comment) between 1 and 280 and comment = btrim(comment)) not valid;

alter table "app"."verdicts" validate constraint "verdicts_comment_check";

alter table "app"."verdicts" add constraint "verdicts_interviewer_id_fkey" FOREIGN KEY (interviewer_id) REFERENCES app.interviewers(id) ON DELETE CASCADE not valid;

alter table "app"."verdicts" validate constraint "verdicts_interviewer_id_fkey";

alter table "app"."verdicts" add constraint "verdicts_response_id_fkey" FOREIGN KEY (response_id) REFERENCES app.responses(id) ON DELETE CASCADE not valid;

alter table "app"."verdicts" validate constraint "verdicts_response_id_fkey";

alter table "app"."verdicts" add constraint "verdicts_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.rounds(id) ON DELETE CASCADE not valid;

alter table "app"."verdicts" validate constraint "verdicts_round_id_fkey";

alter table "app"."verdicts" add constraint "verdicts_verdict_check" CHECK ((verdict = ANY (ARRAY['helpt'::text, 'helpt_nog_niet'::text, 'gaat_langs_ons_heen'::text]))) not valid;

alter table "app"."verdicts" validate constraint "verdicts_verdict_check";

alter table "app"."audit_events" add constraint "audit_events_kind_check" CHECK ((kind = ANY (ARRAY['round_created'::text, 'fieldwork_started'::text, 'presenter_marked'::text, 'presenter_unmarked'::text, 'interviewer_revoked'::text, 'evening_opened'::text, 'evening_closed'::text, 'round_published'::text, 'retention_run'::text, 'response_posted'::text]))) not valid;

alter table "app"."audit_events" validate constraint "audit_events_kind_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.finding_story(p_finding_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_finding app.findings;
	v_round app.rounds;
	v_open boolean;
begin
	select * into v_finding from app.findings f where f.id = p_finding_id;
	select * into v_round from app.rounds r
	where r.id = v_finding.round_id and r.id in (select app.published_round_ids());
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	v_open := v_round.state = 'gepubliceerd' and v_finding.withdrawn_at is null
		and v_finding.erased_at is null;
	return jsonb_build_object(
		'finding', jsonb_build_object(
			'id', v_finding.id, 'theme', v_finding.theme,
			'statement', case when v_finding.withdrawn_at is null then v_finding.statement end,
			'quote', case when v_finding.withdrawn_at is null then v_finding.quote end,
			'state', case when v_finding.withdrawn_at is not null then 'withdrawn'
				when v_finding.erased_at is not null then 'erased' else 'published' end
		),
		'round', jsonb_build_object('title', v_round.title, 'target_group', v_round.target_group,
			'evening_code', v_round.evening_code, 'state', v_round.state,
			'published_at', v_round.published_at),
		'responses', (
			select coalesce(jsonb_agg(app.response_json(r) order by r.created_at, r.id), '[]'::jsonb)
			from app.responses r where r.finding_id = v_finding.id
		),
		'viewer', jsonb_build_object(
			'can_respond', v_open and v_round.id in (select app.respondable_round_ids()),
			'can_judge', v_open and v_round.id is not distinct from app.current_interviewer_round_id(),
			'verdicts', (
				select coalesce(jsonb_agg(jsonb_build_object('response_id', v.response_id,
					'verdict', v.verdict, 'comment', v.comment)), '[]'::jsonb)
				from app.verdicts v join app.responses r on r.id = v.response_id
				where r.finding_id = v_finding.id and v.interviewer_id = app.current_interviewer_id()
			)
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.my_news()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_since timestamptz;
begin
	select i.responses_seen_at into v_since from app.interviewers i where i.id = v_me;
	return jsonb_build_object(
		'since', v_since,
		'responses', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', r.id, 'finding_id', r.finding_id, 'statement', f.statement, 'status', r.status,
				'created_at', r.created_at
			) order by r.created_at desc, r.id), '[]'::jsonb)
			from app.responses r join app.findings f on f.id = r.finding_id
			where r.round_id = app.current_interviewer_round_id()
				and (v_since is null or r.created_at > v_since)
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.news_seen()
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	update app.interviewers set responses_seen_at = now() where id = app.require_interviewer();
end;
$function$
;

CREATE OR REPLACE FUNCTION api.response_post(p_finding_id uuid, p_status text, p_body text, p_reason text DEFAULT NULL::text, p_planned_for date DEFAULT NULL::date)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_role text;
	v_round_id uuid;
	v_body text := btrim(coalesce(p_body, ''));
	v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
	v_id uuid;
begin
	perform app.require_staff();
	v_role := app.current_staff_role();
	-- Readable for staff only once the evening is opened, and never when withdrawn.
	select f.round_id into v_round_id from app.findings f where f.id = p_finding_id;
	if v_round_id is null or not app.is_staff_of_round(v_round_id) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_role <> 'coordinator' and not exists (
		select 1 from app.round_municipalities rm
		where rm.round_id = v_round_id
			and rm.municipality_id in (select app.current_staff_municipality_ids())
	) then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if app.round_state(v_round_id) <> 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if p_status is null
		or p_status not in ('wordt_opgepakt', 'in_onderzoek', 'niet_mogelijk', 'afgerond')
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'status';
	end if;
	if char_length(v_body) not between 3 and 2000 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'body';
	end if;
	if p_status = 'niet_mogelijk' then
		if v_reason is null then
			raise exception using errcode = 'P0001', message = 'reason_required', hint = 'reason';
		end if;
		if char_length(v_reason) not between 3 and 1000 then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'reason';
		end if;
	else
		v_reason := null;
	end if;
	if p_planned_for is not null and p_planned_for < current_date then
		raise exception using errcode = 'P0001', message = 'date_in_past', hint = 'planned_for';
	end if;

	insert into app.responses (finding_id, status, body, reason, planned_for, author_role)
	values (p_finding_id, p_status, v_body, v_reason, p_planned_for, v_role)
	returning id into v_id;
	return jsonb_build_object('id', v_id);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_accountability(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code)
		and r.id in (select app.published_round_ids());
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state, 'published_at', v_round.published_at),
		'findings', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', f.id, 'theme', f.theme,
				'statement', case when f.withdrawn_at is null then f.statement end,
				'state', case when f.withdrawn_at is not null then 'withdrawn'
					when f.erased_at is not null then 'erased' else 'published' end,
				'responses', coalesce(a.responses, 0),
				'latest_status', a.latest_status,
				'latest_at', a.latest_at,
				'verdicts', jsonb_build_object(
					'helpt', coalesce(v.helpt, 0),
					'helpt_nog_niet', coalesce(v.helpt_nog_niet, 0),
					'gaat_langs_ons_heen', coalesce(v.gaat_langs_ons_heen, 0)
				)
			) order by f.theme nulls last, f.created_at, f.id), '[]'::jsonb)
			from app.findings f
			left join lateral (
				select count(*) as responses, max(r.created_at) as latest_at,
					(array_agg(r.status order by r.created_at desc, r.id desc))[1] as latest_status
				from app.responses r where r.finding_id = f.id
			) a on true
			left join lateral (
				select count(*) filter (where x.verdict = 'helpt') as helpt,
					count(*) filter (where x.verdict = 'helpt_nog_niet') as helpt_nog_niet,
					count(*) filter (where x.verdict = 'gaat_langs_ons_heen') as gaat_langs_ons_heen
				from app.verdicts x join app.responses r on r.id = x.response_id
				where r.finding_id = f.id
			) v on true
			where f.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_responses(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
begin
	select * into v_round from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code)
		and r.id in (select app.published_round_ids());
	if v_round.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'published_at', v_round.published_at),
		'responses', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', r.id, 'finding_id', r.finding_id,
				'statement', case when f.withdrawn_at is null then f.statement end,
				'status', r.status, 'body', r.body, 'reason', r.reason,
				'planned_for', r.planned_for, 'author_role', r.author_role, 'created_at', r.created_at
			) order by r.created_at desc, r.id), '[]'::jsonb)
			from app.responses r join app.findings f on f.id = r.finding_id
			where r.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.verdict_give(p_response_id uuid, p_verdict text, p_comment text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid;
	v_comment text := nullif(btrim(coalesce(p_comment, '')), '');
begin
	-- Responses are readable once their round is published, so before that: not_found.
	select r.round_id into v_round_id from app.responses r where r.id = p_response_id;
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_round_id is distinct from app.current_interviewer_round_id() then
		raise exception using errcode = 'P0001', message = 'other_round';
	end if;
	if app.round_state(v_round_id) <> 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if p_verdict is null or p_verdict not in ('helpt', 'helpt_nog_niet', 'gaat_langs_ons_heen') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'verdict';
	end if;
	if char_length(v_comment) > 280 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'comment';
	end if;

	insert into app.verdicts (response_id, interviewer_id, round_id, verdict, comment)
	values (p_response_id, v_me, v_round_id, p_verdict, v_comment)
	on conflict (response_id, interviewer_id) do update
	set verdict = excluded.verdict, comment = excluded.comment, updated_at = now();
	return jsonb_build_object('response_id', p_response_id, 'verdict', p_verdict);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.audit_on_response()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	perform app.audit(new.round_id, 'response_posted', app.current_actor_name(), new.status);
	return null;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.published_round_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select r.id from app.rounds r where r.state in ('gepubliceerd', 'gearchiveerd')
$function$
;

CREATE OR REPLACE FUNCTION app.refuse_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
	raise exception using errcode = '42501', message = 'append_only',
		detail = 'app.' || tg_table_name || ': ' || tg_op || ' is refused for every role';
end;
$function$
;

CREATE OR REPLACE FUNCTION app.respondable_round_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select r.id from app.rounds r
	where r.state = 'gepubliceerd'
		and r.organisation_id = (select app.current_organisation_id())
		and (
			(select app.current_staff_role()) = 'coordinator'
			or exists (
				select 1 from app.round_municipalities rm
				where rm.round_id = r.id
					and rm.municipality_id in (select app.current_staff_municipality_ids())
			)
		)
$function$
;

CREATE OR REPLACE FUNCTION app.response_json(p_response app.responses)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select jsonb_build_object(
		'id', p_response.id, 'status', p_response.status, 'body', p_response.body,
		'reason', p_response.reason, 'planned_for', p_response.planned_for,
		'author_role', p_response.author_role, 'created_at', p_response.created_at,
		'verdicts', jsonb_build_object(
			'helpt', count(*) filter (where v.verdict = 'helpt'),
			'helpt_nog_niet', count(*) filter (where v.verdict = 'helpt_nog_niet'),
			'gaat_langs_ons_heen', count(*) filter (where v.verdict = 'gaat_langs_ons_heen')
		),
		'comments', coalesce(jsonb_agg(jsonb_build_object(
			'verdict', v.verdict, 'comment', v.comment, 'at', v.updated_at
		) order by v.updated_at, v.interviewer_id) filter (where v.comment is not null), '[]'::jsonb)
	)
	from app.verdicts v where v.response_id = p_response.id
$function$
;

CREATE OR REPLACE FUNCTION app.responses_fill()
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
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.verdicts_fill()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	new.round_id := (select r.round_id from app.responses r where r.id = new.response_id);
	if app.round_state(new.round_id) is distinct from 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	return new;
end;
$function$
;

  create policy "everyone reads the responses of published rounds"
  on "app"."responses"
  as permissive
  for select
  to anon, authenticated
using ((round_id IN ( SELECT app.published_round_ids() AS published_round_ids)));

  create policy "responders answer findings of the rounds they may respond to"
  on "app"."responses"
  as permissive
  for insert
  to authenticated
with check (((round_id IN ( SELECT app.respondable_round_ids() AS respondable_round_ids)) AND (author_role = ( SELECT app.current_staff_role() AS current_staff_role)) AND (EXISTS ( SELECT 1
   FROM app.findings f
  WHERE ((f.id = responses.finding_id) AND (f.withdrawn_at IS NULL) AND (f.erased_at IS NULL))))));

  create policy "interviewers change their own verdicts"
  on "app"."verdicts"
  as permissive
  for update
  to authenticated
using ((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)))
with check (((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)) AND (app.round_state(round_id) = 'gepubliceerd'::text)));

  create policy "interviewers judge the responses of their own published round"
  on "app"."verdicts"
  as permissive
  for insert
  to authenticated
with check (((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)) AND (round_id = ( SELECT app.current_interviewer_round_id() AS current_interviewer_round_id)) AND (app.round_state(round_id) = 'gepubliceerd'::text)));

  create policy "interviewers read their own verdicts"
  on "app"."verdicts"
  as permissive
  for select
  to authenticated
using ((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)));

CREATE TRIGGER responses_audit AFTER INSERT ON app.responses FOR EACH ROW EXECUTE FUNCTION app.audit_on_response();

CREATE TRIGGER responses_fill BEFORE INSERT ON app.responses FOR EACH ROW EXECUTE FUNCTION app.responses_fill();

CREATE TRIGGER responses_refuse_change BEFORE DELETE OR UPDATE ON app.responses FOR EACH ROW EXECUTE FUNCTION app.refuse_change();
ALTER TABLE "app"."responses" ENABLE ALWAYS TRIGGER "responses_refuse_change";

CREATE TRIGGER responses_refuse_truncate BEFORE TRUNCATE ON app.responses FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_change();
ALTER TABLE "app"."responses" ENABLE ALWAYS TRIGGER "responses_refuse_truncate";

CREATE TRIGGER verdicts_fill BEFORE INSERT OR UPDATE ON app.verdicts FOR EACH ROW EXECUTE FUNCTION app.verdicts_fill();

CREATE TRIGGER verdicts_refuse_delete BEFORE DELETE ON app.verdicts FOR EACH ROW EXECUTE FUNCTION app.refuse_change();
ALTER TABLE "app"."verdicts" ENABLE ALWAYS TRIGGER "verdicts_refuse_delete";

CREATE TRIGGER verdicts_refuse_truncate BEFORE TRUNCATE ON app.verdicts FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_change();
ALTER TABLE "app"."verdicts" ENABLE ALWAYS TRIGGER "verdicts_refuse_truncate";

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant select on table app.responses to anon, authenticated;
grant all on table app.responses to service_role;
grant select on table app.verdicts to authenticated;
grant all on table app.verdicts to service_role;
grant insert (finding_id) on table app.responses to authenticated;
grant insert (status) on table app.responses to authenticated;
grant insert (body) on table app.responses to authenticated;
grant insert (reason) on table app.responses to authenticated;
grant insert (planned_for) on table app.responses to authenticated;
grant insert (author_role) on table app.responses to authenticated;
grant insert (response_id) on table app.verdicts to authenticated;
grant insert (interviewer_id) on table app.verdicts to authenticated;
grant insert (round_id) on table app.verdicts to authenticated;
grant insert (verdict), update (verdict) on table app.verdicts to authenticated;
grant insert (comment), update (comment) on table app.verdicts to authenticated;
grant update (updated_at) on table app.verdicts to authenticated;
grant execute on function app.published_round_ids() to anon, authenticated, service_role;
grant execute on function app.respondable_round_ids() to anon, authenticated, service_role;
grant execute on function app.response_json(p_response app.responses) to anon, authenticated;
grant execute on function api.response_post(p_finding_id uuid, p_status text, p_body text, p_reason text, p_planned_for date) to authenticated;
grant execute on function api.verdict_give(p_response_id uuid, p_verdict text, p_comment text) to authenticated;
grant execute on function api.my_news() to authenticated;
grant execute on function api.news_seen() to authenticated;
grant execute on function api.finding_story(p_finding_id uuid) to anon, authenticated;
grant execute on function api.round_responses(p_evening_code text) to anon, authenticated;
grant execute on function api.round_accountability(p_evening_code text) to anon, authenticated;
