import { z } from 'zod';
import { reactionCountsSchema, reactionKinds, type ReactionKind } from '$lib/schemas/evening';
import { rpc } from './rpc';
import { eveningCodeArgs } from './shapes';

/** The hall's reactions (API.md, "Public"): called by the server only, with hashed keys. */

const mineSchema = z.array(z.enum(reactionKinds));

export const reactionResultSchema = z.object({
	position: z.number().int(),
	/** None while the presenters keep the counts for later (story.reactions_live off). */
	counts: reactionCountsSchema.nullish(),
	mine: mineSchema
});
export type ReactionResult = z.infer<typeof reactionResultSchema>;

/** A tap: adds the reaction, or takes it back when this phone already had it. */
export const react = (code: string, kind: ReactionKind, phoneKey: string, addressKey: string) =>
	rpc(
		'service',
		'react',
		{
			args: eveningCodeArgs.extend({
				p_kind: z.enum(reactionKinds),
				p_client_key: z.string().min(1).max(200),
				p_address_key: z.string().min(1).max(200)
			}),
			result: reactionResultSchema
		},
		{ p_evening_code: code, p_kind: kind, p_client_key: phoneKey, p_address_key: addressKey }
	);
