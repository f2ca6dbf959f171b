// Invitations and accepting them. Built per call, so messages come out in the request's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { staffRoles } from './domain';

/** Who is invited: a coordinator, or a municipal user for at least one municipality. */
export function inviteSchema() {
	return z
		.object({
			role: z.enum(staffRoles, { error: m.people_error_role() }),
			municipality_ids: z.array(z.uuid())
		})
		.refine((form) => form.role !== 'municipal' || form.municipality_ids.length > 0, {
			message: m.org_error_municipalities_none(),
			path: ['municipality_ids']
		});
}
