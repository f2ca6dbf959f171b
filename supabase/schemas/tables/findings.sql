-- What interviewers heard, in their own words: the evening shows these unfiltered. The seal:
-- before a presenter opens the evening, only the author and the round's presenters can read a
-- finding. Every change enters the round's hash chain (trigger findings_chain, in
-- chain_entries.sql).
create table app.findings (
	id uuid primary key,
	round_id uuid not null references app.rounds (id) on delete cascade,
	-- The author. Nobody else may change or withdraw a finding (promise 1).
	interviewer_id uuid not null references app.interviewers (id) on delete cascade,
	interview_id uuid references app.interviews (id) on delete set null,
	statement text,
	quote text check (char_length(quote) between 1 and 400),
	theme text check (char_length(theme) between 1 and 60),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	-- Withdrawal erases the text but keeps the row, so it still counts.
	withdrawn_at timestamptz,
	-- Retention (api.retention_run) erases a finding's text without withdrawing it and without a
	-- chain entry; erased_at tells the two apart. An erased finding has no text either.
	erased_at timestamptz,
	-- The fingerprint of what the device sent the first time (app.submission_hash): a resend is
	-- stored once, different content under the same id is refused (api.finding_create). Erased
	-- with the text (findings_erase_fingerprint): it could confirm a guessed statement.
	submission_hash text,
	-- The finding's hash carries this random secret (CHAIN.md, "Content hashes"). It is published
	-- with the finding once the evening is open, and erased with the text on withdrawal: without it
	-- someone who guesses the exact words of a finding withdrawn before the evening could confirm
	-- the guess against the chain's hash. Findings from before the salt existed (November 2026)
	-- have none, and their hash has no salt field.
	hash_salt text default encode(extensions.gen_random_bytes(16), 'hex'),
	constraint findings_text_check check (
		(withdrawn_at is null and erased_at is null and char_length(statement) between 3 and 600)
		or ((withdrawn_at is not null or erased_at is not null) and statement is null and quote is null)
	)
);
create index on app.findings (round_id);
create index on app.findings (interviewer_id);
-- A withdrawal of consent withdraws the interview's findings; my_interviews counts them.
create index on app.findings (interview_id);

-- A finding changes only through the api functions that speak for its author (correct, withdraw,
-- withdraw consent) or for the retention job. Without this guard a plain `update app.findings` by
-- the database owner was accepted and entered the chain as if the author had corrected it, so the
-- check page said "klopt". Now such an edit is refused; getting around it takes a deliberate step
-- (switching the guard off), and then verification names the finding (CHAIN.md).
--
-- Those functions hold the permission (klankbord.finding_write = on) only around their own writes:
-- app.allow_finding_write() before, app.restore_finding_write() after. A caller of the data API
-- cannot set it (PostgREST runs no free SQL).
--
-- Findings freeze when the evening opens (issue 8): from then on no new finding and no edit, for
-- every role; only a withdrawal (consent, as erasure requires) and the retention job's erasure.
-- Whatever still changes is named on /verifieer (evenings.opened_chain_seq).
create function app.findings_guard() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
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
$$;

-- Set at run time, not as a function-level `set klankbord.finding_write = 'on'` clause: Postgres 15
-- and later let only a superuser (or a role granted SET on that parameter, which only a superuser
-- can grant) store a custom parameter on a function, and Supabase's postgres role, which runs
-- `supabase db push`, is no superuser. Transaction-local (set_config(…, true)), and put back by
-- app.restore_finding_write, so the permission does not outlive the write; an error rolls it back
-- with the (sub)transaction. Returns what was there before.
create function app.allow_finding_write() returns text
language plpgsql volatile set search_path = ''
as $$
declare
	v_was text := coalesce(current_setting('klankbord.finding_write', true), '');
begin
	perform set_config('klankbord.finding_write', 'on', true);
	return v_was;
end;
$$;

create function app.restore_finding_write(p_was text) returns void
language sql volatile set search_path = ''
as $$
	select set_config('klankbord.finding_write', coalesce(p_was, ''), true);
$$;

-- finding_update and finding_withdraw are security invoker: the author's role calls these.
grant execute on function app.allow_finding_write(), app.restore_finding_write(text) to authenticated;

create trigger findings_guard before insert or update or delete on app.findings
	for each row execute function app.findings_guard();

-- Withdrawal and retention erase the text; the fingerprint and the salt go with it (the chain's
-- withdrawal entry is computed from the old row, chain_on_finding).
create function app.findings_erase_fingerprint() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if new.statement is null then
		new.submission_hash := null;
		new.hash_salt := null;
	end if;
	return new;
end;
$$;

create trigger findings_erase_fingerprint before update on app.findings
	for each row execute function app.findings_erase_fingerprint();

alter table app.findings enable row level security;
create policy "authors read their own findings" on app.findings
	for select to authenticated using (interviewer_id = (select app.current_interviewer_id()));
create policy "presenters read the findings of their round" on app.findings
	for select to authenticated using (round_id = (select app.current_presenter_round_id()));
create policy "the audience reads findings once the evening is opened" on app.findings
	for select to anon, authenticated using (
		withdrawn_at is null and round_id in (select app.opened_round_ids())
	);
-- A finding may not be linked to an interview whose consent was withdrawn: that consent is gone.
-- api.finding_create says so first; this policy makes sure no path around it can make one.
create policy "interviewers add findings to their own round" on app.findings
	for insert to authenticated with check (
		interviewer_id = (select app.current_interviewer_id())
		and round_id = (select app.current_interviewer_round_id())
		and app.round_state(round_id) = 'veldwerk'
		and withdrawn_at is null
		and (
			interview_id is null
			or exists (
				select 1 from app.interviews v
				where v.id = interview_id and v.interviewer_id = (select app.current_interviewer_id())
					and v.consent_withdrawn_at is null
			)
		)
	);
create policy "authors change only their own findings" on app.findings
	for update to authenticated
	using (interviewer_id = (select app.current_interviewer_id()))
	with check (interviewer_id = (select app.current_interviewer_id()));

grant select on app.findings to anon, authenticated;
grant insert (id, round_id, interviewer_id, interview_id, statement, quote, theme, submission_hash)
	on app.findings to authenticated;
-- Authors may edit text and withdraw; the round, the author and the timestamps stay put.
grant update (statement, quote, theme, updated_at, withdrawn_at) on app.findings to authenticated;
grant all on app.findings to service_role;
