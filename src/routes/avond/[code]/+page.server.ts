import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { messageFor } from '$lib/server/api/errors';
import * as reactions from '$lib/server/api/reactions';
import { ApiError } from '$lib/server/api/rpc';
import { phoneKey } from '$lib/server/phone-key';
import { normaliseCode, reactionFormSchema } from '$lib/schemas/evening';
import { loadBoard } from './board.server';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, url }) => ({
	code: params.code,
	board: await loadBoard(params.code, url)
})) satisfies PageServerLoad;

export const actions = {
	/** A tap on a reaction button: add it, or take it back. Refusals are sentences, never a 500. */
	reageer: async ({ params, request, cookies, locals }) => {
		const parsed = reactionFormSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { reactionError: messageFor('invalid_input') });
		try {
			const result = await reactions.react(
				normaliseCode(params.code),
				parsed.data.kind,
				phoneKey(cookies),
				locals.clientKey
			);
			return { reacted: result };
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
			const message =
				cause.reason === 'rate_limited'
					? m.reaction_rate_limited()
					: messageFor(cause.reason, cause.field);
			return fail(cause.status, { reactionError: message });
		}
	}
} satisfies Actions;
