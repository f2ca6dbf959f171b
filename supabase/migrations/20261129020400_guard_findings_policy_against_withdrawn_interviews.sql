-- Defence in depth for 20261129020300: the insert policy on findings itself refuses a link to an
-- interview whose consent was withdrawn, so no path around api.finding_create can make one.
drop policy "interviewers add findings to their own round" on app.findings;
create policy "interviewers add findings to their own round" on app.findings
	for insert to authenticated with check (
		interviewer_id = (select app.current_interviewer_id())
		and round_id = (select app.current_interviewer_round_id())
		and app.round_state(round_id) in ('veldwerk', 'avond')
		and withdrawn_at is null
		and (
			interview_id is null
			or exists (
				select 1 from app.interviews v
				where v.id = interview_id and v.interviewer_id = (select app.current_interviewer_id())
					and v.consent_withdrawn_at is null
			)
		)
	);
