import { z } from 'zod';
import type { Person } from '$lib/server/session';
import { boardSchema, presenterSlidesSchema, publicFindingSchema } from '$lib/schemas/evening';
import { rpc } from './rpc';
import { eveningCodeArgs as codeArgs, nothing, roundArgs } from './shapes';

/** The results evening (API.md, "Presenter" and "Public"). */

export const open = (person: Person, roundId: string) =>
	rpc(person, 'evening_open', { args: roundArgs, result: nothing }, { p_round_id: roundId });

export const move = (person: Person, roundId: string, position: number) =>
	rpc(
		person,
		'evening_move',
		{
			args: roundArgs.extend({ p_position: z.number().int() }),
			result: z.object({ position: z.number().int() })
		},
		{ p_round_id: roundId, p_position: position }
	);

export const close = (person: Person, roundId: string) =>
	rpc(person, 'evening_close', { args: roundArgs, result: nothing }, { p_round_id: roundId });

export const slides = (person: Person, roundId: string) =>
	rpc(
		person,
		'presenter_slides',
		{ args: roundArgs, result: presenterSlidesSchema },
		{ p_round_id: roundId }
	);

// The public functions are always called as anon, even for a signed-in person: everyone in the
// hall sees the same board, and the hub can share one load among all of them.
export const board = (code: string) =>
	rpc(null, 'evening_board', { args: codeArgs, result: boardSchema }, { p_evening_code: code });

export const findings = (code: string) =>
	rpc(
		null,
		'evening_findings',
		{ args: codeArgs, result: z.array(publicFindingSchema) },
		{ p_evening_code: code }
	);

export const seq = async (code: string) =>
	(
		await rpc(
			null,
			'evening_seq',
			{ args: codeArgs, result: z.object({ seq: z.number().int() }) },
			{ p_evening_code: code }
		)
	).seq;
