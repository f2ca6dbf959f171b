// The organisation page: name, themes and municipalities (supabase/schemas/api/organisation.sql).
import { z } from 'zod';
import { rpc } from './rpc';
import { noArgs, nothing } from './shapes';
import type { StaffPerson } from '$lib/server/session';

const organisationSchema = z.object({
	id: z.string(),
	name: z.string(),
	themes: z.array(z.string()),
	municipalities: z.array(
		z.object({
			id: z.string(),
			name: z.string(),
			cbs_code: z.string().nullable(),
			in_use: z.boolean()
		})
	)
});
export type Organisation = z.infer<typeof organisationSchema>;

export function get(person: StaffPerson): Promise<Organisation> {
	return rpc(person, 'organisation_get', { args: noArgs, result: organisationSchema }, {});
}

const updateArgs = z.object({
	p_name: z.string().max(200),
	p_themes: z.array(z.string().max(200)).max(40)
});

export function update(person: StaffPerson, name: string, themes: string[]) {
	return rpc(
		person,
		'organisation_update',
		{ args: updateArgs, result: nothing },
		{ p_name: name, p_themes: themes }
	);
}

const addArgs = z.object({ p_cbs_code: z.string().max(10), p_name: z.string().max(80) });

/** A municipality of the official list (the caller looked the code up in it). */
export function addMunicipality(person: StaffPerson, municipality: { code: string; name: string }) {
	return rpc(
		person,
		'municipality_add',
		{ args: addArgs, result: z.object({ id: z.string() }) },
		{ p_cbs_code: municipality.code, p_name: municipality.name }
	);
}

export function removeMunicipality(person: StaffPerson, municipalityId: string) {
	return rpc(
		person,
		'municipality_remove',
		{ args: z.object({ p_municipality_id: z.uuid() }), result: nothing },
		{ p_municipality_id: municipalityId }
	);
}
