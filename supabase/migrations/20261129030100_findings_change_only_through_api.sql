-- A finding changes only through the api functions that speak for its author (correct, withdraw,
-- withdraw consent) or for the retention job. Before this, a plain `update app.findings` by the
-- database owner was accepted and entered the chain as if the author had corrected it, so the
-- check page said "klopt". Now such an edit is refused; getting around it takes a deliberate
-- step (switching the guard off), and then verification names the finding (CHAIN.md).
--
-- The functions below carry the permission as a function-level setting: it holds only while they
-- run, and a caller of the data API cannot set it (PostgREST runs no free SQL).

create function app.findings_guard() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if coalesce(current_setting('klankbord.finding_write', true), '') <> 'on' then
		raise exception using errcode = '42501', message = 'not_allowed',
			detail = 'findings change only through the api functions';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger findings_guard before update or delete on app.findings
	for each row execute function app.findings_guard();

alter function api.finding_update(uuid, text, text, text) set klankbord.finding_write = 'on';
alter function api.finding_withdraw(uuid) set klankbord.finding_write = 'on';
alter function api.interview_withdraw(uuid) set klankbord.finding_write = 'on';
alter function api.retention_run(timestamptz) set klankbord.finding_write = 'on';

revoke all on function app.findings_guard() from public;
