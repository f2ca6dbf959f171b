-- The end of a round's life: the coordinator publishes it after the evening closed; when the
-- retention period has run out, free text is erased and the round archived; and at any time until
-- then an interviewer can withdraw an interviewee's consent, which erases that interview.

alter table app.rounds add column published_at timestamptz;
alter table app.rounds add column retention_months integer not null default 12
	check (retention_months between 1 and 120);

-- Withdrawal of consent erases the interviewee's profile too (group, age band, municipality):
-- without answers they serve no purpose, and in a small municipality "a parent of 24+ in
-- Oldebroek, interviewed by Anouk on 3 March" can point at one family. What stays is what proves
-- the interview happened and consent was given and then withdrawn (consent form, consent time,
-- guardian consent, withdrawal time), so it is counted and accountable (GDPR art. 5(2), 7(1)).
alter table app.interviews alter column interviewee_group drop not null;
alter table app.interviews alter column age_band drop not null;
alter table app.interviews alter column municipality_id drop not null;
alter table app.interviews add constraint interviews_profile_check check (
	consent_withdrawn_at is not null
	or (interviewee_group is not null and age_band is not null and municipality_id is not null)
);

create function api.round_publish(p_round_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
	perform app.require_coordinator_of_round(p_round_id);
	perform 1 from app.rounds r where r.id = p_round_id for update;
	if app.round_state(p_round_id) <> 'avond' or not exists (
		select 1 from app.evenings e where e.round_id = p_round_id and e.closed_at is not null
	) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	-- The audit trigger on rounds logs round_published with the coordinator's name.
	update app.rounds set state = 'gepubliceerd', published_at = now() where id = p_round_id;
end;
$$;

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
		update app.findings set statement = null, quote = null, erased_at = p_now
		where round_id = v_round.id and erased_at is null and withdrawn_at is null;
		get diagnostics v_n = row_count;
		v_findings := v_findings + v_n;
		delete from app.answers a using app.interviews v
		where v.id = a.interview_id and v.round_id = v_round.id and a.text_value is not null;
		get diagnostics v_n = row_count;
		v_answers := v_answers + v_n;
		update app.rounds set state = 'gearchiveerd' where id = v_round.id;
		perform app.audit(v_round.id, 'retention_run', null, null, p_now);
		v_rounds := v_rounds + 1;
	end loop;
	return jsonb_build_object('rounds_archived', v_rounds, 'findings_erased', v_findings,
		'answers_erased', v_answers);
end;
$$;

-- Withdrawal of consent (GDPR art. 7(3)): as easy as giving it, by the interviewer who recorded
-- the interview. Erases the answers and the profile, withdraws every finding linked to it, and
-- marks the interview withdrawn (counted in round_get's consent_withdrawn). The chain gets an
-- interview_withdrawn entry and a finding_withdrawn entry per finding (triggers). Allowed until the
-- round is archived. Withdrawing twice changes nothing.
create function api.interview_withdraw(p_interview_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
	v_findings integer;
begin
	select * into v_interview from app.interviews v where v.id = p_interview_id for update;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	-- As for findings (app.own_finding): someone else's interview is not_allowed.
	if v_interview.interviewer_id <> v_me then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if app.round_state(v_interview.round_id) = 'gearchiveerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if v_interview.consent_withdrawn_at is not null then
		return jsonb_build_object('id', v_interview.id, 'findings_withdrawn', 0);
	end if;
	update app.findings set statement = null, quote = null, withdrawn_at = now(), updated_at = now()
	where interview_id = v_interview.id and withdrawn_at is null;
	get diagnostics v_findings = row_count;
	delete from app.answers where interview_id = v_interview.id;
	update app.interviews
	set consent_withdrawn_at = now(), interviewee_group = null, age_band = null, municipality_id = null
	where id = v_interview.id;
	return jsonb_build_object('id', v_interview.id, 'findings_withdrawn', v_findings);
end;
$$;

-- The interviewer's list shows withdrawn interviews too (without profile), so they know.
create or replace function api.my_interviews() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	return (
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', v.id, 'submitted_at', v.submitted_at, 'age_band', v.age_band,
			'municipality_name', m.name,
			'answer_count', (select count(*) from app.answers a where a.interview_id = v.id),
			'finding_count', (select count(*) from app.findings f
				where f.interview_id = v.id and f.interviewer_id = v_me and f.withdrawn_at is null),
			'withdrawn_at', v.consent_withdrawn_at
		) order by v.submitted_at desc, v.id), '[]'::jsonb)
		from app.interviews v
		left join app.municipalities m on m.id = v.municipality_id
		where v.interviewer_id = v_me
	);
end;
$$;

revoke all on all functions in schema api from public;
grant execute on function api.round_publish(uuid), api.interview_withdraw(uuid) to authenticated;
grant execute on function api.retention_run(timestamptz) to service_role;
