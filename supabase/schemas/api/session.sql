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

-- The limits stop attackers, not halls (issue 8). A hall shares one network address: hundreds of
-- phones behind a venue's Wi-Fi at an evening, fifteen parents typing a join code at a training.
-- So wrong tries are counted per device (a cookie) with a low ceiling, and per network address
-- with a much higher one, each over the last 15 minutes: one person's typos never block another's.
--   join:  10 wrong codes per device, 100 per address; at most 200 joins per round.
--   login: 10 failures per device, 100 per address; an account is never locked (see
--          login_must_wait), so nobody can lock a coordinator out from elsewhere.
create function app.attempts_blocked(p_kind text, p_client_key text, p_device_key text)
returns boolean
language sql stable security definer set search_path = ''
as $$
	select
		(select count(*) from app.auth_attempts a
			where a.kind = p_kind and a.device_key = p_device_key and not a.succeeded
				and a.created_at > now() - interval '15 minutes') >= 10
		or (select count(*) from app.auth_attempts a
			where a.kind = p_kind and a.client_key = p_client_key and not a.succeeded
				and a.created_at > now() - interval '15 minutes') >= 100
$$;

-- A growing delay per account instead of a lock: from the fifth failure on an account within
-- 15 minutes, a client (device or address) that itself failed on it must wait 2, 4, 8 … up to
-- 60 seconds after the account's last failure before its next try is checked. A client that
-- has not failed on the account is never made to wait: the right password from a clean client
-- always gets in, however hard someone else is guessing.
create function app.login_must_wait(p_email text, p_client_key text, p_device_key text)
returns boolean
language sql stable security definer set search_path = ''
as $$
	with failures as (
		select a.client_key, a.device_key, a.created_at from app.auth_attempts a
		where a.kind = 'login' and a.email = p_email and not a.succeeded
			and a.created_at > now() - interval '15 minutes'
	)
	select (select count(*) from failures) >= 5
		and exists (
			select 1 from failures f where f.device_key = p_device_key or f.client_key = p_client_key
		)
		and now() < (select max(f.created_at) from failures f)
			+ make_interval(secs => least(60, power(2, (select count(*) from failures) - 4)))
$$;

create function app.record_attempt(
	p_kind text, p_client_key text, p_device_key text, p_email text, p_succeeded boolean,
	p_round_id uuid default null
) returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.auth_attempts (kind, client_key, device_key, email, succeeded, round_id)
	values (p_kind, p_client_key, coalesce(p_device_key, p_client_key), p_email, p_succeeded, p_round_id)
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

create function api.session_join(
	p_code text, p_display_name text, p_client_key text, p_device_key text default null
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_name text := app.clean_name(p_display_name);
	v_round app.rounds;
	v_interviewer_id uuid;
begin
	perform app.check_client_key(p_client_key);
	perform app.check_client_key(coalesce(p_device_key, p_client_key));
	if app.attempts_blocked('join', p_client_key, coalesce(p_device_key, p_client_key)) then
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
		perform app.record_attempt('join', p_client_key, p_device_key, null, false);
		return jsonb_build_object('error', 'join_code_unknown');
	end if;
	if v_round.state <> 'veldwerk' then
		-- A real code of a closed round counts as a wrong try: old invitations are no way to probe.
		perform app.record_attempt('join', p_client_key, p_device_key, null, false, v_round.id);
		return jsonb_build_object('error', 'round_not_open');
	end if;
	-- The cap per round: no flood of joins makes a round's group unreadable.
	if (select count(*) from app.auth_attempts a
		where a.kind = 'join' and a.round_id = v_round.id and a.succeeded
			and a.created_at > now() - interval '15 minutes') >= 200
	then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;

	-- Display names are unique within a round (app.fold: case and accents do not count), so
	-- nobody can pass as someone else of the group. The unique index is the wall; this gives
	-- the reason at the name field.
	if exists (select 1 from app.interviewers i
		where i.round_id = v_round.id and app.fold(i.display_name) = app.fold(v_name))
	then
		raise exception using errcode = 'P0001', message = 'display_name_taken', hint = 'display_name';
	end if;
	perform app.record_attempt('join', p_client_key, p_device_key, null, true, v_round.id);
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
$$;

create function api.session_login(
	p_email text, p_password text, p_client_key text, p_device_key text default null
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_email text := lower(btrim(coalesce(p_email, '')));
	v_staff app.staff;
	v_failed bigint;
begin
	perform app.check_client_key(p_client_key);
	if char_length(v_email) not between 3 and 254 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'email';
	end if;
	if char_length(coalesce(p_password, '')) not between 1 and 200 then
		raise exception using errcode = 'P0001', message = 'invalid_input', hint = 'password';
	end if;
	perform app.check_client_key(coalesce(p_device_key, p_client_key));
	if app.attempts_blocked('login', p_client_key, coalesce(p_device_key, p_client_key)) then
		raise exception using errcode = 'P0001', message = 'rate_limited';
	end if;
	if app.login_must_wait(v_email, p_client_key, coalesce(p_device_key, p_client_key)) then
		raise exception using errcode = 'P0001', message = 'login_wait';
	end if;

	-- A revoked account cannot log in; it gets the same answer as a wrong password.
	select * into v_staff from app.staff s where s.email = v_email and s.revoked_at is null;
	if found and v_staff.password_hash = extensions.crypt(p_password, v_staff.password_hash) then
		-- Told after login (issue 8): how many failed tries there were since the last login.
		select count(*) into v_failed from app.auth_attempts a
		where a.kind = 'login' and a.email = v_email and not a.succeeded
			and a.created_at > coalesce((select max(b.created_at) from app.auth_attempts b
				where b.kind = 'login' and b.email = v_email and b.succeeded), '-infinity');
		perform app.record_attempt('login', p_client_key, p_device_key, v_email, true);
		return app.create_session(v_staff.id, null)
			|| jsonb_build_object('staff_id', v_staff.id, 'failed_attempts', v_failed);
	end if;
	if not found then
		-- Same bcrypt work for an unknown address, so timing does not tell which e-mails exist.
		perform extensions.crypt(p_password, '$2a$10$KlankbordDummySaltAbcd');
	end if;
	perform app.record_attempt('login', p_client_key, p_device_key, v_email, false);
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
grant execute on function api.session_join(text, text, text, text),
	api.session_login(text, text, text, text), api.session_resolve(text), api.session_revoke(text) to service_role;
