-- The answers of an interview, one per question of the guide version it used.
create table app.answers (
	interview_id uuid not null references app.interviews (id) on delete cascade,
	question_id uuid not null references app.questions (id) on delete cascade,
	text_value text check (char_length(text_value) between 1 and 4000),
	scale_value smallint check (scale_value between 1 and 5),
	choices text[] check (
		cardinality(choices) between 1 and 20
		and array_position(choices, null) is null
		and char_length(array_to_string(choices, '')) <= 2000
	),
	primary key (interview_id, question_id),
	check (num_nonnulls(text_value, scale_value, choices) = 1)
);

alter table app.answers enable row level security;
create policy "interviewers read the answers of their own interviews" on app.answers
	for select to authenticated using (
		interview_id in (
			select v.id from app.interviews v where v.interviewer_id = (select app.current_interviewer_id())
		)
	);
create policy "interviewers add answers to their own interviews" on app.answers
	for insert to authenticated with check (
		exists (
			select 1 from app.interviews v
			join app.questions q on q.round_id = v.round_id and q.guide_version = v.guide_version
			where v.id = interview_id and q.id = question_id
				and v.interviewer_id = (select app.current_interviewer_id())
		)
	);

grant select, insert on app.answers to authenticated;
grant all on app.answers to service_role;
