-- Run daily by the server (service_role only). p_now is the clock, so tests can move it. Rounds
-- whose retention ran out lose every piece of free text: finding statements and quotes, open
-- answers. Scale and choice answers, counts, themes and the chain stay; no chain entry is added, so
-- the fingerprint the hall saw still verifies. Idempotent: an archived round is not looked at again.
create function api.retention_run(p_now timestamptz default now()) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_round app.rounds;
	v_rounds integer := 0;
	v_findings integer := 0;
	v_answers integer := 0;
	v_n integer;
	v_was text;
begin
	if p_now is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'now';
	end if;
	for v_round in
		select r.* from app.rounds r
		where r.state = 'gepubliceerd' and r.published_at is not null
			and r.published_at + make_interval(months => r.retention_months) < p_now
		order by r.published_at, r.id
		for update
	loop
		v_was := app.allow_finding_write();
		update app.findings set statement = null, quote = null, erased_at = p_now
		where round_id = v_round.id and erased_at is null and withdrawn_at is null;
		get diagnostics v_n = row_count;
		perform app.restore_finding_write(v_was);
		v_findings := v_findings + v_n;
		delete from app.answers a using app.interviews v
		where v.id = a.interview_id and v.round_id = v_round.id and a.text_value is not null;
		get diagnostics v_n = row_count;
		v_answers := v_answers + v_n;
		-- The fingerprints covered the erased text too.
		update app.interviews set submission_hash = null where round_id = v_round.id;
		update app.rounds set state = 'gearchiveerd' where id = v_round.id;
		perform app.audit(v_round.id, 'retention_run', null, null, p_now);
		v_rounds := v_rounds + 1;
	end loop;
	return jsonb_build_object('rounds_archived', v_rounds, 'findings_erased', v_findings,
		'answers_erased', v_answers);
end;
$$;

grant execute on function api.retention_run(timestamptz) to service_role;
