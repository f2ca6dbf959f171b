-- The guide: an interview records the guide_version it used, so old answers keep their questions.
create table app.questions (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	guide_version integer not null check (guide_version between 1 and 1000),
	position integer not null check (position between 0 and 39),
	kind text not null check (kind in ('open', 'scale', 'single', 'multi')),
	prompt text not null check (char_length(prompt) between 3 and 300 and prompt = btrim(prompt)),
	theme text not null check (char_length(theme) between 1 and 60 and theme = btrim(theme)),
	scale_min_label text check (char_length(scale_min_label) between 1 and 60),
	scale_max_label text check (char_length(scale_max_label) between 1 and 60),
	options text[] check (
		cardinality(options) between 2 and 20
		and array_position(options, '') is null
		and array_position(options, null) is null
		and char_length(array_to_string(options, '')) <= 2000
	),
	check (kind = 'scale' or (scale_min_label is null and scale_max_label is null)),
	check ((kind in ('single', 'multi')) = (options is not null)),
	unique (round_id, guide_version, position),
	-- A stable key: the same question keeps its key from version to version, and a question in a
	-- later round's guide that takes over an earlier round's key is "the same question", so
	-- results can be compared across years. New questions get a fresh one.
	key text not null default gen_random_uuid()::text check (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
	unique (round_id, guide_version, key)
);

alter table app.questions enable row level security;
create policy "staff read the guides of their rounds" on app.questions
	for select to authenticated using (round_id in (select app.staff_round_ids()));
create policy "interviewers read the guide of their round" on app.questions
	for select to authenticated using (round_id = (select app.current_interviewer_round_id()));
create policy "coordinators write the guide of their concept rounds" on app.questions
	for insert to authenticated with check (
		app.is_coordinator_of_round(round_id) and app.round_state(round_id) = 'concept'
	);

grant select on app.questions to authenticated;
grant insert (round_id, guide_version, position, kind, prompt, theme, scale_min_label,
	scale_max_label, options, key) on app.questions to authenticated;
grant all on app.questions to service_role;
