-- A finding may not be linked to an interview whose consent was withdrawn: that consent is gone.
-- Same function as before (20261128170500), with that one extra condition.
create or replace function api.finding_create(
	p_id uuid, p_statement text, p_quote text default null, p_theme text default null,
	p_interview_id uuid default null
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_clean record;
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	if exists (select 1 from app.findings f where f.id = p_id and f.interviewer_id = v_me) then
		return jsonb_build_object('id', p_id, 'created', false);
	end if;
	if app.round_state(v_round_id) not in ('veldwerk', 'avond') then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_round_id, p_statement, p_quote, p_theme);
	if p_interview_id is not null and not exists (
		select 1 from app.interviews v
		where v.id = p_interview_id and v.interviewer_id = v_me and v.consent_withdrawn_at is null
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interview_id';
	end if;

	insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme)
	values (p_id, v_round_id, v_me, p_interview_id, v_clean.statement, v_clean.quote, v_clean.theme)
	on conflict (id) do nothing;
	if not found then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return jsonb_build_object('id', p_id, 'created', true);
end;
$$;

revoke all on all functions in schema api from public;
grant execute on function api.finding_create(uuid, text, text, text, uuid) to authenticated;
