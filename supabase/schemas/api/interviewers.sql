-- The coordinator manages who joined a round: presenters and revocation. "Nobody can override the
-- presenters" (PRODUCT.md) also holds for the organisation while the evening is live: from the
-- moment a presenter opens it until a presenter closes it, a coordinator can no longer make or
-- unmake presenters, nor sign a presenter out. Otherwise a coordinator could take the board away
-- mid-evening, or join with the round's code, make themselves presenter and move or close it.
-- (Choosing presenters before the evening stays the coordinator's job, and every such choice is in
-- the public audit trail.)

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

create function api.interviewer_set_presenter(p_interviewer_id uuid, p_is_presenter boolean)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_interviewer app.interviewers;
begin
	perform app.require_coordinator_of_interviewer(p_interviewer_id);
	if p_is_presenter is null then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'is_presenter';
	end if;
	select * into v_interviewer from app.interviewers i where i.id = p_interviewer_id;
	if v_interviewer.is_presenter is distinct from p_is_presenter
		and app.evening_live(v_interviewer.round_id)
	then
		raise exception using errcode = 'P0001', message = 'evening_live';
	end if;
	update app.interviewers set is_presenter = p_is_presenter where id = p_interviewer_id;
end;
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
		v_interviewer.display_name);
end;
$$;

grant execute on function api.interviewer_set_presenter(uuid, boolean), api.interviewer_revoke(uuid)
	to authenticated;
