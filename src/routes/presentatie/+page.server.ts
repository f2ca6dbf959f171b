import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { ApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';
import * as interviews from '$lib/server/api/interviews';
import * as evening from '$lib/server/api/evening';
import { hub } from '$lib/server/live/instance';
import { moveFormSchema } from '$lib/schemas/evening';
import type { Person } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

/** Presenters only. The database checks again on every call; this just gives a clear 403 page. */
function requirePresenter(person: Person | null): Person & { roundId: string } {
	const interviewer = interviews.requireInterviewer(person);
	if (!interviewer.isPresenter || !interviewer.roundId) error(403, m.evening_not_presenter());
	return interviewer as Person & { roundId: string };
}

// A round's evening code never changes: remembered so a move costs no extra lookup before the wake.
const eveningCodes = new Map<string, string>();

async function eveningCodeOf(person: Person, roundId: string): Promise<string | null> {
	const known = eveningCodes.get(roundId);
	if (known) return known;
	const { round } = await interviews.me(person);
	if (round.evening_code) eveningCodes.set(round.id, round.evening_code);
	return round.evening_code ?? null;
}

export const load = (async ({ locals, url }) => {
	const person = requirePresenter(locals.person);
	const { round } = await interviews.me(person);
	if (round.evening_code) eveningCodes.set(round.id, round.evening_code);
	const board = round.evening_code ? await evening.board(round.evening_code) : null;
	const slides = board && board.state !== 'waiting' ? await evening.slides(person, round.id) : null;
	const confirm = url.searchParams.get('bevestig');
	return {
		round: { title: round.title, state: round.state, code: round.evening_code ?? null },
		board,
		slides: slides?.slides ?? [],
		confirm: confirm === 'openen' || confirm === 'sluiten' ? confirm : null
	};
}) satisfies PageServerLoad;

/** Run one presenter write, then wake every screen of this evening. */
async function act(
	locals: App.Locals,
	write: (person: Person, roundId: string) => Promise<unknown>
) {
	const person = requirePresenter(locals.person);
	try {
		await write(person, person.roundId);
	} catch (cause) {
		if (!(cause instanceof ApiError) || cause.status === 500) throw cause;
		return fail(cause.status, { error: messageFor(cause.reason, cause.field) });
	}
	const code = await eveningCodeOf(person, person.roundId);
	if (code) await hub.wake(code);
	return null;
}

export const actions = {
	open: async ({ locals }) => {
		const refused = await act(locals, (person, roundId) => evening.open(person, roundId));
		if (refused) return refused;
		redirect(303, '/presentatie');
	},
	move: async ({ locals, request }) => {
		const parsed = moveFormSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: messageFor('invalid_input') });
		const refused = await act(locals, (person, roundId) =>
			evening.move(person, roundId, parsed.data.position)
		);
		return refused ?? { moved: parsed.data.position };
	},
	close: async ({ locals }) => {
		const refused = await act(locals, (person, roundId) => evening.close(person, roundId));
		if (refused) return refused;
		redirect(303, '/presentatie');
	}
} satisfies Actions;
