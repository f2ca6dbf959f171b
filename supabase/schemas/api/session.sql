-- Session plumbing (API.md): join with a code, log in, resolve and revoke a session. Only the
-- server calls these, as service_role. They are security definer because they must read and write
-- sessions and the attempt log, which no person may touch.

-- 32 random bytes, base64url without padding. Only sha256(token) is ever stored.
create function app.new_token() returns text
language sql volatile set search_path = ''
as $$
	select translate(rtrim(encode(extensions.gen_random_bytes(32), 'base64'), '='), '+/', '-_')
$$;

create function app.token_hash(p_token text) returns bytea
language sql immutable set search_path = ''
as $$
	select extensions.digest(coalesce(p_token, ''), 'sha256')
$$;

create function app.create_session(p_staff_id uuid, p_interviewer_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_token text := app.new_token();
	v_session_id uuid;
begin
	insert into app.sessions (token_hash, staff_id, interviewer_id, expires_at)
	values (
		app.token_hash(v_token), p_staff_id, p_interviewer_id,
		now() + case when p_staff_id is not null then interval '7 days' else interval '180 days' end
	)
	returning id into v_session_id;
	return jsonb_build_object('token', v_token, 'session_id', v_session_id);
end;
$$;

-- Blocked while a failure that made it ten (for this client key, or this e-mail) is < 15 min old.
create function app.attempts_blocked(p_kind text, p_client_key text, p_email text) returns boolean
language sql stable security definer set search_path = ''
as $$
	select exists (
		select 1 from app.auth_attempts a
		where a.kind = p_kind and a.created_at > now() - interval '15 minutes'
			and ((a.blocks_client and a.client_key = p_client_key)
				or (a.blocks_email and p_email is not null and a.email = p_email))
	)
$$;

create function app.record_attempt(p_kind text, p_client_key text, p_email text, p_succeeded boolean)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_id bigint;
begin
	insert into app.auth_attempts (kind, client_key, email, succeeded)
	values (p_kind, p_client_key, p_email, p_succeeded)
	returning id into v_id;
	if p_succeeded then
		return;
	end if;
	update app.auth_attempts a set
		blocks_client = (
			select count(*) from app.auth_attempts b
			where b.kind = p_kind and b.client_key = p_client_key and not b.succeeded
				and b.created_at > now() - interval '15 minutes'
		) >= 10,
		blocks_email = p_email is not null and (
			select count(*) from app.auth_attempts b
			where b.kind = p_kind and b.email = p_email and not b.succeeded
				and b.created_at > now() - interval '15 minutes'
		) >= 10
	where a.id = v_id;
end;
$$;

-- Also checks the client key of api.react (board.sql).
create function app.check_client_key(p_client_key text) returns void
language plpgsql immutable set search_path = ''
as $$
begin
	if p_client_key is null or char_length(p_client_key) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'client_key';
	end if;
end;
$$;

create function api.session_join(p_code text, p_display_name text, p_client_key text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
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

	perform app.record_attempt('join', p_client_key, null, true);
	insert into app.interviewers (round_id, display_name)
	values (v_round.id, v_name)
	returning id into v_interviewer_id;
	return app.create_session(null, v_interviewer_id)
		|| jsonb_build_object('interviewer_id', v_interviewer_id, 'round_id', v_round.id);
end;
$$;

create function api.session_login(p_email text, p_password text, p_client_key text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_staff app.staff;
begin
	perform app.check_client_key(p_client_key);
	if char_length(v_email) not between 3 and 254 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	if app.attempts_blocked('login', p_client_key, v_email) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;

	-- A revoked account cannot log in; it gets the same answer as a wrong password.
	select * into v_staff from app.staff s where s.email = v_email and s.revoked_at is null;
	if found and v_staff.password_hash = extensions.crypt(p_password, v_staff.password_hash) then
		perform app.record_attempt('login', p_client_key, v_email, true);
		return app.create_session(v_staff.id, null) || jsonb_build_object('staff_id', v_staff.id);
	end if;
	if not found then
		-- Same bcrypt work for an unknown address, so timing does not tell which e-mails exist.
		perform extensions.crypt(p_password, '$2a$10$KlankbordDummySaltAbcd');
	end if;
	perform app.record_attempt('login', p_client_key, v_email, false);
	return jsonb_build_object('error', 'login_failed');
end;
$$;

create function api.session_resolve(p_token text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_session app.sessions;
	v_staff app.staff;
	v_interviewer app.interviewers;
begin
	select * into v_session from app.sessions s where s.token_hash = app.token_hash(p_token);
	if not found or v_session.revoked_at is not null then
		return null;
	end if;
	-- Idle timeout and absolute lifetime (SECURITY.md): staff 8 h / 7 days, interviewers 60 / 180 days.
	if v_session.expires_at <= now()
		or v_session.last_seen_at < now() - (case when v_session.staff_id is not null
			then interval '8 hours' else interval '60 days' end)
	then
		update app.sessions set revoked_at = now() where id = v_session.id;
		return null;
	end if;
	-- One write a minute at most: this runs on every request.
	if v_session.last_seen_at < now() - interval '1 minute' then
		update app.sessions set last_seen_at = now() where id = v_session.id;
	end if;

	if v_session.staff_id is not null then
		select * into v_staff from app.staff st where st.id = v_session.staff_id;
		-- Access revoked: the session ends with it.
		if v_staff.revoked_at is not null then
			update app.sessions set revoked_at = now() where id = v_session.id;
			return null;
		end if;
		return jsonb_build_object(
			'session_id', v_session.id, 'kind', 'staff', 'person_id', v_staff.id,
			'display_name', v_staff.display_name, 'role', v_staff.role
		);
	end if;
	select * into v_interviewer from app.interviewers i where i.id = v_session.interviewer_id;
	return jsonb_build_object(
		'session_id', v_session.id, 'kind', 'interviewer', 'person_id', v_interviewer.id,
		'display_name', v_interviewer.display_name, 'round_id', v_interviewer.round_id,
		'is_presenter', v_interviewer.is_presenter
	);
end;
$$;

create function api.session_revoke(p_token text) returns void
language sql volatile security definer set search_path = ''
as $$
	update app.sessions set revoked_at = now()
	where token_hash = app.token_hash(p_token) and revoked_at is null
$$;

-- The server only. Nothing here is reachable with the publishable key.
grant execute on function api.session_join(text, text, text), api.session_login(text, text, text),
	api.session_resolve(text), api.session_revoke(text) to service_role;
