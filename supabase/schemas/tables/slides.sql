-- The presenters' story: built when the evening opens (app.build_slides). Finding slides point at
-- the finding, so a withdrawal made afterwards is respected on screen.
create table app.slides (
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	position integer not null check (position between 0 and 10000),
	kind text not null check (kind in ('title', 'theme', 'finding')),
	theme text check (char_length(theme) between 1 and 60),
	finding_id uuid references app.findings (id) on delete cascade,
	primary key (round_id, position),
	check ((kind = 'finding') = (finding_id is not null))
);

alter table app.slides enable row level security;
create policy "presenters read the slides of their round" on app.slides
	for select to authenticated using (round_id = (select app.current_presenter_round_id()));
create policy "the audience reads slides once the evening is opened" on app.slides
	for select to anon, authenticated using (round_id in (select app.opened_round_ids()));

grant select on app.slides to anon, authenticated;
grant all on app.slides to service_role;
