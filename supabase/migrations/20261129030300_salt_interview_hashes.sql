-- Interview content hashes are published (round_verification) but the content never is. Without a
-- secret in the hash, the few possible profiles and scale/choice answers can simply be tried: a
-- withdrawn interview's erased profile could be recovered from its hash (promise 4). Each
-- interview now carries a random salt inside its hash. It is never published, and it is erased
-- together with the content when consent is withdrawn, so nobody can try candidates any more.
-- Entries made before this migration keep their hashes (verifiers treat interview hashes as
-- opaque), so the chain still verifies.

alter table app.interviews add column hash_salt text default encode(extensions.gen_random_bytes(16), 'hex');

create or replace function app.interview_content_hash(p_interview app.interviews) returns text
language sql stable security definer set search_path = ''
as $$
	select app.sha256hex(app.chain_enc(array['interview', p_interview.id::text,
		p_interview.hash_salt, p_interview.consent_form, p_interview.interviewee_group,
		p_interview.age_band, p_interview.municipality_id::text,
		app.interview_answers_text(p_interview.id)]))
$$;

-- The withdrawal entry reuses the last hash of the interview (chain_on_interview), so the salt can
-- go at the moment consent is withdrawn.
create function app.interviews_erase_salt() returns trigger
language plpgsql volatile security definer set search_path = ''
as $$
begin
	if old.consent_withdrawn_at is null and new.consent_withdrawn_at is not null then
		new.hash_salt := null;
	end if;
	return new;
end;
$$;

create trigger interviews_erase_salt before update on app.interviews
	for each row execute function app.interviews_erase_salt();

revoke all on function app.interview_content_hash(app.interviews), app.interviews_erase_salt()
	from public;
