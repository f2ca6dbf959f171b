// The probe of the attacks-*.test.ts files: every api function called as one role, once per
// crafted value per argument, through the real call path (supabase-js → PostgREST or the
// embedded route → Postgres). Its own module so the probes can run in files of their own, side
// by side (each file has its own databases).
import type { Claims } from '$lib/server/supabase';
import { toApiError } from '$lib/server/api/rpc';
import { KNOWN_REASONS } from '$lib/server/api/errors';
import type { Backend } from './harness';
import { craftedValues } from './attack-values';
import { FUNCTION_ARGUMENTS } from './matrix/function-arguments';
import { claimsFor, type MatrixWorld, type Role } from './matrix/roles';

type Signature = { name: string; args: Array<{ name: string; type: string }> };

async function apiSignatures(b: Backend): Promise<Signature[]> {
	const rows = await b.sql<{ name: string; names: string[] | null; types: string | null }>(`
		select p.proname as name, p.proargnames as names,
			(select string_agg(format_type(t, null), ',' order by i)
				from unnest(p.proargtypes) with ordinality as a (t, i)) as types
		from pg_proc p join pg_namespace n on n.oid = p.pronamespace
		where n.nspname = 'api' order by 1`);
	return rows.map((r) => ({
		name: r.name,
		args: (r.types ? r.types.split(',') : []).map((type, i) => ({ name: r.names![i], type }))
	}));
}

/**
 * Call every api function as `who`, once per crafted value per argument (the other arguments
 * meaningful), and return every call whose result or error carries one of `secrets`, or whose
 * error the server would pass on as anything but a known reason code.
 */
export async function probe(
	b: Backend,
	w: MatrixWorld,
	role: Role,
	secrets: string[],
	only?: (fn: string) => boolean
) {
	const who: Claims = claimsFor(w, role);
	const attempts = (await apiSignatures(b))
		.filter((fn) => !only || only(fn.name))
		.flatMap((fn) => {
			const base = FUNCTION_ARGUMENTS[fn.name](w, role);
			// The meaningful call, then one crafted value at a time.
			return [
				{ fn: fn.name, where: `${fn.name}()`, args: base },
				...fn.args.flatMap((arg) =>
					craftedValues(w, arg.type).map(({ label, value }) => ({
						fn: fn.name,
						where: `${fn.name}(${arg.name} = ${label})`,
						args: { ...base, [arg.name]: value }
					}))
				)
			];
		});
	const problems: string[] = [];
	// A few calls in flight at once: the order of the calls does not decide what may leak.
	for (let i = 0; i < attempts.length; i += 8) {
		await Promise.all(
			attempts.slice(i, i + 8).map(async ({ fn, where, args }) => {
				const { data, error } = await b.rpc(who, fn, args);
				const seen = JSON.stringify({ data, error });
				if (secrets.some((s) => seen.includes(s))) problems.push(`${where} shows sealed text`);
				if (error && !KNOWN_REASONS.includes(toApiError(error).reason)) {
					problems.push(`${where} would reach the browser as "${toApiError(error).reason}"`);
				}
			})
		);
	}
	const calls = attempts.length;
	problems.sort();
	return { problems, calls };
}
