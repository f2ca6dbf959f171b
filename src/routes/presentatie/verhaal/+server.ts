import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { messageFor } from '$lib/server/api/errors';
import * as interviews from '$lib/server/api/interviews';
import { ApiError } from '$lib/server/api/rpc';
import * as story from '$lib/server/api/story';
import { storyEditRequestSchema } from '$lib/schemas/story';
import type { Person } from '$lib/server/session';
import type { RequestHandler } from './$types';

/**
 * The presenters' story as JSON, for /presentatie: GET reads it (after the live stream said the
 * board changed, maybe by another presenter), POST `{ version, edit }` makes one small edit and
 * answers `{ story }`. A refusal is `{ error, story? }`: on story_changed (409) with the fresh story,
 * so the presenter sees what the other presenter did and can try again. The hooks refuse
 * cross-site requests (csrf), as for /presentatie/zet.
 */
function presenter(locals: App.Locals): Person & { roundId: string } {
	const person = interviews.requireInterviewer(locals.person);
	if (!person.isPresenter || !person.roundId) error(403, m.evening_not_presenter());
	return person as Person & { roundId: string };
}

function refusal(cause: unknown) {
	if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
	return { error: messageFor(cause.reason, cause.field), status: cause.status };
}

export const GET: RequestHandler = async ({ locals }) => {
	const person = presenter(locals);
	try {
		return json({ story: await story.read(person, person.roundId) });
	} catch (cause) {
		const { error, status } = refusal(cause);
		return json({ error }, { status });
	}
};

export const POST: RequestHandler = async ({ locals, request }) => {
	const person = presenter(locals);
	const parsed = storyEditRequestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ error: messageFor('invalid_input') }, { status: 400 });
	try {
		const fresh = await story.edit(person, person.roundId, parsed.data.version, parsed.data.edit);
		return json({ story: fresh });
	} catch (cause) {
		const { error, status } = refusal(cause);
		if (status !== 409) return json({ error }, { status });
		return json({ error, story: await story.read(person, person.roundId) }, { status });
	}
};
