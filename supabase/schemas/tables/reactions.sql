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

-- Reactions from the presenters' own phones during a rehearsal (api.rehearsal_react), apart
-- from app.reactions so that nothing of a rehearsal can ever count: not in the wall's counts,
-- not in the evening's record (results.sql reads app.reactions only). Emptied when the evening
-- opens (api.evening_open). One of each kind per presenter per slide.
create table app.rehearsal_reactions (
	round_id uuid not null references app.evenings (round_id) on delete cascade,
	slide_position integer not null check (slide_position between 0 and 10000),
	kind text not null check (kind in ('herkenbaar', 'verrast', 'meer_weten')),
	interviewer_id uuid not null references app.interviewers (id) on delete cascade,
	primary key (round_id, slide_position, kind, interviewer_id)
);

alter table app.rehearsal_reactions enable row level security;
create policy "nobody touches rehearsal reactions except the rehearsal functions"
	on app.rehearsal_reactions for all to anon, authenticated using (false) with check (false);

grant all on app.rehearsal_reactions to service_role;
