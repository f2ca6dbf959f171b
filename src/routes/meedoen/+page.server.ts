import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';
import { join } from '$lib/server/api/sessions';
import { setSessionCookie } from '$lib/server/session';
import { parseJoinForm } from '$lib/schemas/field';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url, locals }) => ({
	// The QR code on the invitation carries the code, so the interviewer only types a name.
	code: (url.searchParams.get('code') ?? '').slice(0, 40),
	joinedAs: locals.person?.kind === 'interviewer' ? locals.person.displayName : null
})) satisfies PageServerLoad;

/** Reasons about the code are shown at the code field; the rest above the form. */
const CODE_REASONS: Record<string, () => string> = {
	join_code_unknown: () => m.field_join_code_unknown(),
	round_not_open: () => m.field_join_round_closed(),
	rate_limited: () => m.field_join_rate_limited()
};

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		const parsed = parseJoinForm(await request.formData());
		if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
		try {
			const session = await join(parsed.data.code, parsed.data.display_name, locals.clientKey);
			setSessionCookie(cookies, session.token, url);
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status === 500) throw cause;
			const message = CODE_REASONS[cause.reason]?.() ?? messageFor(cause.reason, cause.field);
			const field = cause.field === 'display_name' ? 'display_name' : 'code';
			return fail(cause.status === 429 ? 429 : 400, {
				values: parsed.values,
				errors: { [field]: message }
			});
		}
		redirect(303, '/gesprekken');
	}
} satisfies Actions;
