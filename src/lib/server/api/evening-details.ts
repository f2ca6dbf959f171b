// When and where a results evening is, read by its public evening code (api.evening_details).
import { z } from 'zod';
import { rpc } from './rpc';

export const eveningDetailsSchema = z.object({
	title: z.string(),
	evening_code: z.string(),
	starts_at: z.string().nullable(),
	ends_at: z.string().nullable(),
	place: z.string().nullable()
});
export type EveningDetails = z.infer<typeof eveningDetailsSchema>;

export const get = (code: string): Promise<EveningDetails> =>
	rpc(
		null,
		'evening_details',
		{ args: z.object({ p_evening_code: z.string().max(20) }), result: eveningDetailsSchema },
		{ p_evening_code: code }
	);
