-- The presenters' story: built from the round's findings the first time a presenter opens it, or
-- when the evening opens (app.sync_story). Finding and quote slides point at the finding, so a
-- withdrawal made afterwards is respected on screen. `position` is a slide's identity (the wall's
-- position, the reactions' slide_position): it never changes; `ord` is its place in the story.
create table app.slides (
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	position integer not null check (position between 0 and 10000),
	kind text not null check (kind in ('title', 'theme', 'finding', 'quote', 'chart')),
	theme text check (char_length(theme) between 1 and 60),
	finding_id uuid references app.findings (id) on delete cascade,
	primary key (round_id, position),
	check ((kind in ('finding', 'quote')) = (finding_id is not null)),
	-- The place in the presenters' story (api.story_edit reorders); the wall skips hidden slides,
	-- "alle bevindingen" does not.
	ord integer not null default 0 check (ord between 0 and 10000),
	hidden boolean not null default false,
	-- A title slide in the presenters' own words; null: the round's title.
	title text check (char_length(title) between 1 and 120),
	-- The presenters showed this slide's reaction counts (evenings.reactions_live = false).
	revealed boolean not null default false,
	check (title is null or kind = 'title'),
	-- A chart slide: the whole round's answers to one scale or choice question (api.story_edit
	-- checks the kind), shown on the wall once the evening is opened.
	question_id uuid references app.questions (id) on delete cascade,
	check ((kind = 'chart') = (question_id is not null))
);

alter table app.slides enable row level security;
create policy "presenters read the slides of their round" on app.slides
	for select to authenticated using (round_id = (select app.current_presenter_round_id()));
create policy "the audience reads slides once the evening is opened" on app.slides
	for select to anon, authenticated using (round_id in (select app.opened_round_ids()));

grant select on app.slides to anon, authenticated;
grant all on app.slides to service_role;
