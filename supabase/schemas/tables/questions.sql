-- The guide: an interview records the guide_version it used, so old answers keep their questions.
create table app.questions (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null references app.rounds (id) on delete cascade,
	guide_version integer not null check (guide_version between 1 and 1000),
	position integer not null check (position between 0 and 39),
	kind text not null check (kind in ('open', 'scale', 'single', 'multi')),
	prompt text not null check (char_length(prompt) between 3 and 300 and prompt = btrim(prompt)),
	theme text not null check (char_length(theme) between 1 and 60 and theme = app.clean_name(theme)),
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
	-- Deferrable (checked at the end of each statement), so one update can reorder a guide.
	constraint questions_round_id_guide_version_position_key
		unique (round_id, guide_version, position) deferrable,
	-- A stable key: the same question keeps its key from version to version, and a question in a
	-- later round's guide that takes over an earlier round's key is "the same question", so
	-- results can be compared across years. New questions get a fresh one.
	key text not null default gen_random_uuid()::text check (key ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
	unique (round_id, guide_version, key),
	-- Who wrote it: the coordinator, or (in a youth round that allows it) one of the round's
	-- interviewers. Which interviewer is in app.question_authors, for the group's eyes only.
	origin text not null default 'coordinator' check (origin in ('coordinator', 'interviewer'))
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

-- A version of the guide that has interviews is frozen for everyone, the owner included: those
-- interviews keep showing the questions they were held with (promise 3, results across
-- versions). An edit goes to a new version instead (app.guide_edit_version, api/guide.sql).
-- Definer: the interviews it counts are sealed from whoever writes.
create function app.questions_frozen() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	if (tg_op <> 'INSERT' and exists (
			select 1 from app.interviews v
			where v.round_id = old.round_id and v.guide_version = old.guide_version
		))
		or (tg_op <> 'DELETE' and exists (
			select 1 from app.interviews v
			where v.round_id = new.round_id and v.guide_version = new.guide_version
		))
	then
		raise exception using errcode = 'P0001', message = 'guide_frozen';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$$;

create trigger questions_frozen before insert or update or delete on app.questions
	for each row execute function app.questions_frozen();

grant select on app.questions to authenticated;
grant insert (round_id, guide_version, position, kind, prompt, theme, scale_min_label,
	scale_max_label, options, key) on app.questions to authenticated;
grant all on app.questions to service_role;
