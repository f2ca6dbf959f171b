-- Who joined a round. The coordinator may sign an interviewer out (revocation); presenters are
-- chosen by the group itself (presenter_confirmations.sql): any interviewer volunteers, the
-- others confirm, and the organisation has no say (promise 2). A coordinator who joins with the
-- round's code is just one more interviewer, visible to the whole group in the roster.
--
-- While the evening is live, a coordinator cannot sign a presenter out either: otherwise they
-- could take the board away mid-evening.

-- Staff may manage interviewers of their own organisation's rounds only.
create function app.require_coordinator_of_interviewer(p_interviewer_id uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
	v_round_id uuid;
begin
	perform app.require_staff();
	select i.round_id into v_round_id from app.interviewers i where i.id = p_interviewer_id;
	if v_round_id is null then
		raise exception using errcode = 'P0002', message = 'not_found';
	end if;
	perform app.require_coordinator_of_round(v_round_id);
end;
$$;

create function app.evening_live(p_round_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.evenings e
		where e.round_id = p_round_id and e.opened_at is not null and e.closed_at is null
	);
$$;

-- Revocation changes sessions only, so the function itself writes the audit event.
create function api.interviewer_revoke(p_interviewer_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- The caller's round, locked, while presenters may still change (fieldwork: the evening has not
-- opened), or wrong_state. The lock serialises volunteering and confirming within a round.
create function app.presenters_changeable() returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- The roster, for the group only: every member of the caller's round with their tag, when they
-- joined, whether they volunteer or present, and who confirmed them.
create function api.round_members() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
$$;

-- "Ik wil presenteren" (p_volunteer = true), or stepping back (false), which also clears the
-- confirmations they had: volunteering again starts from zero.
create function api.presenter_volunteer(p_volunteer boolean) returns void
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- Confirm a volunteer of one's own round (p_confirm = true) or take the confirmation back.
-- Nobody confirms themselves; an interviewer of another round does not find the person at all.
create function api.presenter_confirm(p_interviewer_id uuid, p_confirm boolean) returns void
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

grant execute on function api.interviewer_revoke(uuid), api.round_members(),
	api.presenter_volunteer(boolean), api.presenter_confirm(uuid, boolean) to authenticated;
