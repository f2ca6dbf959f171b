// People: invitations (one-time links), who has access, and revocation (api/people.sql).
import { z } from 'zod';
import { staffRoles, type StaffRole } from '$lib/schemas/domain';
import { rpc } from './rpc';
import { noArgs, nothing } from './shapes';
import type { StaffPerson } from '$lib/server/session';

const peopleSchema = z.object({
	people: z.array(
		z.object({
			id: z.string(),
			display_name: z.string(),
			email: z.string(),
			role: z.enum(staffRoles),
			created_at: z.string(),
			revoked_at: z.string().nullable(),
			is_me: z.boolean(),
			municipalities: z.array(z.string())
		})
	),
	invitations: z.array(
		z.object({
			id: z.string(),
			role: z.enum(staffRoles),
			created_at: z.string(),
			expires_at: z.string(),
			municipalities: z.array(z.string())
		})
	)
});
export type People = z.infer<typeof peopleSchema>;

export function list(person: StaffPerson): Promise<People> {
	return rpc(person, 'people_list', { args: noArgs, result: peopleSchema }, {});
}

const createSchemas = {
	args: z.object({ p_role: z.enum(staffRoles), p_municipality_ids: z.array(z.uuid()).max(400) }),
	result: z.object({ id: z.string(), token: z.string(), expires_at: z.string() })
};

export function invite(person: StaffPerson, role: StaffRole, municipalityIds: string[]) {
	return rpc(person, 'invitation_create', createSchemas, {
		p_role: role,
		p_municipality_ids: municipalityIds
	});
}

export function withdraw(person: StaffPerson, invitationId: string) {
	return rpc(
		person,
		'invitation_withdraw',
		{ args: z.object({ p_invitation_id: z.uuid() }), result: nothing },
		{ p_invitation_id: invitationId }
	);
}

export function revoke(person: StaffPerson, staffId: string) {
	return rpc(
		person,
		'staff_revoke',
		{ args: z.object({ p_staff_id: z.uuid() }), result: nothing },
		{ p_staff_id: staffId }
	);
}

const token = z.string().min(1).max(200);

const lookupSchemas = {
	args: z.object({ p_token: token }),
	result: z.object({
		organisation_name: z.string(),
		role: z.enum(staffRoles),
		municipalities: z.array(z.string()),
		expires_at: z.string()
	})
};
export type InvitationInfo = z.infer<typeof lookupSchemas.result>;

/** The server asks for the person who opened the link (they have no session yet). */
export function lookup(invitationToken: string): Promise<InvitationInfo> {
	return rpc('service', 'invitation_lookup', lookupSchemas, { p_token: invitationToken });
}

const acceptSchemas = {
	args: z.object({
		p_token: token,
		p_display_name: z.string().max(200),
		p_email: z.string().max(254),
		p_password: z.string().max(200)
	}),
	result: z.object({ staff_id: z.string() })
};

export function accept(
	invitationToken: string,
	input: { displayName: string; email: string; password: string }
) {
	return rpc('service', 'invitation_accept', acceptSchemas, {
		p_token: invitationToken,
		p_display_name: input.displayName,
		p_email: input.email.trim().toLowerCase(),
		p_password: input.password
	});
}
