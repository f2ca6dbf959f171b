-- evaluate_policies_once_per_statement
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

drop policy "interviewers read the answers of their own interviews" on "app"."answers";

drop policy "everyone reads the event log of an opened evening" on "app"."evening_events";

drop policy "staff read the evenings of their rounds" on "app"."evenings";

drop policy "presenters read the findings of their round" on "app"."findings";

drop policy "the audience reads findings once the evening is opened" on "app"."findings";

drop policy "staff see who joined their rounds" on "app"."interviewers";

drop policy "interviewers read the municipalities of their round" on "app"."municipalities";

drop policy "staff read the guides of their rounds" on "app"."questions";

drop policy "staff read the municipalities of their rounds" on "app"."round_municipalities";

drop policy "presenters read the slides of their round" on "app"."slides";

drop policy "the audience reads slides once the evening is opened" on "app"."slides";

drop function if exists "app"."is_municipality_of_my_round"(p_municipality_id uuid);

CREATE INDEX findings_interview_id_idx ON app.findings USING btree (interview_id);

CREATE INDEX rounds_organisation_id_idx ON app.rounds USING btree (organisation_id);

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.current_interviewer_municipality_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select rm.municipality_id from app.round_municipalities rm
	where rm.round_id = (select app.current_interviewer_round_id())
$function$
;

CREATE OR REPLACE FUNCTION app.current_presenter_round_id()
 RETURNS uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select i.round_id from app.interviewers i where i.id = app.current_interviewer_id() and i.is_presenter
$function$
;

CREATE OR REPLACE FUNCTION app.opened_round_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select e.round_id from app.evenings e where e.opened_at is not null
$function$
;

CREATE OR REPLACE FUNCTION app.staff_round_ids()
 RETURNS SETOF uuid
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select r.id from app.rounds r where r.organisation_id = (select app.current_organisation_id())
$function$
;

CREATE OR REPLACE FUNCTION app.round_counts(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select jsonb_build_object(
		'interviewers', (select count(*) from app.interviewers i where i.round_id = p_round_id),
		'interviews', v.submitted,
		'findings', (select count(*) from app.findings f
			where f.round_id = p_round_id and f.withdrawn_at is null),
		'consent_withdrawn', v.withdrawn
	)
	from (
		select count(*) filter (where v.consent_withdrawn_at is null) as submitted,
			count(*) filter (where v.consent_withdrawn_at is not null) as withdrawn
		from app.interviews v where v.round_id = p_round_id
	) as v
$function$
;

  create policy "interviewers read the answers of their own interviews"
  on "app"."answers"
  as permissive
  for select
  to authenticated
using ((interview_id IN ( SELECT v.id
   FROM app.interviews v
  WHERE (v.interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)))));

  create policy "everyone reads the event log of an opened evening"
  on "app"."evening_events"
  as permissive
  for select
  to anon, authenticated
using ((round_id IN ( SELECT app.opened_round_ids() AS opened_round_ids)));

  create policy "staff read the evenings of their rounds"
  on "app"."evenings"
  as permissive
  for select
  to authenticated
using ((round_id IN ( SELECT app.staff_round_ids() AS staff_round_ids)));

  create policy "presenters read the findings of their round"
  on "app"."findings"
  as permissive
  for select
  to authenticated
using ((round_id = ( SELECT app.current_presenter_round_id() AS current_presenter_round_id)));

  create policy "the audience reads findings once the evening is opened"
  on "app"."findings"
  as permissive
  for select
  to anon, authenticated
using (((withdrawn_at IS NULL) AND (round_id IN ( SELECT app.opened_round_ids() AS opened_round_ids))));

  create policy "staff see who joined their rounds"
  on "app"."interviewers"
  as permissive
  for select
  to authenticated
using ((round_id IN ( SELECT app.staff_round_ids() AS staff_round_ids)));

  create policy "interviewers read the municipalities of their round"
  on "app"."municipalities"
  as permissive
  for select
  to authenticated
using ((id IN ( SELECT app.current_interviewer_municipality_ids() AS current_interviewer_municipality_ids)));

  create policy "staff read the guides of their rounds"
  on "app"."questions"
  as permissive
  for select
  to authenticated
using ((round_id IN ( SELECT app.staff_round_ids() AS staff_round_ids)));

  create policy "staff read the municipalities of their rounds"
  on "app"."round_municipalities"
  as permissive
  for select
  to authenticated
using ((round_id IN ( SELECT app.staff_round_ids() AS staff_round_ids)));

  create policy "presenters read the slides of their round"
  on "app"."slides"
  as permissive
  for select
  to authenticated
using ((round_id = ( SELECT app.current_presenter_round_id() AS current_presenter_round_id)));

  create policy "the audience reads slides once the evening is opened"
  on "app"."slides"
  as permissive
  for select
  to anon, authenticated
using ((round_id IN ( SELECT app.opened_round_ids() AS opened_round_ids)));

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant execute on function app.opened_round_ids() to anon, authenticated, service_role;
grant execute on function app.staff_round_ids() to anon, authenticated, service_role;
grant execute on function app.current_presenter_round_id() to anon, authenticated, service_role;
grant execute on function app.current_interviewer_municipality_ids() to anon, authenticated, service_role;

