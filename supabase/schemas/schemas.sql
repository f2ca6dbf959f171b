-- Two schemas: `app` holds the tables and is never exposed by PostgREST; `api` holds the data API
-- (supabase/API.md) and is the only exposed schema.
create schema if not exists app;
create schema if not exists api;

-- Postgres grants EXECUTE on every new function to PUBLIC. Splinter (0028/0029) flags that, and with
-- Supabase anyone holding the publishable key is `anon`, so new functions start with no grant at all
-- and each function is granted to exactly the roles that need them, next to its definition.
-- Default privileges cannot be revoked per schema, hence the global form (it applies to objects
-- this role creates). tests/db/lint.test.ts fails if any function is executable by PUBLIC.
alter default privileges revoke execute on functions from public;

-- Invoker functions in `api` read `app` tables as the caller; RLS decides which rows.
grant usage on schema app to anon, authenticated, service_role;
grant usage on schema api to anon, authenticated, service_role;
