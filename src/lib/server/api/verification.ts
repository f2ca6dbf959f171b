// Promise 3, "provable": the public hash chain of a round (supabase/CHAIN.md). Sealed until a
// presenter opens the evening; after that anyone may fetch it and check it (src/lib/verify/).
import { z } from 'zod';
import { roundStateSchema as roundState } from '$lib/schemas/domain';
import { rpc } from './rpc';
import { eveningCodeArgs, sealedRoundSchema } from './shapes';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const chainEntrySchema = z.object({
	seq: z.number().int().positive(),
	kind: z.enum([
		'interview_submitted',
		'interview_corrected',
		'interview_withdrawn',
		'finding_submitted',
		'finding_corrected',
		'finding_withdrawn'
	]),
	subject_id: z.string(),
	content_hash: hex64,
	prev_hash: hex64,
	at: z.string(),
	entry_hash: hex64
});

export const verificationFindingSchema = z.object({
	id: z.string(),
	statement: z.string().nullable(),
	quote: z.string().nullable(),
	theme: z.string().nullable(),
	/** Part of the finding's hash (CHAIN.md); null for a finding from before salts existed. */
	salt: z.string().nullish(),
	state: z.enum(['published', 'withdrawn', 'erased'])
});

const openSchema = z.object({
	sealed: z.literal(false),
	round: z.object({
		id: z.string(),
		title: z.string(),
		evening_code: z.string(),
		state: roundState
	}),
	fingerprint: z.string().nullable(),
	/** The chain's length when the evening opened; later lines are named on the check page. */
	opened_seq: z.number().int().nonnegative().nullish(),
	entries: z.array(chainEntrySchema),
	findings: z.array(verificationFindingSchema)
});

export const verificationSchema = z.discriminatedUnion('sealed', [sealedRoundSchema, openSchema]);

export type ChainEntry = z.infer<typeof chainEntrySchema>;
export type VerificationFinding = z.infer<typeof verificationFindingSchema>;
export type Verification = z.infer<typeof verificationSchema>;
export type OpenVerification = z.infer<typeof openSchema>;

/** Always as anon: the chain is the same for everyone, and public once the evening is open. */
export const getVerification = (code: string): Promise<Verification> =>
	rpc(
		null,
		'round_verification',
		{ args: eveningCodeArgs, result: verificationSchema },
		{ p_evening_code: code }
	);
