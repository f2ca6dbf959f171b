import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { messageFor } from '$lib/server/api/errors';
import * as interviews from '$lib/server/api/interviews';
import * as evening from '$lib/server/api/evening';
import * as story from '$lib/server/api/story';
import { refused } from '$lib/server/form-errors';
import { moveFormSchema } from '$lib/schemas/evening';
import type { Person } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Presenters only. The database checks again on every call; this just gives a clear 403 page. */
function requirePresenter(person: Person | null): Person & { roundId: string } {
	const interviewer = interviews.requireInterviewer(person);
	if (!interviewer.isPresenter || !interviewer.roundId) error(403, m.evening_not_presenter());
	return interviewer as Person & { roundId: string };
}

export const load = (async ({ locals, url }) => {
	const person = requirePresenter(locals.person);
	const { round } = await interviews.me(person);
	const board = round.evening_code ? await evening.board(round.evening_code) : null;
	// The story, to prepare before the evening and to steer it while it is live.
	const prepared =
		board?.state !== 'closed' && (round.state === 'veldwerk' || round.state === 'avond')
			? await story.read(person, round.id)
			: null;
	const confirm = url.searchParams.get('bevestig');
	return {
		round: { title: round.title, state: round.state, code: round.evening_code ?? null },
		board,
		story: prepared,
		confirm: confirm === 'openen' || confirm === 'sluiten' ? confirm : null
	};
}) satisfies PageServerLoad;

/** Run one presenter write; the api layer wakes every screen of this evening after it. */
async function act(
	locals: App.Locals,
	write: (person: Person, roundId: string) => Promise<unknown>
) {
	const person = requirePresenter(locals.person);
	try {
		await write(person, person.roundId);
	} catch (cause) {
		return refused(cause, {});
	}
	return null;
}

export const actions = {
	open: async ({ locals }) => {
		const refusal = await act(locals, (person, roundId) => evening.open(person, roundId));
		if (refusal) return refusal;
		redirect(303, '/presentatie');
	},
	move: async ({ locals, request }) => {
		const parsed = moveFormSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) {
			return fail(400, { values: {}, errors: { form: messageFor('invalid_input') } });
		}
		const refusal = await act(locals, (person, roundId) =>
			evening.move(person, roundId, parsed.data.position)
		);
		return refusal ?? { moved: parsed.data.position };
	},
	close: async ({ locals }) => {
		const refusal = await act(locals, (person, roundId) => evening.close(person, roundId));
		if (refusal) return refusal;
		redirect(303, '/presentatie');
	}
} satisfies Actions;
