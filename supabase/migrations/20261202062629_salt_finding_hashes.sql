-- salt_finding_hashes
-- Written by npm run db:diff from supabase/schemas (structure: @pgkit/migra; grants,
-- default privileges, function settings: scripts/lib/db-privileges.js), then reviewed.

drop function if exists "app"."finding_content_hash"(p_id uuid, p_statement text, p_quote text, p_theme text);

-- Reviewed: in two steps, so findings that exist already keep no salt (their chain entries were
-- hashed without one, and must still verify); only new findings get a random salt.
alter table "app"."findings" add column "hash_salt" text;
alter table "app"."findings" alter column "hash_salt" set default encode(extensions.gen_random_bytes(16), 'hex'::text);

set check_function_bodies = off;

CREATE OR REPLACE FUNCTION app.finding_content_hash(p_finding app.findings)
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO ''
AS $function$
	select app.sha256hex(app.chain_enc(case
		when p_finding.hash_salt is null then
			array['finding', p_finding.id::text, p_finding.statement, p_finding.quote, p_finding.theme]
		else array['finding', p_finding.id::text, p_finding.hash_salt, p_finding.statement,
			p_finding.quote, p_finding.theme]
	end))
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
				-- The salt only with the text it hashes: a withdrawn finding's is erased anyway.
				'salt', case when f.withdrawn_at is null and f.erased_at is null then f.hash_salt end,
				'state', case when f.withdrawn_at is not null then 'withdrawn'
					when f.erased_at is not null then 'erased' else 'published' end
			) order by f.created_at, f.id), '[]'::jsonb)
			from app.findings f where f.round_id = v_round.id
		)
	);
end;
$function$
;

CREATE OR REPLACE FUNCTION app.chain_on_finding()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
$function$
;

CREATE OR REPLACE FUNCTION app.findings_erase_fingerprint()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
	if new.statement is null then
		new.submission_hash := null;
		new.hash_salt := null;
	end if;
	return new;
end;
$function$
;

reset check_function_bodies;

