-- Names people type that others read: display names, organisation names, round titles, themes. Stored
-- NFC-normalised, without control characters (Cc) and format characters (Cf: bidi overrides such
-- as U+202E, zero-width characters, soft hyphens, tags), so no name can reorder the sentence it
-- is shown in ("Bob<U+202E>gnp.exe is presentator geworden") or hide as a look-alike. Every api
-- function that stores a name calls clean_name, and the tables' check constraints hold it to
-- that, so no path forgets it. The server strips the same characters first (schemas/text.ts,
-- JavaScript's \p{Cf}), so a person sees the cleaned name in the form's message, not a refusal.
-- Findings and quotes are not cleaned: they keep what the author typed and are shown isolated.
create function app.clean_name(p_name text) returns text
language sql immutable parallel safe set search_path = ''
as $$
	select btrim(normalize(regexp_replace(coalesce(p_name, ''),
		'[\u0001-\u001F\u007F-\u009F\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F]',
		'', 'g'), NFC))
$$;

grant execute on function app.clean_name(text) to anon, authenticated, service_role;
