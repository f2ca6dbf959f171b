-- The team learning loop (issue 13, items 3 and 4). Teams are groups within the organisation,
-- made by a coordinator. Every published finding is a learning card: at a team meeting a card is
-- drawn (the "kletspot"), the team records an agreement (what, who takes it up, a look-back date),
-- and on that date the card comes back: "Wat is er van terechtgekomen?" (the look-back).
--
-- Team notes stay inside the organisation. These tables have no grants for anon or authenticated:
-- every read and write goes through the api functions in api/teams.sql (security definer), which
-- let only a coordinator of the organisation in, and show the public nothing but counts and the
-- agreements the organisation chose to publish. Nothing here can exist before publication (the
-- triggers below refuse it for every role, the server too).
create table app.teams (
	id uuid primary key default gen_random_uuid(),
	organisation_id uuid not null references app.organisations (id) on delete cascade,
	name text not null check (char_length(name) between 1 and 60 and name = app.clean_name(name)),
	created_at timestamptz not null default now(),
	unique (organisation_id, name)
);

create table app.team_agreements (
	id uuid primary key default gen_random_uuid(),
	team_id uuid not null references app.teams (id) on delete cascade,
	finding_id uuid not null references app.findings (id) on delete cascade,
	-- Filled in from the finding (team_agreements_fill), whatever the caller sent.
	round_id uuid not null references app.rounds (id) on delete cascade,
	body text not null check (char_length(body) between 3 and 500 and body = btrim(body)),
	-- Who takes it up: a name or a role, as the team writes it. Internal, never public.
	owner text not null check (char_length(owner) between 1 and 120 and owner = btrim(owner)),
	-- Not in the past when recorded: checked in api.team_agreement_record against the real date
	-- (a check constraint cannot use current_date).
	look_back_on date not null,
	-- The organisation chose to show this agreement (its text, not who) with the finding.
	published boolean not null default false,
	created_at timestamptz not null default now()
);
create index on app.team_agreements (team_id, look_back_on);
create index on app.team_agreements (finding_id);
create index on app.team_agreements (round_id);

-- "Wat is er van terechtgekomen?": one look-back per agreement.
create table app.team_look_backs (
	agreement_id uuid primary key references app.team_agreements (id) on delete cascade,
	body text not null check (char_length(body) between 3 and 1000 and body = btrim(body)),
	created_at timestamptz not null default now()
);

-- The round and the team's organisation come from the finding; only a published round's
-- findings are cards, and only for the round's own organisation.
create function app.team_agreements_fill() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
	new.round_id := (select f.round_id from app.findings f where f.id = new.finding_id);
	if app.round_state(new.round_id) is distinct from 'gepubliceerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if (select r.organisation_id from app.rounds r where r.id = new.round_id)
		is distinct from (select t.organisation_id from app.teams t where t.id = new.team_id)
	then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return new;
end;
$$;
create trigger team_agreements_fill before insert or update of finding_id, team_id, round_id
	on app.team_agreements for each row execute function app.team_agreements_fill();

alter table app.teams enable row level security;
alter table app.team_agreements enable row level security;
alter table app.team_look_backs enable row level security;
create policy "nobody touches teams except the team functions" on app.teams
	for all to anon, authenticated using (false) with check (false);
create policy "nobody touches team agreements except the team functions" on app.team_agreements
	for all to anon, authenticated using (false) with check (false);
create policy "nobody touches look-backs except the team functions" on app.team_look_backs
	for all to anon, authenticated using (false) with check (false);
grant all on app.teams, app.team_agreements, app.team_look_backs to service_role;
