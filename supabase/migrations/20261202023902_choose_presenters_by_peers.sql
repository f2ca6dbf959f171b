-- choose_presenters_by_peers
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

drop trigger if exists "findings_guard" on "app"."findings";

drop trigger if exists "interviewers_audit" on "app"."interviewers";

drop policy "interviewers add findings to their own round" on "app"."findings";

drop function if exists "api"."interviewer_set_presenter"(p_interviewer_id uuid, p_is_presenter boolean);

drop function if exists "api"."round_create"(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb);

drop function if exists "app"."audit"(p_round_id uuid, p_kind text, p_actor_name text, p_subject_name text, p_at timestamp with time zone);

  create table "app"."presenter_confirmations" (
    "round_id" uuid not null,
    "candidate_id" uuid not null,
    "confirmer_id" uuid not null,
    "confirmed_at" timestamp with time zone not null default now()
      );

alter table "app"."presenter_confirmations" enable row level security;

alter table "app"."audit_events" add column "confirmations" integer;

alter table "app"."evenings" add column "opened_chain_seq" bigint;

-- Written by hand: evenings opened before this migration get the chain length at their opening,
-- as well as the chain's times tell it.
update "app"."evenings" e set opened_chain_seq = coalesce((select max(c.seq) from "app"."chain_entries" c
	where c.round_id = e.round_id
		and c."at" <= to_char(e.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 0)
where e.opened_at is not null;

alter table "app"."interviewers" add column "member_no" integer;

-- Written by hand: interviewers who joined before this migration get their numbers in the order
-- they joined, then the column becomes required.
update "app"."interviewers" i set member_no = n.member_no
from (select id, row_number() over (partition by round_id order by joined_at, id) as member_no
	from "app"."interviewers") n
where n.id = i.id;

alter table "app"."interviewers" alter column "member_no" set not null;

alter table "app"."interviewers" add column "volunteered_at" timestamp with time zone;

alter table "app"."rounds" add column "presenter_quorum" integer not null default 2;

CREATE UNIQUE INDEX interviewers_round_id_id_key ON app.interviewers USING btree (round_id, id);

CREATE UNIQUE INDEX interviewers_round_id_member_no_key ON app.interviewers USING btree (round_id, member_no);

CREATE OR REPLACE FUNCTION app.fold(p_text text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
 SET search_path TO ''
AS $function$
	select lower(regexp_replace(regexp_replace(normalize(btrim(coalesce(p_text, '')), NFKD),
		'[\u0300-\u036f]', '', 'g'), '\s+', ' ', 'g'))
$function$
;

CREATE UNIQUE INDEX interviewers_round_name_key ON app.interviewers USING btree (round_id, app.fold(display_name));

CREATE INDEX presenter_confirmations_confirmer_id_idx ON app.presenter_confirmations USING btree (confirmer_id);

CREATE UNIQUE INDEX presenter_confirmations_pkey ON app.presenter_confirmations USING btree (candidate_id, confirmer_id);

CREATE INDEX presenter_confirmations_round_id_idx ON app.presenter_confirmations USING btree (round_id);

alter table "app"."presenter_confirmations" add constraint "presenter_confirmations_pkey" PRIMARY KEY using index "presenter_confirmations_pkey";

alter table "app"."audit_events" add constraint "audit_events_confirmations_check" CHECK ((confirmations >= 0)) not valid;

alter table "app"."audit_events" validate constraint "audit_events_confirmations_check";

alter table "app"."evenings" add constraint "evenings_opened_chain_seq_check" CHECK ((opened_chain_seq >= 0)) not valid;

alter table "app"."evenings" validate constraint "evenings_opened_chain_seq_check";

alter table "app"."interviewers" add constraint "interviewers_member_no_check" CHECK ((member_no >= 1)) not valid;

alter table "app"."interviewers" validate constraint "interviewers_member_no_check";

alter table "app"."interviewers" add constraint "interviewers_round_id_id_key" UNIQUE using index "interviewers_round_id_id_key";

alter table "app"."interviewers" add constraint "interviewers_round_id_member_no_key" UNIQUE using index "interviewers_round_id_member_no_key";

alter table "app"."presenter_confirmations" add constraint "presenter_confirmations_not_self" CHECK ((candidate_id <> confirmer_id)) not valid;

alter table "app"."presenter_confirmations" validate constraint "presenter_confirmations_not_self";

alter table "app"."presenter_confirmations" add constraint "presenter_confirmations_round_id_candidate_id_fkey" FOREIGN KEY (round_id, candidate_id) REFERENCES app.interviewers(round_id, id) ON DELETE CASCADE not valid;

alter table "app"."presenter_confirmations" validate constraint "presenter_confirmations_round_id_candidate_id_fkey";

alter table "app"."presenter_confirmations" add constraint "presenter_confirmations_round_id_confirmer_id_fkey" FOREIGN KEY (round_id, confirmer_id) REFERENCES app.interviewers(round_id, id) ON DELETE CASCADE not valid;

alter table "app"."presenter_confirmations" validate constraint "presenter_confirmations_round_id_confirmer_id_fkey";

alter table "app"."presenter_confirmations" add constraint "presenter_confirmations_round_id_fkey" FOREIGN KEY (round_id) REFERENCES app.rounds(id) ON DELETE CASCADE not valid;

alter table "app"."presenter_confirmations" validate constraint "presenter_confirmations_round_id_fkey";

alter table "app"."rounds" add constraint "rounds_presenter_quorum_check" CHECK (((presenter_quorum >= 2) AND (presenter_quorum <= 5))) not valid;

alter table "app"."rounds" validate constraint "rounds_presenter_quorum_check";

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION api.presenter_confirm(p_interviewer_id uuid, p_confirm boolean)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.presenters_changeable();
	v_me uuid := app.current_interviewer_id();
	v_candidate app.interviewers;
begin
	if p_confirm is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'confirm';
	end if;
	select * into v_candidate from app.interviewers i
	where i.id = p_interviewer_id and i.round_id = v_round_id;
	if v_candidate.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_candidate.id = v_me then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interviewer_id';
	end if;
	if p_confirm then
		if v_candidate.volunteered_at is null then
			raise exception using errcode = 'P0001', message = 'not_volunteering';
		end if;
		insert into app.presenter_confirmations (round_id, candidate_id, confirmer_id)
		values (v_round_id, v_candidate.id, v_me)
		on conflict do nothing;
	else
		delete from app.presenter_confirmations
		where candidate_id = v_candidate.id and confirmer_id = v_me;
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.presenter_volunteer(p_volunteer boolean)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.presenters_changeable();
	v_me uuid := app.current_interviewer_id();
begin
	if p_volunteer is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'volunteer';
	end if;
	if p_volunteer then
		update app.interviewers set volunteered_at = coalesce(volunteered_at, now())
		where id = v_me and round_id = v_round_id;
	else
		delete from app.presenter_confirmations where candidate_id = v_me;
		update app.interviewers set volunteered_at = null where id = v_me and round_id = v_round_id;
	end if;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_create(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb, p_presenter_quorum integer DEFAULT 2)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_title text := btrim(coalesce(p_title, ''));
	v_org uuid;
	v_round_id uuid;
	v_join_code text;
	v_q jsonb;
	v_pos bigint;
	v_kind text;
	v_prompt text;
	v_theme text;
	v_min text;
	v_max text;
	v_options text[];
	v_attempt integer := 0;
begin
	perform app.require_staff();
	v_org := app.current_organisation_id();
	if app.current_staff_role() <> 'coordinator' then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if char_length(v_title) not between 3 and 120 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'title';
	end if;
	if p_target_group is null or p_target_group not in ('ouders', 'jongeren') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'target_group';
	end if;
	if coalesce(cardinality(p_municipality_ids), 0) = 0
		or array_position(p_municipality_ids, null) is not null
		or exists (
			select 1 from unnest(p_municipality_ids) as u(id)
			where not exists (
				select 1 from app.municipalities m where m.id = u.id and m.organisation_id = v_org
			)
		)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_ids';
	end if;
	if p_questions is null or jsonb_typeof(p_questions) <> 'array'
		or jsonb_array_length(p_questions) not between 1 and 40
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
	end if;
	if p_presenter_quorum is null or p_presenter_quorum not between 2 and 5 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'presenter_quorum';
	end if;

	-- A join code must be unique across all organisations; retry the rare collision.
	loop
		v_attempt := v_attempt + 1;
		v_join_code := app.random_code(8);
		begin
			insert into app.rounds (organisation_id, title, target_group, join_code, evening_code,
				created_by, presenter_quorum)
			values (v_org, v_title, p_target_group, v_join_code, app.random_code(6),
				app.current_staff_id(), p_presenter_quorum)
			returning id into v_round_id;
			exit;
		exception when unique_violation then
			if v_attempt >= 5 then
				raise;
			end if;
		end;
	end loop;

	insert into app.round_municipalities (round_id, municipality_id)
	select distinct v_round_id, u.id from unnest(p_municipality_ids) as u(id);

	for v_q, v_pos in select e.value, e.ordinality from jsonb_array_elements(p_questions) with ordinality as e loop
		if jsonb_typeof(v_q) <> 'object' then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		v_kind := v_q ->> 'kind';
		v_prompt := btrim(coalesce(v_q ->> 'prompt', ''));
		v_theme := btrim(coalesce(v_q ->> 'theme', ''));
		v_min := nullif(btrim(coalesce(v_q ->> 'scale_min_label', '')), '');
		v_max := nullif(btrim(coalesce(v_q ->> 'scale_max_label', '')), '');
		v_options := null;
		if v_kind is null or v_kind not in ('open', 'scale', 'single', 'multi')
			or char_length(v_prompt) not between 3 and 300
			or char_length(v_theme) not between 1 and 60
			or char_length(v_min) > 60 or char_length(v_max) > 60
		then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
		end if;
		if v_kind in ('single', 'multi') then
			if jsonb_typeof(v_q -> 'options') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_q -> 'options') o
					where jsonb_typeof(o) <> 'string' or char_length(btrim(o #>> '{}')) not between 1 and 200
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
			select array_agg(btrim(o #>> '{}') order by n) into v_options
			from jsonb_array_elements(v_q -> 'options') with ordinality as x(o, n);
			if cardinality(v_options) not between 2 and 20
				or (select count(distinct x) from unnest(v_options) x) <> cardinality(v_options)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'questions';
			end if;
		end if;
		insert into app.questions (round_id, guide_version, position, kind, prompt, theme,
			scale_min_label, scale_max_label, options)
		values (v_round_id, 1, v_pos - 1, v_kind, v_prompt, v_theme,
			case when v_kind = 'scale' then v_min end, case when v_kind = 'scale' then v_max end, v_options);
	end loop;

	return jsonb_build_object('id', v_round_id, 'join_code', app.format_join_code(v_join_code));
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_members()
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
begin
	select * into v_round from app.rounds r where r.id = app.current_interviewer_round_id();
	return jsonb_build_object(
		'quorum', v_round.presenter_quorum,
		'changeable', v_round.state = 'veldwerk' and not app.evening_opened(v_round.id),
		'me', v_me,
		'members', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', i.id, 'display_name', i.display_name, 'tag', '#' || i.member_no,
				'joined_at', i.joined_at, 'volunteered_at', i.volunteered_at,
				'is_presenter', i.is_presenter,
				'confirmed_by', (
					select coalesce(jsonb_agg(jsonb_build_object('id', c2.id,
						'display_name', c2.display_name, 'tag', '#' || c2.member_no)
						order by c2.member_no), '[]'::jsonb)
					from app.presenter_confirmations c
					join app.interviewers c2 on c2.id = c.confirmer_id
					where c.candidate_id = i.id
				)
			) order by i.member_no), '[]'::jsonb)
			from app.interviewers i where i.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.audit(p_round_id uuid, p_kind text, p_actor_name text, p_subject_name text, p_at timestamp with time zone DEFAULT NULL::timestamp with time zone, p_confirmations integer DEFAULT NULL::integer)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	insert into app.audit_events (round_id, kind, actor_name, subject_name, at, confirmations)
	values (p_round_id, p_kind, p_actor_name, p_subject_name, coalesce(p_at, clock_timestamp()),
		p_confirmations)
$function$
;

CREATE OR REPLACE FUNCTION app.evenings_mark_opening()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if new.opened_at is not null and (tg_op = 'INSERT' or old.opened_at is null) then
		perform pg_advisory_xact_lock(hashtextextended('klankbord.chain:' || new.round_id::text, 0));
		new.opened_chain_seq := coalesce(
			(select max(c.seq) from app.chain_entries c where c.round_id = new.round_id), 0);
	end if;
	return new;
end;
$function$
;


CREATE OR REPLACE FUNCTION app.interviewers_derive_presenter()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	new.is_presenter := app.presenter_due(new.id, new.round_id, new.volunteered_at);
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.interviewers_number()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	perform pg_advisory_xact_lock(hashtextextended('klankbord.members:' || new.round_id::text, 0));
	select coalesce(max(i.member_no), 0) + 1 into new.member_no
	from app.interviewers i where i.round_id = new.round_id;
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.member_tag(p_interviewer_id uuid)
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select '#' || i.member_no from app.interviewers i where i.id = p_interviewer_id
$function$
;

CREATE OR REPLACE FUNCTION app.presenter_confirmations_refresh()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_candidate uuid := case when tg_op = 'DELETE' then old.candidate_id else new.candidate_id end;
begin
	update app.interviewers i set is_presenter = not i.is_presenter
	where i.id = v_candidate
		and i.is_presenter is distinct from app.presenter_due(i.id, i.round_id, i.volunteered_at);
	return null;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.presenter_due(p_id uuid, p_round_id uuid, p_volunteered_at timestamp with time zone)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select p_volunteered_at is not null and (
		select count(*) from app.presenter_confirmations c where c.candidate_id = p_id
	) >= (select r.presenter_quorum from app.rounds r where r.id = p_round_id)
$function$
;

CREATE OR REPLACE FUNCTION app.presenters_changeable()
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_round_id uuid := app.current_interviewer_round_id();
begin
	perform app.require_interviewer();
	perform 1 from app.rounds r where r.id = v_round_id and r.state = 'veldwerk' for update;
	if not found or app.evening_opened(v_round_id) then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	return v_round_id;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.rounds_quorum_fixed()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
begin
	if new.presenter_quorum is distinct from old.presenter_quorum and old.state <> 'concept' then
		raise exception using errcode = 'P0001', message = 'wrong_state', hint = 'presenter_quorum';
	end if;
	return new;
end;
$function$
;

CREATE OR REPLACE FUNCTION api.finding_create(p_id uuid, p_statement text, p_quote text DEFAULT NULL::text, p_theme text DEFAULT NULL::text, p_interview_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_me uuid := app.require_interviewer();
	v_round_id uuid := app.current_interviewer_round_id();
	v_clean record;
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	if exists (select 1 from app.findings f where f.id = p_id and f.interviewer_id = v_me) then
		return jsonb_build_object('id', p_id, 'created', false);
	end if;
	if app.evening_opened(v_round_id) then
		raise exception using errcode = 'P0001', message = 'findings_frozen';
	end if;
	if app.round_state(v_round_id) <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_round_id, p_statement, p_quote, p_theme);
	if p_interview_id is not null and not exists (
		select 1 from app.interviews v
		where v.id = p_interview_id and v.interviewer_id = v_me and v.consent_withdrawn_at is null
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interview_id';
	end if;

	insert into app.findings (id, round_id, interviewer_id, interview_id, statement, quote, theme)
	values (p_id, v_round_id, v_me, p_interview_id, v_clean.statement, v_clean.quote, v_clean.theme)
	on conflict (id) do nothing;
	if not found then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	return jsonb_build_object('id', p_id, 'created', true);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.finding_update(p_id uuid, p_statement text, p_quote text DEFAULT NULL::text, p_theme text DEFAULT NULL::text)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO ''
AS $function$
declare
	v_finding app.findings := app.own_finding(p_id);
	v_clean record;
	v_was text;
begin
	if v_finding.withdrawn_at is not null then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	-- Frozen from the evening's opening on (findings_guard says so too, for every role).
	if app.evening_opened(v_finding.round_id) then
		raise exception using errcode = 'P0001', message = 'findings_frozen';
	end if;
	if app.round_state(v_finding.round_id) <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	select * into v_clean from app.clean_finding(v_finding.round_id, p_statement, p_quote, p_theme);
	v_was := app.allow_finding_write();
	update app.findings
	set statement = v_clean.statement, quote = v_clean.quote, theme = v_clean.theme, updated_at = now()
	where id = p_id;
	perform app.restore_finding_write(v_was);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.interviewer_revoke(p_interviewer_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_interviewer app.interviewers;
begin
	perform app.require_coordinator_of_interviewer(p_interviewer_id);
	select * into v_interviewer from app.interviewers i where i.id = p_interviewer_id;
	if v_interviewer.is_presenter and app.evening_live(v_interviewer.round_id) then
		raise exception using errcode = 'P0001', message = 'evening_live';
	end if;
	update app.sessions set revoked_at = now()
	where interviewer_id = p_interviewer_id and revoked_at is null;
	perform app.audit(v_interviewer.round_id, 'interviewer_revoked', app.current_actor_name(),
		'#' || v_interviewer.member_no);
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
				'actor_name', a.actor_name, 'subject_name', a.subject_name,
				'confirmations', a.confirmations) order by a.id), '[]'::jsonb)
			from app.audit_events a where a.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION api.round_get(p_round_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE
 SET search_path TO ''
AS $function$
declare
	v_round app.rounds;
begin
	perform app.require_staff();
	select * into v_round from app.rounds r
	where r.id = p_round_id and r.organisation_id = app.current_organisation_id();
	if not found then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	-- Counts only: nothing here reads answers, statements or quotes.
	return jsonb_build_object(
		'id', v_round.id, 'title', v_round.title, 'target_group', v_round.target_group,
		'state', v_round.state, 'join_code', app.format_join_code(v_round.join_code),
		'evening_code', v_round.evening_code, 'guide_version', v_round.guide_version,
		'presenter_quorum', v_round.presenter_quorum,
		'municipalities', app.round_municipalities_json(v_round.id),
		'questions', app.questions_json(v_round.id, v_round.guide_version),
		'interviewers', (
			select coalesce(jsonb_agg(jsonb_build_object(
				'id', i.id, 'display_name', i.display_name, 'tag', '#' || i.member_no,
				'is_presenter', i.is_presenter, 'joined_at', i.joined_at
			) order by i.joined_at, i.id), '[]'::jsonb)
			from app.interviewers i where i.round_id = v_round.id
		),
		'counts', app.round_counts(v_round.id),
		'evening', (
			select jsonb_build_object('opened_at', e.opened_at, 'opened_by_name', i.display_name,
				'closed_at', e.closed_at)
			from app.evenings e left join app.interviewers i on i.id = e.opened_by
			where e.round_id = v_round.id
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
		-- Entries after this seq came after the evening opened (findings froze then): only
		-- withdrawals can be there, and the check page names each one.
		'opened_seq', (select e.opened_chain_seq from app.evenings e where e.round_id = v_round.id),
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

CREATE OR REPLACE FUNCTION api.session_join(p_code text, p_display_name text, p_client_key text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
	v_name text := btrim(coalesce(p_display_name, ''));
	v_round app.rounds;
	v_interviewer_id uuid;
begin
	perform app.check_client_key(p_client_key);
	if app.attempts_blocked('join', p_client_key, null) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	if char_length(v_name) not between 1 and 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'display_name';
	end if;
	if char_length(coalesce(p_code, '')) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'code';
	end if;

	select * into v_round from app.rounds r where r.join_code = app.normalise_code(p_code);
	if not found then
		-- Returned, not raised: raising would roll back the failure we just counted.
		perform app.record_attempt('join', p_client_key, null, false);
		return jsonb_build_object('error', 'join_code_unknown');
	end if;
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'round_not_open';
	end if;

	-- Display names are unique within a round (app.fold: case and accents do not count), so
	-- nobody can pass as someone else of the group. The unique index is the wall; this gives
	-- the reason at the name field.
	if exists (select 1 from app.interviewers i
		where i.round_id = v_round.id and app.fold(i.display_name) = app.fold(v_name))
	then
		raise exception using errcode = 'P0001', message = 'display_name_taken', hint = 'display_name';
	end if;
	perform app.record_attempt('join', p_client_key, null, true);
	begin
		insert into app.interviewers (round_id, display_name)
		values (v_round.id, v_name)
		returning id into v_interviewer_id;
	exception when unique_violation then
		-- Someone took the name in the same moment.
		raise exception using errcode = 'P0001', message = 'display_name_taken', hint = 'display_name';
	end;
	return app.create_session(null, v_interviewer_id)
		|| jsonb_build_object('interviewer_id', v_interviewer_id, 'round_id', v_round.id);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.audit_on_evening()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if new.opened_at is not null and (tg_op = 'INSERT' or old.opened_at is distinct from new.opened_at) then
		perform app.audit(new.round_id, 'evening_opened',
			coalesce(app.member_tag(new.opened_by),
				app.current_actor_name()), null);
	end if;
	if new.closed_at is not null and (tg_op = 'INSERT' or old.closed_at is null) then
		perform app.audit(new.round_id, 'evening_closed',
			coalesce(app.member_tag(new.closed_by),
				app.current_actor_name()), null);
	end if;
	return null;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.audit_on_interviewer()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	perform app.audit(new.round_id,
		case when new.is_presenter then 'presenter_marked' else 'presenter_unmarked' end,
		app.current_actor_name(), '#' || new.member_no, null,
		(select count(*)::integer from app.presenter_confirmations c where c.candidate_id = new.id));
	return null;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.current_actor_name()
 RETURNS text
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
	select coalesce(
		(select s.display_name from app.staff s where s.id = app.current_staff_id()),
		app.member_tag(app.current_interviewer_id())
	)
$function$
;

CREATE OR REPLACE FUNCTION app.findings_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if tg_op = 'INSERT' then
		if app.evening_opened(new.round_id) then
			raise exception using errcode = 'P0001', message = 'findings_frozen';
		end if;
		return new;
	end if;
	if coalesce(current_setting('klankbord.finding_write', true), '') <> 'on' then
		raise exception using errcode = '42501', message = 'not_allowed',
			detail = 'findings change only through the api functions';
	end if;
	if tg_op = 'UPDATE' and app.evening_opened(old.round_id)
		and not (old.withdrawn_at is null and new.withdrawn_at is not null)
		and not (old.erased_at is null and new.erased_at is not null)
	then
		raise exception using errcode = 'P0001', message = 'findings_frozen';
	end if;
	return case when tg_op = 'DELETE' then old else new end;
end;
$function$
;

CREATE OR REPLACE FUNCTION app.log_event(p_round_id uuid, p_kind text, p_position integer, p_actor_id uuid)
 RETURNS bigint
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
	insert into app.evening_events (round_id, kind, position, actor_id, actor_name)
	values (p_round_id, p_kind, p_position, p_actor_id,
		app.member_tag(p_actor_id))
	returning seq
$function$
;

  create policy "interviewers read the confirmations of their own round"
  on "app"."presenter_confirmations"
  as permissive
  for select
  to authenticated
using ((round_id = ( SELECT app.current_interviewer_round_id() AS current_interviewer_round_id)));

  create policy "interviewers add findings to their own round"
  on "app"."findings"
  as permissive
  for insert
  to authenticated
with check (((interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)) AND (round_id = ( SELECT app.current_interviewer_round_id() AS current_interviewer_round_id)) AND (app.round_state(round_id) = 'veldwerk'::text) AND (withdrawn_at IS NULL) AND ((interview_id IS NULL) OR (EXISTS ( SELECT 1
   FROM app.interviews v
  WHERE ((v.id = findings.interview_id) AND (v.interviewer_id = ( SELECT app.current_interviewer_id() AS current_interviewer_id)) AND (v.consent_withdrawn_at IS NULL)))))));

CREATE TRIGGER evenings_mark_opening BEFORE INSERT OR UPDATE OF opened_at ON app.evenings FOR EACH ROW EXECUTE FUNCTION app.evenings_mark_opening();

CREATE TRIGGER interviewers_audit_insert AFTER INSERT ON app.interviewers FOR EACH ROW WHEN (new.is_presenter) EXECUTE FUNCTION app.audit_on_interviewer();

CREATE TRIGGER interviewers_derive_presenter BEFORE UPDATE ON app.interviewers FOR EACH ROW EXECUTE FUNCTION app.interviewers_derive_presenter();

CREATE TRIGGER interviewers_number BEFORE INSERT ON app.interviewers FOR EACH ROW EXECUTE FUNCTION app.interviewers_number();

CREATE TRIGGER presenter_confirmations_refresh AFTER INSERT OR DELETE ON app.presenter_confirmations FOR EACH ROW EXECUTE FUNCTION app.presenter_confirmations_refresh();

CREATE TRIGGER rounds_quorum_fixed BEFORE UPDATE OF presenter_quorum ON app.rounds FOR EACH ROW EXECUTE FUNCTION app.rounds_quorum_fixed();

CREATE TRIGGER findings_guard BEFORE INSERT OR DELETE OR UPDATE ON app.findings FOR EACH ROW EXECUTE FUNCTION app.findings_guard();

CREATE TRIGGER interviewers_audit AFTER UPDATE ON app.interviewers FOR EACH ROW WHEN ((old.is_presenter IS DISTINCT FROM new.is_presenter)) EXECUTE FUNCTION app.audit_on_interviewer();

reset check_function_bodies;

-- Grants, default privileges, function settings.
grant select on table app.presenter_confirmations to authenticated;
grant all on table app.presenter_confirmations to service_role;
grant insert (presenter_quorum) on table app.rounds to authenticated;
grant execute on function app.fold(p_text text) to service_role;
grant execute on function api.round_create(p_title text, p_target_group text, p_municipality_ids uuid[], p_questions jsonb, p_presenter_quorum integer) to authenticated;
grant execute on function api.round_members() to authenticated;
grant execute on function api.presenter_volunteer(p_volunteer boolean) to authenticated;
grant execute on function api.presenter_confirm(p_interviewer_id uuid, p_confirm boolean) to authenticated;

