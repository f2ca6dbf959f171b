/**
 * The one place that wakes the live board (ARCHITECTURE.md §5). The api layer calls
 * `wakeBoardAfter` after every successful call of a function listed here, so routes never do.
 */
import type { Caller } from '$lib/server/api/rpc';
import { normaliseCode } from '$lib/schemas/evening';

/**
 * Every api function after whose success an evening's board may look different: the slide, the
 * evening's state, the counts or the fingerprint (every hash-chain entry moves it). A new function
 * that writes any of these (reactions, slide reordering, …) belongs here.
 */
const BOARD_CHANGES: ReadonlySet<string> = new Set([
	'evening_open',
	'evening_move',
	'evening_close',
	'interview_submit',
	'interview_withdraw',
	'finding_create',
	'finding_update',
	'finding_withdraw',
	'react',
	// The presenters' story: the slide count and numbering on the wall, and every presenter's
	// screen reads the story again when the board's seq moves.
	'story_edit'
]);

export const changesBoard = (fn: string): boolean => BOARD_CHANGES.has(fn);

// A round's evening code never changes, so it is learned once per round and process: from any
// answer that carries it (interviews.me), else by asking once.
const eveningCodes = new Map<string, string>();

export function rememberEveningCode(roundId: string, code: string | null | undefined): void {
	if (code) eveningCodes.set(roundId, normaliseCode(code));
}

/** The evening code of a round, if this process has learned it (every wake does). */
export const knownEveningCode = (roundId: string): string | null =>
	eveningCodes.get(roundId) ?? null;

const personOf = (caller: Caller) => (caller && caller !== 'service' ? caller : null);

/** Which evening a call was about: named in its arguments, else the round of the caller. */
async function eveningCodeOf(
	caller: Caller,
	args: Record<string, unknown>
): Promise<string | null> {
	if (typeof args.p_evening_code === 'string') return normaliseCode(args.p_evening_code);
	const person = personOf(caller);
	const roundId = typeof args.p_round_id === 'string' ? args.p_round_id : person?.roundId;
	if (!roundId) return null;
	if (!eveningCodes.has(roundId) && person?.kind === 'interviewer') {
		// Imported here, not at the top: the api and the hub depend on each other.
		const interviews = await import('$lib/server/api/interviews');
		await interviews.me(person); // remembers the code of the person's round
	}
	return eveningCodes.get(roundId) ?? null;
}

/**
 * Wake the screens of the evening a successful call changed. Never throws: the change is made,
 * and a failed wake (logged) must not turn it into an error for the person who made it. Screens
 * that missed it catch up on their next event or reconnect (Last-Event-ID), or by polling.
 */
export async function wakeBoardAfter(caller: Caller, args: Record<string, unknown>): Promise<void> {
	try {
		const code = await eveningCodeOf(caller, args);
		if (!code) {
			console.warn('[live] a board changed, but it is not known of which evening');
			return;
		}
		const { hub } = await import('./instance');
		await hub.wake(code);
	} catch (error) {
		console.error('[live] could not wake the board', error);
	}
}
