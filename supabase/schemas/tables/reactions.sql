-- The audience's reactions to the slide on the wall (api.react): one of each kind per phone per
-- slide; a second tap takes it back (the row goes).
create table app.reactions (
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	slide_position integer not null check (slide_position between 0 and 10000),
	kind text not null check (kind in ('herkenbaar', 'verrast', 'meer_weten')),
	-- A hash made by the server; one reaction per client per slide per kind.
	client_key text not null check (char_length(client_key) between 1 and 200),
	created_at timestamptz not null default now(),
	primary key (round_id, slide_position, kind, client_key)
);

alter table app.reactions enable row level security;
create policy "nobody touches reactions except the react function" on app.reactions
	for all to anon, authenticated using (false) with check (false);

grant all on app.reactions to service_role;
