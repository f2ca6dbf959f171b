-- Append-only log of everything that happens on an evening; seq feeds SSE's Last-Event-ID
-- (together with the chain's seq: app.board_seq).
create table app.evening_events (
	seq bigint generated always as identity primary key,
	round_id uuid not null references app.rounds (id) on delete cascade,
	-- 'story': a presenter changed the story; only its seq matters (screens wake, presenters read
	-- the story again through api.story), it carries no text.
	kind text not null check (kind in ('opened', 'moved', 'closed', 'reacted', 'story')),
	position integer,
	actor_id uuid references app.interviewers (id) on delete set null,
	-- Kept as text so the public log says who opened the evening even if the row goes.
	actor_name text check (char_length(actor_name) between 1 and 40),
	created_at timestamptz not null default now()
);
create index on app.evening_events (round_id, seq);

alter table app.evening_events enable row level security;
create policy "everyone reads the event log of an opened evening" on app.evening_events
	for select to anon, authenticated using (round_id in (select app.opened_round_ids()));

grant select on app.evening_events to anon, authenticated;
grant all on app.evening_events to service_role;
