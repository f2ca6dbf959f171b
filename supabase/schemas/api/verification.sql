-- Anyone can check a round: its hash chain (CHAIN.md) and its audit trail, public once the evening
-- is opened.

-- What anyone gets about a round whose evening is not open yet: title, code and state only.
create function app.sealed_round(p_round app.rounds) returns jsonb
language sql immutable set search_path = ''
as $$
	select jsonb_build_object('sealed', true, 'round', jsonb_build_object(
		'title', p_round.title, 'evening_code', p_round.evening_code, 'state', p_round.state))
$$;

-- Public verification (CHAIN.md "What verification checks"). Definer: the chain has no policies
-- for anyone. Before the evening is opened the round is sealed: title, code and state only.
create function api.round_verification(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
				-- The salt only with the text it hashes: a withdrawn finding's is erased anyway.
				'salt', case when f.withdrawn_at is null and f.erased_at is null then f.hash_salt end,
				'state', case when f.withdrawn_at is not null then 'withdrawn'
					when f.erased_at is not null then 'erased' else 'published' end
			) order by f.created_at, f.id), '[]'::jsonb)
			from app.findings f where f.round_id = v_round.id
		)
	);
end;
$$;

-- The trail of a round. Public once the evening is opened (like the chain); before that only the
-- coordinators of the round's organisation see it, everyone else gets the sealed answer.
create function api.round_audit(p_evening_code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
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
			from app.audit_events a
			where a.round_id = v_round.id
				or (a.round_id is null and a.organisation_id = v_round.organisation_id)
		)
	);
end;
$$;

grant execute on function api.round_verification(text), api.round_audit(text) to anon, authenticated;
