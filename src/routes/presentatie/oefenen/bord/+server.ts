import { json } from '@sveltejs/kit';
import { messageFor } from '$lib/server/api/errors';
import { ApiError } from '$lib/server/api/rpc';
import * as rehearsal from '$lib/server/api/rehearsal';
import { rehearsalStepSchema } from '$lib/schemas/rehearsal';
import { rehearsingPresenter } from '../rehearsal.server';
import type { RequestHandler } from './$types';

/**
 * The rehearsal board as JSON, for the rehearsal wall and the presenters' phones: GET reads it
 * (they poll it: a handful of presenters' screens, never the hall), POST `{ step }` takes one step
 * and answers `{ board }`. A refusal is `{ error }` in words. The hooks refuse cross-site
 * requests (csrf), as for /presentatie/zet.
 */
function refusal(cause: unknown) {
	if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
	return json({ error: messageFor(cause.reason, cause.field) }, { status: cause.status });
}

export const GET: RequestHandler = async ({ locals }) => {
	const person = rehearsingPresenter(locals.person);
	try {
		return json({ board: await rehearsal.board(person, person.roundId) });
	} catch (cause) {
		return refusal(cause);
	}
};

export const POST: RequestHandler = async ({ locals, request }) => {
	const person = rehearsingPresenter(locals.person);
	const body = (await request.json().catch(() => null)) as { step?: unknown } | null;
	const parsed = rehearsalStepSchema.safeParse(body?.step);
	if (!parsed.success) return json({ error: messageFor('invalid_input') }, { status: 400 });
	try {
		return json({ board: await rehearsal.step(person, person.roundId, parsed.data) });
	} catch (cause) {
		return refusal(cause);
	}
};
