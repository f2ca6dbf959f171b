// What a staff member may ask about themselves and their organisation.
import { z } from 'zod';
import { rpc } from './rpc';
import { staffRoles } from '$lib/schemas/domain';
import { municipalitySchema, noArgs, type Municipality } from './shapes';
import type { StaffPerson } from '$lib/server/session';

const meSchema = z.object({
	id: z.string(),
	display_name: z.string(),
	role: z.enum(staffRoles),
	organisation: z.object({ id: z.string(), name: z.string() })
});
export type StaffMe = z.infer<typeof meSchema>;

export function me(person: StaffPerson): Promise<StaffMe> {
	return rpc(person, 'staff_me', { args: noArgs, result: meSchema }, {});
}

export type { Municipality };

export function municipalities(person: StaffPerson): Promise<Municipality[]> {
	return rpc(
		person,
		'municipalities_list',
		{ args: noArgs, result: z.array(municipalitySchema) },
		{}
	);
}
