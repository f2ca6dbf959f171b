import type { Person } from '$lib/server/session';
import {
	rehearsalBoardSchema,
	rehearsalStepSchema,
	type RehearsalStep
} from '$lib/schemas/rehearsal';
import { rpc } from './rpc';
import { roundArgs } from './shapes';

/**
 * The presenters' rehearsal before the evening opens (API.md, "Presenter"). Not in
 * live/board-changes.ts on purpose: a rehearsal never wakes the public board.
 */

export const board = (person: Person, roundId: string) =>
	rpc(
		person,
		'rehearsal_board',
		{ args: roundArgs, result: rehearsalBoardSchema },
		{ p_round_id: roundId }
	);

export const step = (person: Person, roundId: string, change: RehearsalStep) =>
	rpc(
		person,
		'rehearsal_step',
		{ args: roundArgs.extend({ p_step: rehearsalStepSchema }), result: rehearsalBoardSchema },
		{ p_round_id: roundId, p_step: change }
	);
