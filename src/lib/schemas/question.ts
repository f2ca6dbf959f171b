import { z } from 'zod';
import { questionKinds } from './domain';

/** A guide question as the data API returns it (app.questions_json), for staff and interviewers. */
export const questionSchema = z.object({
	id: z.string(),
	position: z.number().int(),
	kind: z.enum(questionKinds),
	prompt: z.string(),
	theme: z.string().nullish(),
	scale_min_label: z.string().nullish(),
	scale_max_label: z.string().nullish(),
	options: z.array(z.string()).nullish()
});

export type Question = z.infer<typeof questionSchema>;
