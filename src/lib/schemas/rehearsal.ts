import { z } from 'zod';
import { boardSchema, reactionKinds } from './evening';

/**
 * The presenters' rehearsal (supabase/API.md, "Presenter": api.rehearsal_board,
 * api.rehearsal_step). Its board has the shape of the public live board, so the same wall and
 * slide components draw it, plus the caller's own reactions.
 */
export const rehearsalBoardSchema = boardSchema.extend({
	rehearsal: z.literal(true),
	position: z.number().int(),
	mine: z.array(z.enum(reactionKinds)),
	/** The shown slides before and after this one (none at either end). */
	previous: z.number().int().nullish(),
	next: z.number().int().nullish(),
	/** The presenters' notes on this slide (only presenters read the rehearsal board). */
	notes: z.string().nullish()
});
export type RehearsalBoard = z.infer<typeof rehearsalBoardSchema>;

/** One step of the rehearsal, as the presenter's browser posts it. */
export const rehearsalStepSchema = z.discriminatedUnion('op', [
	z.object({ op: z.literal('move'), position: z.number().int().min(0).max(10_000) }),
	z.object({ op: z.literal('react'), kind: z.enum(reactionKinds) }),
	z.object({ op: z.literal('reveal') }),
	z.object({ op: z.literal('restart') })
]);
export type RehearsalStep = z.infer<typeof rehearsalStepSchema>;
