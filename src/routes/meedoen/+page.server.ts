import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { join } from '$lib/server/api/sessions';
import { refused, type RefusalPlaces } from '$lib/server/form-errors';
import { deviceKeyFor } from '$lib/server/device';
import { setSessionCookie } from '$lib/server/session';
import { parseJoinForm } from '$lib/schemas/field';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url, locals }) => ({
	// The QR code on the invitation carries the code, so the interviewer only types a name.
	code: (url.searchParams.get('code') ?? '').slice(0, 40),
	joinedAs: locals.person?.kind === 'interviewer' ? locals.person.displayName : null,
	staffSignedIn: locals.person?.kind === 'staff'
})) satisfies PageServerLoad;

/** A refused join is about the code, unless the database names the name; in the join's own words. */
const PLACES: RefusalPlaces = {
	fields: ['display_name'],
	reasons: { staff_signed_in: 'form' },
	otherwise: 'code',
	messages: {
		join_code_unknown: () => m.field_join_code_unknown(),
		round_not_open: () => m.field_join_round_closed(),
		rate_limited: () => m.field_join_rate_limited(),
		display_name_taken: () => m.field_join_name_taken(),
		staff_signed_in: () => m.field_join_staff_signed_in()
	}
};

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		const parsed = parseJoinForm(await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		try {
			const session = await join(
				parsed.data.code,
				parsed.data.display_name,
				locals.clientKey,
				() => deviceKeyFor(cookies, url),
				{ person: locals.person, token: locals.sessionToken }
			);
			setSessionCookie(cookies, session.token, url);
		} catch (cause) {
			return refused(cause, parsed.values, PLACES);
		}
		redirect(303, '/gesprekken');
	}
} satisfies Actions;
