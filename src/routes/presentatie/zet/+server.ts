import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { messageFor } from '$lib/server/api/errors';
import * as evening from '$lib/server/api/evening';
import * as interviews from '$lib/server/api/interviews';
import { ApiError } from '$lib/server/api/rpc';
import { knownEveningCode } from '$lib/server/live/board-changes';
import { hub } from '$lib/server/live/instance';
import { moveFormSchema } from '$lib/schemas/evening';
import type { RequestHandler } from './$types';

/**
 * A presenter's move as one small request (fetch from /presentatie, or a benchmark): JSON
 * `{ position }` in, `{ position, seq }` out. No page data is loaded again: every screen, the
 * presenter's own included, follows the move over the live stream. `seq` is the board's seq after
 * the move, so the caller knows which board carries it. A refusal is `{ error }` in words.
 */
export const POST: RequestHandler = async ({ locals, request }) => {
	const person = interviews.requireInterviewer(locals.person);
	if (!person.isPresenter || !person.roundId) error(403, m.evening_not_presenter());
	const parsed = moveFormSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ error: messageFor('invalid_input') }, { status: 400 });
	try {
		// The api layer has woken the hub before this returns, so its board carries the move.
		const { position } = await evening.move(person, person.roundId, parsed.data.position);
		const code =
			knownEveningCode(person.roundId) ?? (await interviews.me(person)).round.evening_code;
		const board = code ? await hub.read(code) : null;
		return json({ position, seq: board?.seq ?? null });
	} catch (cause) {
		if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
		return json({ error: messageFor(cause.reason, cause.field) }, { status: cause.status });
	}
};
