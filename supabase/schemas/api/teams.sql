-- The team learning loop (tables/teams.sql says what it is). Every function here is security
-- definer with its own checks, because the tables have no grants: team notes are read and written
-- only by a coordinator of the organisation (app.require_team_coordinator), and the public sees
-- only counts and the published agreements (api.finding_teams, api.round_team_agreements).

create function app.require_team_coordinator() returns uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_org uuid;
begin
	perform app.require_staff();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	v_org := app.current_organisation_id();
	return v_org;
end;
$$;

-- A team of the caller's organisation, or not_found (another organisation's team does not exist).
create function app.own_team(p_team_id uuid) returns app.teams
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_team app.teams;
begin
	select * into v_team from app.teams t
	where t.id = p_team_id and t.organisation_id = app.require_team_coordinator();
	if v_team.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return v_team;
end;
$$;

create function app.clean_team_name(p_name text) returns text
language plpgsql immutable set search_path = ''
as $$
declare
	v_name text := app.clean_name(coalesce(p_name, ''));
begin
	if char_length(v_name) not between 1 and 60 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'name';
	end if;
	return v_name;
end;
$$;

create function api.teams_list() returns jsonb
language sql stable security definer set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_build_object(
		'id', t.id, 'name', t.name, 'created_at', t.created_at,
		'agreements', (select count(*) from app.team_agreements a where a.team_id = t.id)
	) order by lower(t.name), t.id), '[]'::jsonb)
	from app.teams t where t.organisation_id = app.require_team_coordinator()
$$;

create function api.team_create(p_name text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org uuid := app.require_team_coordinator();
	v_name text := app.clean_team_name(p_name);
	v_id uuid;
begin
	if exists (select 1 from app.teams t where t.organisation_id = v_org and lower(t.name) = lower(v_name)) then
		raise exception using errcode = 'P0001', message = 'name_taken', hint = 'name';
	end if;
	insert into app.teams (organisation_id, name) values (v_org, v_name) returning id into v_id;
	return jsonb_build_object('id', v_id, 'name', v_name);
end;
$$;

create function api.team_rename(p_team_id uuid, p_name text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_name text := app.clean_team_name(p_name);
begin
	if exists (
		select 1 from app.teams t
		where t.organisation_id = v_team.organisation_id and lower(t.name) = lower(v_name)
			and t.id <> v_team.id
	) then
		raise exception using errcode = 'P0001', message = 'name_taken', hint = 'name';
	end if;
	update app.teams set name = v_name where id = v_team.id;
	return jsonb_build_object('id', v_team.id, 'name', v_name);
end;
$$;

-- A card: a finding of a published round of the organisation that still has its text.
create function app.card_json(p_finding app.findings) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object('finding_id', p_finding.id, 'theme', p_finding.theme,
		'statement', p_finding.statement, 'quote', p_finding.quote,
		'round', jsonb_build_object('title', r.title, 'target_group', r.target_group,
			'evening_code', r.evening_code))
	from app.rounds r where r.id = p_finding.round_id
$$;

create function app.team_cards(p_organisation_id uuid) returns setof app.findings
language sql stable security definer set search_path = ''
as $$
	select f.* from app.findings f join app.rounds r on r.id = f.round_id
	where r.organisation_id = p_organisation_id and r.state = 'gepubliceerd'
		and f.withdrawn_at is null and f.erased_at is null
$$;

-- The meeting page: the team, how many cards there are and how many this team has not discussed
-- yet, and the cards that come back ("Wat is er van terechtgekomen?"): agreements whose look-back
-- date has come and that have no look-back yet. p_on ("a simulated later date", for trying the
-- loop out) only moves the day this list is computed for; it is never stored anywhere, every date
-- written is the database's own (now(), current_date).
create function api.team_meeting(p_team_id uuid, p_on date default null) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_on date := coalesce(p_on, current_date);
begin
	if v_on < current_date or v_on > current_date + 3660 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'on';
	end if;
	return jsonb_build_object(
		'team', jsonb_build_object('id', v_team.id, 'name', v_team.name),
		'on', v_on,
		'cards', (select count(*) from app.team_cards(v_team.organisation_id)),
		'undiscussed', (
			select count(*) from app.team_cards(v_team.organisation_id) c
			where not exists (
				select 1 from app.team_agreements a where a.team_id = v_team.id and a.finding_id = c.id
			)
		),
		'due', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'agreement_id', a.id, 'body', a.body, 'owner', a.owner,
				'look_back_on', a.look_back_on, 'created_at', a.created_at,
				'card', app.card_json(f)
			) order by a.look_back_on, a.created_at, a.id), '[]'::jsonb)
			from app.team_agreements a join app.findings f on f.id = a.finding_id
			where a.team_id = v_team.id and a.look_back_on <= v_on
				and not exists (select 1 from app.team_look_backs l where l.agreement_id = a.id)
		),
		'agreements', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'agreement_id', a.id, 'body', a.body, 'owner', a.owner,
				'look_back_on', a.look_back_on, 'published', a.published,
				'statement', f.statement, 'look_back', l.body
			) order by a.created_at desc, a.id), '[]'::jsonb)
			from app.team_agreements a join app.findings f on f.id = a.finding_id
			left join app.team_look_backs l on l.agreement_id = a.id
			where a.team_id = v_team.id
		)
	);
end;
$$;

-- The kletspot: one card drawn blindly. By default from the cards this team has not discussed
-- (no agreement of this team on it); p_all draws from every card. null when the jar is empty.
create function api.team_draw(p_team_id uuid, p_all boolean default false) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_card app.findings;
begin
	select c.* into v_card from app.team_cards(v_team.organisation_id) c
	where coalesce(p_all, false) or not exists (
		select 1 from app.team_agreements a where a.team_id = v_team.id and a.finding_id = c.id
	)
	order by random() limit 1;
	if v_card.id is null then
		return jsonb_build_object('card', null);
	end if;
	return jsonb_build_object('card', app.card_json(v_card));
end;
$$;

create function api.team_agreement_record(
	p_team_id uuid, p_finding_id uuid, p_body text, p_owner text, p_look_back_on date,
	p_publish boolean default false
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_team app.teams := app.own_team(p_team_id);
	v_body text := btrim(coalesce(p_body, ''));
	v_owner text := btrim(coalesce(p_owner, ''));
	v_id uuid;
begin
	if not exists (
		select 1 from app.team_cards(v_team.organisation_id) c where c.id = p_finding_id
	) then
		-- Not a card of this organisation (another's, unpublished, withdrawn): it does not exist.
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if char_length(v_body) not between 3 and 500 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'body';
	end if;
	if char_length(v_owner) not between 1 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'owner';
	end if;
	if p_look_back_on is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'look_back_on';
	end if;
	if p_look_back_on < current_date then
		raise exception using errcode = 'P0001', message = 'date_in_past', hint = 'look_back_on';
	end if;
	if p_look_back_on > current_date + 3660 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'look_back_on';
	end if;
	insert into app.team_agreements (team_id, finding_id, round_id, body, owner, look_back_on, published)
	values (v_team.id, p_finding_id, (select f.round_id from app.findings f where f.id = p_finding_id),
		v_body, v_owner, p_look_back_on, coalesce(p_publish, false))
	returning id into v_id;
	return jsonb_build_object('id', v_id);
end;
$$;

-- "Wat is er van terechtgekomen?": recorded once per agreement (a second one: wrong_state).
create function api.team_look_back_record(p_agreement_id uuid, p_body text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_org uuid := app.require_team_coordinator();
	v_body text := btrim(coalesce(p_body, ''));
begin
	if not exists (
		select 1 from app.team_agreements a join app.teams t on t.id = a.team_id
		where a.id = p_agreement_id and t.organisation_id = v_org
	) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if char_length(v_body) not between 3 and 1000 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'body';
	end if;
	if exists (select 1 from app.team_look_backs l where l.agreement_id = p_agreement_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	insert into app.team_look_backs (agreement_id, body) values (p_agreement_id, v_body);
	return jsonb_build_object('agreement_id', p_agreement_id);
end;
$$;

-- Public, per finding of a published round: how many teams discussed it, and the agreements the
-- organisation chose to publish, with their look-back once done. Never a team's name or who
-- takes it up: those are team notes.
create function app.finding_teams_json(p_finding_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
	select jsonb_build_object(
		'teams', (select count(distinct a.team_id) from app.team_agreements a where a.finding_id = p_finding_id),
		'agreements', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'body', a.body, 'look_back_on', a.look_back_on, 'created_at', a.created_at,
				'look_back', l.body, 'looked_back_at', l.created_at
			) order by a.created_at, a.id), '[]'::jsonb)
			from app.team_agreements a left join app.team_look_backs l on l.agreement_id = a.id
			where a.finding_id = p_finding_id and a.published
		)
	)
$$;

create function api.finding_teams(p_finding_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
	if not exists (
		select 1 from app.findings f
		where f.id = p_finding_id and f.round_id in (select app.published_round_ids())
	) then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return app.finding_teams_json(p_finding_id);
end;
$$;

-- The same for every finding of a published round, for the accountability overview and its CSV.
create function api.round_team_agreements(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid;
begin
	select r.id into v_round_id from app.rounds r
	where r.id = app.round_id_by_evening_code(p_evening_code)
		and r.id in (select app.published_round_ids());
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return (
		select coalesce(jsonb_object_agg(f.id, app.finding_teams_json(f.id)), '{}'::jsonb)
		from app.findings f where f.round_id = v_round_id
	);
end;
$$;

grant execute on function api.teams_list(), api.team_create(text), api.team_rename(uuid, text),
	api.team_meeting(uuid, date), api.team_draw(uuid, boolean),
	api.team_agreement_record(uuid, uuid, text, text, date, boolean),
	api.team_look_back_record(uuid, text) to authenticated;
grant execute on function api.finding_teams(uuid), api.round_team_agreements(text)
	to anon, authenticated;
