/**
 * The SSE messages of an evening's board (ARCHITECTURE.md §5), made once per change by the hub.
 * `id:` is the board's seq everywhere, so a reconnect's Last-Event-ID says what a screen has.
 *
 * - `board`: the complete board. Always enough on its own.
 * - `reactions`: only the reaction counts changed (the hall tapping away): seq, position and
 *   counts, a tenth of a board. Sent only to screens that have the board it builds on.
 * - `viewers`: how many screens listen (no id: it is not part of the board's history).
 */
import type { Board } from '$lib/schemas/evening';
import type { Encoded } from './hub';

const withoutReactions = (board: Board) => JSON.stringify({ ...board, seq: 0, reactions: null });

export function encodeBoard(board: Board, previous: Board | undefined): Encoded {
	const full = `id: ${board.seq}\nevent: board\ndata: ${JSON.stringify(board)}\n\n`;
	if (!previous || withoutReactions(previous) !== withoutReactions(board)) return { full };
	const data = { seq: board.seq, position: board.position, reactions: board.reactions };
	return { full, delta: `id: ${board.seq}\nevent: reactions\ndata: ${JSON.stringify(data)}\n\n` };
}

export const encodeViewers = (count: number) => `event: viewers\ndata: {"count":${count}}\n\n`;
