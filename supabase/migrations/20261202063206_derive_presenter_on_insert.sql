-- derive_presenter_on_insert
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

drop trigger if exists "interviewers_derive_presenter" on "app"."interviewers";

CREATE TRIGGER interviewers_derive_presenter BEFORE INSERT OR UPDATE ON app.interviewers FOR EACH ROW EXECUTE FUNCTION app.interviewers_derive_presenter();

