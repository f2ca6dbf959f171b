-- The interviewer's API, part 1: who am I, and interviews. All security invoker (except the
-- withdrawal of consent), so the policies on interviews and answers are what actually keeps one
-- interviewer out of another's work. The checks here exist to give a clear reason code; RLS is
-- the wall behind them.

-- The themes of the round's current guide, in guide order.
create function app.round_themes(p_round_id uuid) returns text[]
language sql stable set search_path = ''
as $$
	select coalesce(array_agg(t.theme order by t.first_position), '{}')
	from (
		select q.theme, min(q.position) as first_position
		from app.questions q join app.rounds r on r.id = q.round_id and q.guide_version = r.guide_version
		where q.round_id = p_round_id
		group by q.theme
	) as t
$$;

create function api.interviewer_me() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me app.interviewers;
	v_round app.rounds;
begin
	select * into v_me from app.interviewers i where i.id = app.require_interviewer();
	select * into v_round from app.rounds r where r.id = v_me.round_id;
	return jsonb_build_object(
		'id', v_me.id, 'display_name', v_me.display_name, 'is_presenter', v_me.is_presenter,
		'round', jsonb_build_object(
			'id', v_round.id, 'title', v_round.title, 'target_group', v_round.target_group,
			'state', v_round.state, 'evening_code', v_round.evening_code,
			'guide_version', v_round.guide_version,
			-- So "my interviews" knows whether to link to /vragen without asking own_questions too.
			'can_add_questions', v_round.interviewers_add_questions and v_round.state = 'veldwerk',
			'municipalities', app.round_municipalities_json(v_round.id),
			'questions', app.questions_json(v_round.id, v_round.guide_version),
			'themes', to_jsonb(app.round_themes(v_round.id))
		)
	);
end;
$$;

-- The fingerprint of a submission as the device sent it (interviews and findings), so a resend
-- after a lost answer is told apart from different content under the same id. jsonb prints its
-- keys in a fixed order, so equal content gives equal text.
create function app.submission_hash(p_content jsonb) returns text
language sql immutable set search_path = ''
as $$
	select encode(sha256(convert_to(p_content::text, 'UTF8')), 'hex')
$$;

-- What a resend of an id that is already stored gets: the stored result when the content is the
-- same, a refusal when it was withdrawn (its consent is gone) or when the content differs (nothing
-- is overwritten; the device keeps both versions). RLS shows the caller only their own rows, so
-- null means "not mine or not there". Rows stored before fingerprints existed count as the same.
create function app.resubmission(p_withdrawn boolean, p_stored text, p_sent text) returns void
language plpgsql immutable set search_path = ''
as $$
begin
	if p_withdrawn then
		raise exception using errcode = 'P0001', message = 'withdrawn';
	end if;
	if p_stored is not null and p_stored <> p_sent then
		raise exception using errcode = 'P0001', message = 'submission_conflict';
	end if;
end;
$$;

create function app.interview_resent(p_id uuid, p_hash text) returns jsonb
language plpgsql volatile set search_path = ''
as $$
declare
	v_interview app.interviews;
begin
	select * into v_interview from app.interviews v
	where v.id = p_id and v.interviewer_id = app.require_interviewer();
	if v_interview.id is null then
		return null;
	end if;
	perform app.resubmission(v_interview.consent_withdrawn_at is not null,
		v_interview.submission_hash, p_hash);
	return jsonb_build_object('id', p_id, 'created', false);
end;
$$;

-- The interviewee's profile and consent as interview_submit and interview_update take them,
-- checked with a reason at the field. Raises; returns nothing.
create function app.check_interview_profile(
	p_round_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text,
	p_age_band text, p_municipality_id uuid
) returns void
language plpgsql stable set search_path = ''
as $$
begin
	if p_consent_form is null then
		raise exception using errcode = 'P0001', message = 'consent_required', hint = 'consent_form';
	end if;
	if p_consent_form not in ('mondeling', 'schriftelijk') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'consent_form';
	end if;
	if p_interviewee_group is null or p_interviewee_group not in ('ouder', 'jongere') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'interviewee_group';
	end if;
	if p_age_band is null or p_age_band not in ('onder_12', '12_15', '16_17', '18_23', '24_plus') then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'age_band';
	end if;
	if p_age_band in ('onder_12', '12_15') and p_guardian_consent is not true then
		raise exception using errcode = 'P0001', message = 'guardian_consent_required',
			hint = 'guardian_consent';
	end if;
	if p_municipality_id is null or not exists (
		select 1 from app.round_municipalities rm
		where rm.round_id = p_round_id and rm.municipality_id = p_municipality_id
	) then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'municipality_id';
	end if;
end;
$$;

-- The answers checked against the guide version they were given on, as rows for app.answers
-- (a jsonb array). The guide is read in one statement and the rows are inserted in one
-- (app.insert_answers): every statement pays for the policies' session lookups (app.current_*),
-- and one query per answer made those the larger part of a submit (bench/submit.js).
create function app.interview_answer_rows(p_round_id uuid, p_guide_version integer, p_answers jsonb)
returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
	v_answer jsonb;
	v_guide jsonb;
	v_question jsonb;
	v_rows jsonb := '[]'::jsonb;
	v_text text;
	v_scale integer;
	v_choices text[];
begin
	if p_answers is null or jsonb_typeof(p_answers) <> 'array' or jsonb_array_length(p_answers) > 40 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;
	if (select count(*) from jsonb_array_elements(p_answers) a)
		<> (select count(distinct a ->> 'question_id') from jsonb_array_elements(p_answers) a)
	then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
	end if;

	select coalesce(jsonb_object_agg(q.id::text, jsonb_build_object('kind', q.kind,
		'options', coalesce(to_jsonb(q.options), '[]'::jsonb))), '{}'::jsonb)
	into v_guide
	from app.questions q where q.round_id = p_round_id and q.guide_version = p_guide_version;
	for v_answer in select a from jsonb_array_elements(p_answers) a loop
		v_question := null;
		if jsonb_typeof(v_answer) = 'object'
			and (v_answer ->> 'question_id') ~ '^[0-9a-fA-F-]{36}$'
		then
			v_question := v_guide -> lower(v_answer ->> 'question_id');
		end if;
		if v_question is null then
			raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
		end if;
		v_text := null;
		v_scale := null;
		v_choices := null;
		if v_question ->> 'kind' = 'open' then
			v_text := btrim(case when jsonb_typeof(v_answer -> 'text') = 'string' then v_answer ->> 'text' end);
			if v_text is null or char_length(v_text) not between 1 and 4000 then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		elsif v_question ->> 'kind' = 'scale' then
			if jsonb_typeof(v_answer -> 'scale') is distinct from 'number'
				or (v_answer ->> 'scale') !~ '^[1-5]$'
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			v_scale := (v_answer ->> 'scale')::integer;
		else
			if jsonb_typeof(v_answer -> 'choices') is distinct from 'array'
				or exists (
					select 1 from jsonb_array_elements(v_answer -> 'choices') c
					where jsonb_typeof(c) <> 'string' or not ((v_question -> 'options') ? (c #>> '{}'))
				)
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
			select array_agg(distinct c #>> '{}') into v_choices
			from jsonb_array_elements(v_answer -> 'choices') c;
			if v_choices is null
				or (v_question ->> 'kind' = 'single' and cardinality(v_choices) <> 1)
				or cardinality(v_choices) <> jsonb_array_length(v_answer -> 'choices')
			then
				raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'answers';
			end if;
		end if;
		v_rows := v_rows || jsonb_build_array(jsonb_build_object('question_id',
			lower(v_answer ->> 'question_id'), 'text', v_text, 'scale', v_scale,
			'choices', to_jsonb(v_choices)));
	end loop;

	return v_rows;
end;
$$;

create function app.insert_answers(p_interview_id uuid, p_rows jsonb) returns void
language sql volatile set search_path = ''
as $$
	insert into app.answers (interview_id, question_id, text_value, scale_value, choices)
	select p_interview_id, (r ->> 'question_id')::uuid, r ->> 'text', (r ->> 'scale')::integer,
		case when jsonb_typeof(r -> 'choices') = 'array' then
			array(select c.value from jsonb_array_elements_text(r -> 'choices') with ordinality as c
				order by c.ordinality) end
	from jsonb_array_elements(p_rows) r
$$;

-- p_guide_version: the guide the device started the interview on, so an interview begun offline
-- is stored with its own questions even when the guide changed meanwhile. Null: the current one.
create function api.interview_submit(
	p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text,
	p_age_band text, p_municipality_id uuid, p_answers jsonb, p_guide_version integer default null
) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_round app.rounds;
	v_guide_version integer;
	v_rows jsonb;
	v_hash text;
	v_resent jsonb;
begin
	if p_id is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'id';
	end if;
	-- Idempotent: the device sends again after a lost answer, also after the round moved on.
	v_hash := app.submission_hash(jsonb_build_object(
		'consent_form', p_consent_form, 'guardian_consent', p_guardian_consent,
		'interviewee_group', p_interviewee_group, 'age_band', p_age_band,
		'municipality_id', p_municipality_id, 'guide_version', p_guide_version,
		'answers', case when jsonb_typeof(p_answers) = 'array' then (
			select jsonb_agg(a order by a ->> 'question_id', a::text) from jsonb_array_elements(p_answers) a
		) else p_answers end
	));
	v_resent := app.interview_resent(p_id, v_hash);
	if v_resent is not null then
		return v_resent;
	end if;

	select r.* into v_round from app.rounds r where r.id = app.current_interviewer_round_id();
	if v_round.state <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	v_guide_version := coalesce(p_guide_version, v_round.guide_version);
	if v_guide_version not between 1 and v_round.guide_version then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'guide_version';
	end if;
	perform app.check_interview_profile(v_round.id, p_consent_form, p_guardian_consent,
		p_interviewee_group, p_age_band, p_municipality_id);
	v_rows := app.interview_answer_rows(v_round.id, v_guide_version, p_answers);

	insert into app.interviews (id, round_id, interviewer_id, guide_version, consent_form,
		guardian_consent, interviewee_group, age_band, municipality_id, submission_hash)
	values (p_id, v_round.id, v_me, v_guide_version, p_consent_form,
		coalesce(p_guardian_consent, false), p_interviewee_group, p_age_band, p_municipality_id, v_hash)
	on conflict (id) do nothing;
	if not found then
		-- A concurrent send of the same id got there first (the insert waited for it): this
		-- statement sees it now. Otherwise the id is not ours: a forged or colliding id.
		v_resent := app.interview_resent(p_id, v_hash);
		if v_resent is not null then
			return v_resent;
		end if;
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;

	perform app.insert_answers(p_id, v_rows);

	return jsonb_build_object('id', p_id, 'created', true);
end;
$$;

-- Correcting an interview (as a finding can be corrected, api.finding_update): its author only,
-- until the evening opens, during fieldwork, never after consent was withdrawn. Profile, consent
-- and answers are checked as at submit and replaced; the guide version stays. The chain gets an
-- interview_corrected entry with the new content hash when the content changed (trigger
-- interviews_chain, via corrected_at), none when it did not. submission_hash stays, so a late
-- resend of the original from the outbox is still "the same" and changes nothing.
-- Security definer: interviewers have no update policy on interviews or delete on answers; the
-- checks below are the wall (the author, by app.require_interviewer).
create function api.interview_update(
	p_id uuid, p_consent_form text, p_guardian_consent boolean, p_interviewee_group text,
	p_age_band text, p_municipality_id uuid, p_answers jsonb
) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
	v_next app.interviews;
	v_rows jsonb;
	v_before text;
begin
	select * into v_interview from app.interviews v where v.id = p_id for update;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	if v_interview.interviewer_id <> v_me then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if v_interview.consent_withdrawn_at is not null then
		raise exception using errcode = 'P0001', message = 'withdrawn';
	end if;
	if app.evening_opened(v_interview.round_id) then
		raise exception using errcode = 'P0001', message = 'interviews_frozen';
	end if;
	if app.round_state(v_interview.round_id) <> 'veldwerk' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	perform app.check_interview_profile(v_interview.round_id, p_consent_form, p_guardian_consent,
		p_interviewee_group, p_age_band, p_municipality_id);
	v_rows := app.interview_answer_rows(v_interview.round_id, v_interview.guide_version, p_answers);

	v_before := app.interview_content_hash(v_interview);
	delete from app.answers where interview_id = p_id;
	perform app.insert_answers(p_id, v_rows);
	v_next := v_interview;
	v_next.consent_form := p_consent_form;
	v_next.guardian_consent := coalesce(p_guardian_consent, false);
	v_next.interviewee_group := p_interviewee_group;
	v_next.age_band := p_age_band;
	v_next.municipality_id := p_municipality_id;
	update app.interviews
	set consent_form = v_next.consent_form, guardian_consent = v_next.guardian_consent,
		interviewee_group = v_next.interviewee_group, age_band = v_next.age_band,
		municipality_id = v_next.municipality_id,
		corrected_at = case when app.interview_content_hash(v_next) <> v_before then now()
			else corrected_at end
	where id = p_id;
end;
$$;

-- One of my own interviews with its answers, to correct it (RLS: the author only), and the
-- questions of its own guide version: it is corrected on the questions it was asked, even when
-- the guide changed since.
create function api.my_interview(p_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
begin
	select * into v_interview from app.interviews v where v.id = p_id and v.interviewer_id = v_me;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	return jsonb_build_object(
		'id', v_interview.id, 'guide_version', v_interview.guide_version,
		'consent_form', v_interview.consent_form, 'guardian_consent', v_interview.guardian_consent,
		'interviewee_group', v_interview.interviewee_group, 'age_band', v_interview.age_band,
		'municipality_id', v_interview.municipality_id, 'submitted_at', v_interview.submitted_at,
		'corrected_at', v_interview.corrected_at, 'withdrawn_at', v_interview.consent_withdrawn_at,
		'questions', app.questions_json(v_interview.round_id, v_interview.guide_version),
		'answers', (select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
			'question_id', a.question_id, 'text', a.text_value, 'scale', a.scale_value,
			'choices', to_jsonb(a.choices))) order by a.question_id), '[]'::jsonb)
			from app.answers a where a.interview_id = v_interview.id)
	);
end;
$$;

-- The interviewer's list shows withdrawn interviews too (without profile), so they know.
create function api.my_interviews() returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
begin
	return (
		select coalesce(jsonb_agg(jsonb_build_object(
			'id', v.id, 'submitted_at', v.submitted_at, 'age_band', v.age_band,
			'municipality_name', m.name,
			'answer_count', (select count(*) from app.answers a where a.interview_id = v.id),
			'finding_count', (select count(*) from app.findings f
				where f.interview_id = v.id and f.interviewer_id = v_me and f.withdrawn_at is null),
			'withdrawn_at', v.consent_withdrawn_at
		) order by v.submitted_at desc, v.id), '[]'::jsonb)
		from app.interviews v
		left join app.municipalities m on m.id = v.municipality_id
		where v.interviewer_id = v_me
	);
end;
$$;

-- Withdrawal of consent (GDPR art. 7(3)): as easy as giving it, by the interviewer who recorded
-- the interview. Erases the answers and the profile, withdraws every finding linked to it, and
-- marks the interview withdrawn (counted in round_get's consent_withdrawn). The chain gets an
-- interview_withdrawn entry and a finding_withdrawn entry per finding (triggers). Allowed until the
-- round is archived. Withdrawing twice changes nothing.
create function api.interview_withdraw(p_interview_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_me uuid := app.require_interviewer();
	v_interview app.interviews;
	v_findings integer;
	v_was text;
begin
	select * into v_interview from app.interviews v where v.id = p_interview_id for update;
	if v_interview.id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	-- As for findings (app.own_finding): someone else's interview is not_allowed.
	if v_interview.interviewer_id <> v_me then
		raise exception using errcode = '42501', message = 'not_allowed';
	end if;
	if app.round_state(v_interview.round_id) = 'gearchiveerd' then
		raise exception using errcode = 'P0001', message = 'wrong_state';
	end if;
	if v_interview.consent_withdrawn_at is not null then
		return jsonb_build_object('id', v_interview.id, 'findings_withdrawn', 0);
	end if;
	v_was := app.allow_finding_write();
	update app.findings set statement = null, quote = null, withdrawn_at = now(), updated_at = now()
	where interview_id = v_interview.id and withdrawn_at is null;
	get diagnostics v_findings = row_count;
	perform app.restore_finding_write(v_was);
	delete from app.answers where interview_id = v_interview.id;
	update app.interviews
	set consent_withdrawn_at = now(), interviewee_group = null, age_band = null, municipality_id = null
	where id = v_interview.id;
	return jsonb_build_object('id', v_interview.id, 'findings_withdrawn', v_findings);
end;
$$;

grant execute on function app.check_interview_profile(uuid, text, boolean, text, text, uuid),
	app.interview_answer_rows(uuid, integer, jsonb), app.insert_answers(uuid, jsonb)
	to authenticated;
grant execute on function api.interview_update(uuid, text, boolean, text, text, uuid, jsonb),
	api.my_interview(uuid) to authenticated;
grant execute on function app.round_themes(uuid), app.submission_hash(jsonb),
	app.resubmission(boolean, text, text), app.interview_resent(uuid, text) to authenticated;
grant execute on function api.interviewer_me(),
	api.interview_submit(uuid, text, boolean, text, text, uuid, jsonb, integer), api.my_interviews(),
	api.interview_withdraw(uuid) to authenticated;
