// Invitations and accepting them. Built per call, so messages come out in the request's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { staffRoles } from './domain';
import { typed } from './text';

/**
 * Who is invited: a coordinator, or a municipal user for at least one municipality; and where
 * to mail the link, when the installation sends e-mail and the coordinator wants it ('' = not).
 */
export function inviteSchema() {
	return z
		.object({
			role: z.enum(staffRoles, { error: m.people_error_role() }),
			municipality_ids: z.array(z.uuid()),
			email: typed()
				.trim()
				.toLowerCase()
				.pipe(z.union([z.literal(''), z.email({ error: m.people_error_email() }).max(254)]))
		})
		.refine((form) => form.role !== 'municipal' || form.municipality_ids.length > 0, {
			message: m.org_error_municipalities_none(),
			path: ['municipality_ids']
		});
}
