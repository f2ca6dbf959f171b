// Pieces of arguments and results that several api modules share (supabase/API.md), one home each.
import { z } from 'zod';
import { roundStateSchema } from '$lib/schemas/domain';

/** A function without arguments. */
export const noArgs = z.object({});
/** A function whose result nobody reads (it returns nothing or a plain acknowledgement). */
export const nothing = z.unknown();

export const roundArgs = z.object({ p_round_id: z.uuid() });
/** Evening codes as people type them; the database normalises (app.normalise_code). */
export const eveningCodeArgs = z.object({ p_evening_code: z.string().min(1).max(40) });

export const count = z.number().int().nonnegative();

export const municipalitySchema = z.object({ id: z.string(), name: z.string() });
export type Municipality = z.infer<typeof municipalitySchema>;

/** What everyone but the round's own people sees of a round before its evening opens. */
export const sealedRoundSchema = z.object({
	sealed: z.literal(true),
	round: z.object({ title: z.string(), evening_code: z.string(), state: roundStateSchema })
});
