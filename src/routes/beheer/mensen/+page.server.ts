import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import * as people from '$lib/server/api/people';
import * as staff from '$lib/server/api/staff';
import { refused } from '$lib/server/form-errors';
import { sendInvitation } from '$lib/server/invitation-mail';
import { mailer, mailEnabled } from '$lib/server/mail';
import { requireStaff } from '$lib/server/session';
import { text, texts } from '$lib/schemas/form';
import { inviteSchema } from '$lib/schemas/people';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const person = requireStaff(locals);
	// Inviting and revoking is the coordinators' (the database refuses anyone else): a municipal
	// user who follows an old link gets a calm page, not an error.
	if (person.role !== 'coordinator') error(403, m.staff_coordinators_only());
	const [list, municipalities] = await Promise.all([
		people.list(person),
		staff.municipalities(person)
	]);
	return { ...list, municipalities, mail: mailEnabled() };
}) satisfies PageServerLoad;

export const actions = {
	invite: async ({ request, locals, url }) => {
		const person = requireStaff(locals);
		const data = await request.formData();
		const values = {
			role: text(data, 'role'),
			municipality_ids: texts(data, 'municipality_ids'),
			email: text(data, 'email')
		};
		const parsed = inviteSchema().safeParse(values);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, { values, errors: { [String(issue.path[0] ?? 'form')]: issue.message } });
		}
		let token: string;
		let expiresAt: string;
		try {
			({ token, expires_at: expiresAt } = await people.invite(
				person,
				parsed.data.role,
				parsed.data.role === 'municipal' ? parsed.data.municipality_ids : []
			));
		} catch (cause) {
			return refused(cause, values, { fields: ['role', 'municipality_ids'] });
		}
		// Shown once: only the token's hash is stored, so this page is the only place it exists.
		const link = new URL(`/uitnodiging/${token}`, url).href;
		const qr = await QRCode.toDataURL(link, { margin: 2, width: 280, errorCorrectionLevel: 'M' });
		// Mailed only when asked and possible; after that the address is kept nowhere.
		const mail = parsed.data.email ? mailer() : null;
		const mailed = mail ? await sendInvitation(mail, parsed.data.email, link, expiresAt) : null;
		return { invited: { link, qr, expiresAt, role: parsed.data.role, mailed } };
	},
	revoke: async ({ request, locals }) => {
		const person = requireStaff(locals);
		const data = await request.formData();
		try {
			await people.revoke(person, text(data, 'staff_id'));
		} catch (cause) {
			return refused(cause, {}, { otherwise: 'people' });
		}
		return { revoked: text(data, 'name') };
	},
	withdraw: async ({ request, locals }) => {
		const person = requireStaff(locals);
		try {
			await people.withdraw(person, text(await request.formData(), 'invitation_id'));
		} catch (cause) {
			return refused(cause, {}, { otherwise: 'invitations' });
		}
		return { withdrawn: true };
	}
} satisfies Actions;
