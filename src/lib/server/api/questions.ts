import { z } from 'zod';

/** A guide question as the data API returns it (app.questions_json), for staff and interviewers. */
export const questionSchema = z.object({
	id: z.string(),
	position: z.number().int(),
	kind: z.enum(['open', 'scale', 'single', 'multi']),
	prompt: z.string(),
	theme: z.string().nullish(),
	scale_min_label: z.string().nullish(),
	scale_max_label: z.string().nullish(),
	options: z.array(z.string()).nullish()
});

export type Question = z.infer<typeof questionSchema>;
