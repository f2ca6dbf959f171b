-- Codes people type (join codes, evening codes): no 0/O, 1/I/L. Two random bytes per character
-- keep the modulo bias negligible. Stored normalised (upper case, no dash); join codes are shown
-- as ABCD-EFGH.
create function app.random_code(p_length integer) returns text
language sql volatile set search_path = ''
as $$
	select string_agg(
		substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789',
			1 + ((get_byte(b, 2 * n) * 256 + get_byte(b, 2 * n + 1)) % 31), 1),
		'' order by n)
	from (select extensions.gen_random_bytes(2 * p_length) as b) as random_bytes,
		generate_series(0, p_length - 1) as n
$$;

create function app.normalise_code(p_code text) returns text
language sql immutable set search_path = ''
as $$
	select upper(regexp_replace(coalesce(p_code, ''), '[\s-]', '', 'g'))
$$;

create function app.format_join_code(p_code text) returns text
language sql immutable set search_path = ''
as $$
	select substr(p_code, 1, 4) || '-' || substr(p_code, 5)
$$;

grant execute on function app.random_code(integer), app.normalise_code(text),
	app.format_join_code(text) to anon, authenticated, service_role;
