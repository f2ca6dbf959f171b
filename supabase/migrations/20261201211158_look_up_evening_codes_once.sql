-- look_up_evening_codes_once
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.sealed_round(p_round app.rounds)
 RETURNS jsonb
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
	select jsonb_build_object('sealed', true, 'round', jsonb_build_object(
		'title', p_round.title, 'evening_code', p_round.evening_code, 'state', p_round.state))
$function$
;

CREATE OR REPLACE FUNCTION api.evening_board(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_round app.rounds;
	v_evening app.evenings;
	v_state text;
	v_slide jsonb;
	v_counts jsonb;
begin
	select * into v_round from app.rounds r where r.id = v_round_id;
	select * into v_evening from app.evenings e where e.round_id = v_round.id;
	v_state := case
		when v_evening.opened_at is null then 'waiting'
		when v_evening.closed_at is null then 'live'
		else 'closed'
	end;
	if v_state = 'live' then
		select jsonb_build_object('kind', s.kind, 'theme', s.theme,
			'statement', case when f.withdrawn_at is null and f.erased_at is null then f.statement end,
			'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end)
		into v_slide
		from app.slides s left join app.findings f on f.id = s.finding_id
		where s.round_id = v_round.id and s.position = v_evening.position;
	end if;
	v_counts := app.round_counts(v_round.id);
	return jsonb_build_object(
		'round', jsonb_build_object('title', v_round.title, 'target_group', v_round.target_group),
		'state', v_state,
		'opened_at', v_evening.opened_at,
		'opened_by_name', (select ev.actor_name from app.evening_events ev
			where ev.round_id = v_round.id and ev.kind = 'opened' order by ev.seq desc limit 1),
		'position', case when v_state = 'waiting' then null else v_evening.position end,
		'slide_count', (select count(*) from app.slides s where s.round_id = v_round.id),
		'seq', app.board_seq(v_round.id),
		'slide', v_slide,
		'counts', jsonb_build_object('interviews', v_counts -> 'interviews', 'findings', v_counts -> 'findings'),
		'reactions', case when v_state = 'live'
			then app.reaction_counts(v_round.id, v_evening.position) end,
		'fingerprint', case when v_state <> 'waiting' then app.chain_fingerprint(v_round.id) end
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.evening_findings(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	if not app.evening_opened(v_round_id) then
		return '[]'::jsonb;
	end if;
	return (
		select coalesce(jsonb_agg(jsonb_build_object('theme', f.theme, 'statement', f.statement,
			'quote', f.quote) order by f.theme nulls last, f.created_at, f.id), '[]'::jsonb)
		from app.findings f
		where f.round_id = v_round_id and f.withdrawn_at is null and f.erased_at is null
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.evening_seq(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
begin
	return jsonb_build_object('seq', app.board_seq(v_round_id));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.react(p_evening_code text, p_kind text, p_client_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_evening app.evenings;
begin
	if p_kind is null or p_kind not in ('herkenbaar', 'verrast') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'kind';
	end if;
	perform app.check_client_key(p_client_key);
	v_evening := app.live_evening(v_round_id);
	insert into app.reactions (round_id, slide_position, kind, client_key)
	values (v_round_id, v_evening.position, p_kind, p_client_key)
	on conflict do nothing;
	if found then
		perform app.log_event(v_round_id, 'reacted', v_evening.position, null);
	end if;
	return jsonb_build_object('counts', app.reaction_counts(v_round_id, v_evening.position));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_audit(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = v_round_id;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd')
		-- coalesce: for anon the role check is null, and `not null` would let them through.
		and not coalesce(app.is_coordinator_of_round(v_round.id), false)
	then
		return app.sealed_round(v_round);
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('title', v_round.title, 'evening_code', v_round.evening_code,
			'state', v_round.state),
		'counts', jsonb_build_object(
			'interviewers_joined', (select count(*) from app.interviewers i where i.round_id = v_round.id),
			'interviews_submitted', (select count(*) from app.interviews v where v.round_id = v_round.id),
			'interviews_withdrawn', (select count(*) from app.interviews v
				where v.round_id = v_round.id and v.consent_withdrawn_at is not null),
			'findings_submitted', (select count(*) from app.findings f where f.round_id = v_round.id),
			'findings_withdrawn', (select count(*) from app.findings f
				where f.round_id = v_round.id and f.withdrawn_at is not null)
		),
		'events', (
			select coalesce(jsonb_agg(jsonb_build_object('at', a.at, 'kind', a.kind,
				'actor_name', a.actor_name, 'subject_name', a.subject_name) order by a.id), '[]'::jsonb)
			from app.audit_events a where a.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_verification(p_evening_code text)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.round_id_by_evening_code(p_evening_code);
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = v_round_id;
	if v_round.state not in ('avond', 'gepubliceerd', 'gearchiveerd') then
		return app.sealed_round(v_round);
	end if;
	return jsonb_build_object(
		'sealed', false,
		'round', jsonb_build_object('id', v_round.id, 'title', v_round.title,
			'evening_code', v_round.evening_code, 'state', v_round.state),
		'fingerprint', app.chain_fingerprint(v_round.id),
		'entries', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'seq', c.seq, 'kind', c.kind, 'subject_id', c.subject_id, 'content_hash', c.content_hash,
				'prev_hash', c.prev_hash, 'at', c.at, 'entry_hash', c.entry_hash
			) order by c.seq), '[]'::jsonb)
			from app.chain_entries c where c.round_id = v_round.id
		),
		'findings', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', f.id,
				'statement', case when f.withdrawn_at is null and f.erased_at is null then f.statement end,
				'quote', case when f.withdrawn_at is null and f.erased_at is null then f.quote end,
				'theme', f.theme,
				'state', case when f.withdrawn_at is not null then 'withdrawn'
					when f.erased_at is not null then 'erased' else 'published' end
			) order by f.created_at, f.id), '[]'::jsonb)
			from app.findings f where f.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.round_id_by_evening_code(p_evening_code text)
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid;
begin
	select r.id into v_round_id from app.rounds r
	where char_length(coalesce(p_evening_code, '')) <= 20
		and r.evening_code = app.normalise_code(p_evening_code);
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return v_round_id;
end;
$function$
;

reset check_function_bodies;

