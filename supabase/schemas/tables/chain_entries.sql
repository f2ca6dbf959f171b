-- Promise 3, "provable": an append-only hash chain per round (supabase/CHAIN.md is the contract).
-- Entries are computed here, in the database, by triggers on findings and interviews, so every
-- path that writes them (the api functions, seed.sql, a superuser) leaves a trace. The chain table
-- refuses UPDATE, DELETE and TRUNCATE for every role, the superuser included.
--
-- This file holds the table and everything that fills it: the canonical encoding and hashes, the
-- append-only guards, and the triggers on findings and interviews.

create table app.chain_entries (
	round_id uuid not null references app.rounds (id),
	seq bigint not null check (seq >= 1),
	kind text not null check (kind in ('interview_submitted', 'interview_corrected',
		'interview_withdrawn', 'finding_submitted', 'finding_corrected', 'finding_withdrawn')),
	subject_id uuid not null,
	content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
	prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
	-- What is hashed is this text: UTC, exactly YYYY-MM-DDTHH:MM:SS.ffffffZ.
	at text not null check (at ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$'),
	entry_hash text not null unique check (entry_hash ~ '^[0-9a-f]{64}$'),
	primary key (round_id, seq)
);
create index on app.chain_entries (round_id, subject_id, seq);

-- Nobody reads or writes the chain directly: round_verification publishes it once the evening is
-- open, and only the triggers below append to it.
alter table app.chain_entries enable row level security;
create policy "nobody touches the chain except its triggers" on app.chain_entries
	for all to anon, authenticated using (false) with check (false);
grant select on app.chain_entries to service_role;

-- CHAIN.md "Canonical encoding": null → "~\n", text v → "<utf8 bytes of v>:<v>\n".
create function app.chain_enc(p_fields text[]) returns text
language sql immutable set search_path = ''
as $$
	select coalesce(string_agg(
		case when f is null then E'~\n'
			else octet_length(convert_to(f, 'UTF8'))::text || ':' || f || E'\n' end,
		'' order by n), '')
	from unnest(p_fields) with ordinality as u (f, n)
$$;

create function app.sha256hex(p_text text) returns text
language sql immutable set search_path = ''
as $$
	select encode(extensions.digest(convert_to(p_text, 'UTF8'), 'sha256'), 'hex')
$$;

-- With the finding's salt (findings.hash_salt) right after the id; a finding from before the salt
-- existed has none and keeps its five-field hash, so its chain still verifies. The two shapes
-- cannot collide: enc() of six fields is never enc() of five.
create function app.finding_content_hash(p_finding app.findings) returns text
language sql stable set search_path = ''
as $$
	select app.sha256hex(app.chain_enc(case
		when p_finding.hash_salt is null then
			array['finding', p_finding.id::text, p_finding.statement, p_finding.quote, p_finding.theme]
		else array['finding', p_finding.id::text, p_finding.hash_salt, p_finding.statement,
			p_finding.quote, p_finding.theme]
	end))
$$;

-- The answers as jsonb, in the shape interview_submit takes them, ordered by question id so the
-- text is deterministic. Verifiers treat the interview hash as opaque (interviews are never
-- published one by one); it still pins down what was submitted.
create function app.interview_answers_text(p_interview_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
		'question_id', a.question_id, 'text', a.text_value, 'scale', a.scale_value,
		'choices', to_jsonb(a.choices)
	)) order by a.question_id), '[]'::jsonb)::text
	from app.answers a where a.interview_id = p_interview_id
$$;

-- With the interview's secret salt (interviews.hash_salt). Entries made before the salt existed
-- keep their hashes (verifiers treat interview hashes as opaque), so such a chain still verifies.
create function app.interview_content_hash(p_interview app.interviews) returns text
language sql stable security definer set search_path = ''
as $$
	select app.sha256hex(app.chain_enc(array['interview', p_interview.id::text,
		p_interview.hash_salt, p_interview.consent_form, p_interview.interviewee_group,
		p_interview.age_band, p_interview.municipality_id::text,
		app.interview_answers_text(p_interview.id)]))
$$;

-- Whatever an INSERT supplies, the database decides seq, prev_hash, at and entry_hash. Appends to
-- one round are serialised by a transaction-scoped advisory lock, so seq has no gaps and no
-- repeats under concurrency (the primary key would refuse a repeat anyway).
create function app.chain_before_insert() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
declare
	v_prev app.chain_entries;
begin
	perform pg_advisory_xact_lock(hashtextextended('klankbord.chain:' || new.round_id::text, 0));
	select * into v_prev from app.chain_entries c
	where c.round_id = new.round_id order by c.seq desc limit 1;
	new.seq := coalesce(v_prev.seq, 0) + 1;
	new.prev_hash := coalesce(v_prev.entry_hash, repeat('0', 64));
	-- clock_timestamp, taken after the lock: `at` never runs backwards along the chain.
	new.at := to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
	new.entry_hash := app.sha256hex(app.chain_enc(array[new.round_id::text, new.seq::text, new.kind,
		new.subject_id::text, new.content_hash, new.prev_hash, new.at]));
	return new;
end;
$$;

-- Also guards the audit trail (audit_events.sql).
create function app.chain_refuse_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
	raise exception using errcode = '42501', message = 'append_only',
		detail = 'app.chain_entries is append-only: ' || tg_op || ' is refused for every role';
end;
$$;

create trigger chain_entries_compute before insert on app.chain_entries
	for each row execute function app.chain_before_insert();
create trigger chain_entries_refuse_change before update or delete on app.chain_entries
	for each row execute function app.chain_refuse_change();
create trigger chain_entries_refuse_truncate before truncate on app.chain_entries
	for each statement execute function app.chain_refuse_change();
-- ALWAYS: also when session_replication_role = replica, which would skip ordinary triggers.
alter table app.chain_entries enable always trigger chain_entries_compute;
alter table app.chain_entries enable always trigger chain_entries_refuse_change;
alter table app.chain_entries enable always trigger chain_entries_refuse_truncate;

create function app.chain_append(p_round_id uuid, p_kind text, p_subject_id uuid, p_content_hash text)
returns void
language sql volatile security definer set search_path = ''
as $$
	insert into app.chain_entries (round_id, seq, kind, subject_id, content_hash, prev_hash, at, entry_hash)
	values (p_round_id, 0, p_kind, p_subject_id, p_content_hash, '', '', '')
$$;

-- The content hash of the last entry about a subject: what a withdrawal points at.
create function app.chain_last_hash(p_round_id uuid, p_subject_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select c.content_hash from app.chain_entries c
	where c.round_id = p_round_id and c.subject_id = p_subject_id
	order by c.seq desc limit 1
$$;

-- Findings: submitted, corrected (statement, quote or theme changed), withdrawn. Erasure by
-- retention (erased_at set) adds nothing, so the fingerprint stays.
create function app.chain_on_finding() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform app.chain_append(new.round_id, 'finding_submitted', new.id,
			app.finding_content_hash(new));
	elsif new.erased_at is not null then
		return null;
	elsif old.withdrawn_at is null and new.withdrawn_at is not null then
		-- The text is gone; the hash of the version that was withdrawn stays.
		perform app.chain_append(new.round_id, 'finding_withdrawn', new.id,
			app.finding_content_hash(old));
	elsif new.withdrawn_at is null and (old.statement, old.quote, old.theme)
		is distinct from (new.statement, new.quote, new.theme)
	then
		perform app.chain_append(new.round_id, 'finding_corrected', new.id,
			app.finding_content_hash(new));
	end if;
	return null;
end;
$$;

-- Interviews: the answers are inserted after the interview row (interview_submit, seed.sql), so
-- these triggers are deferred to the end of the transaction, when the answers are all there.
-- All chain triggers are deferred, so entries keep the order in which things happened.
create function app.chain_on_interview() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if tg_op = 'INSERT' then
		perform app.chain_append(new.round_id, 'interview_submitted', new.id,
			app.interview_content_hash(new));
	elsif old.consent_withdrawn_at is null and new.consent_withdrawn_at is not null then
		perform app.chain_append(new.round_id, 'interview_withdrawn', new.id,
			coalesce(app.chain_last_hash(new.round_id, new.id), app.interview_content_hash(old)));
	elsif new.consent_withdrawn_at is null and new.corrected_at is distinct from old.corrected_at then
		-- Deferred to commit: the hash covers the new answers (api.interview_update).
		perform app.chain_append(new.round_id, 'interview_corrected', new.id,
			app.interview_content_hash(new));
	end if;
	return null;
end;
$$;

create constraint trigger findings_chain after insert or update on app.findings
	deferrable initially deferred for each row execute function app.chain_on_finding();
create constraint trigger interviews_chain after insert or update on app.interviews
	deferrable initially deferred for each row execute function app.chain_on_interview();

-- CHAIN.md "Fingerprint": first 16 hex characters of the head's entry_hash, upper case, 4 × 4.
create function app.chain_fingerprint(p_round_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
	select upper(substr(h, 1, 4) || '-' || substr(h, 5, 4) || '-' || substr(h, 9, 4) || '-'
		|| substr(h, 13, 4))
	from (select c.entry_hash as h from app.chain_entries c
		where c.round_id = p_round_id order by c.seq desc limit 1) as head
$$;
