-- Presenter notes per slide: a script for first-time presenters, shown on the presenters' own
-- screens only. A table of its own (not a column of slides) because the audience reads slides
-- once the evening is opened; nobody but the round's presenters ever reads a note. Written only
-- through api.story_edit.
create table app.slide_notes (
	round_id uuid not null,
	position integer not null,
	notes text not null check (char_length(notes) between 1 and 2000),
	primary key (round_id, position),
	foreign key (round_id, position) references app.slides (round_id, position) on delete cascade
);

alter table app.slide_notes enable row level security;
create policy "presenters read the notes of their round" on app.slide_notes
	for select to authenticated using (round_id = (select app.current_presenter_round_id()));

grant select on app.slide_notes to authenticated;
grant all on app.slide_notes to service_role;
