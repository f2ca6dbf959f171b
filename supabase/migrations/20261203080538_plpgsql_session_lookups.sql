-- plpgsql_session_lookups
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.current_interviewer_id()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	return (
		select s.interviewer_id from app.sessions s
			where s.id = (auth.jwt() ->> 'session_id')::uuid
				and s.interviewer_id = auth.uid()
				and s.revoked_at is null and s.expires_at > now()
	);
end
$function$
;

CREATE OR REPLACE FUNCTION app.current_interviewer_round_id()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	return (
		select i.round_id from app.interviewers i where i.id = app.current_interviewer_id()
	);
end
$function$
;

CREATE OR REPLACE FUNCTION app.current_organisation_id()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	return (
		select st.organisation_id from app.staff st where st.id = app.current_staff_id()
	);
end
$function$
;

CREATE OR REPLACE FUNCTION app.current_staff_id()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	return (
		select s.staff_id from app.sessions s join app.staff st on st.id = s.staff_id
			where s.id = (auth.jwt() ->> 'session_id')::uuid
				and s.staff_id = auth.uid()
				and s.revoked_at is null and s.expires_at > now()
				and st.revoked_at is null
	);
end
$function$
;

CREATE OR REPLACE FUNCTION app.current_staff_role()
 RETURNS text
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	return (
		select st.role from app.staff st where st.id = app.current_staff_id()
	);
end
$function$
;

reset check_function_bodies;

