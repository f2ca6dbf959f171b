import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as interviews from '$lib/server/api/interviews';
import { ApiError } from '$lib/server/api/rpc';
import * as rehearsal from '$lib/server/api/rehearsal';
import type { Person } from '$lib/server/session';

/** Presenters only; the database checks again (api.rehearsal_*), this gives a clear 403 page. */
export function rehearsingPresenter(person: Person | null): Person & { roundId: string } {
	const interviewer = interviews.requireInterviewer(person);
	if (!interviewer.isPresenter || !interviewer.roundId) error(403, m.evening_not_presenter());
	return interviewer as Person & { roundId: string };
}

/**
 * The rehearsal board for a page under /presentatie/oefenen. Once the evening is opened (or the
 * round is not ready) there is no rehearsal: back to /presentatie, which says where things are.
 */
export async function loadRehearsal(person: Person | null) {
	const presenter = rehearsingPresenter(person);
	try {
		const board = await rehearsal.board(presenter, presenter.roundId);
		const { round } = await interviews.me(presenter);
		return { board, code: round.evening_code ?? null };
	} catch (cause) {
		if (cause instanceof ApiError && cause.reason === 'wrong_state') redirect(303, '/presentatie');
		throw cause;
	}
}
