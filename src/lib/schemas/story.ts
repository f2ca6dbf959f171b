import { z } from 'zod';
import { slideKinds } from './evening';

/**
 * The presenters' story (supabase/API.md, "Presenter": api.story, api.story_edit). Shared by the
 * server (to validate what comes back) and the presenter's browser.
 */

export const storySlideSchema = z.object({
	/** The slide's identity: the wall's position, never changed by reordering. */
	position: z.number().int(),
	kind: z.enum(slideKinds),
	theme: z.string().nullish(),
	title: z.string().nullish(),
	statement: z.string().nullish(),
	quote: z.string().nullish(),
	withdrawn: z.boolean(),
	hidden: z.boolean(),
	revealed: z.boolean(),
	/** For the presenters' own screens only. */
	notes: z.string().nullish(),
	/** A chart slide's question. */
	prompt: z.string().nullish()
});

export const storySchema = z.object({
	version: z.number().int(),
	reactions_live: z.boolean(),
	state: z.enum(['waiting', 'live', 'closed']),
	position: z.number().int().nullish(),
	slides: z.array(storySlideSchema),
	/** The questions a chart slide can show (scale and single choice). */
	questions: z.array(
		z.object({ id: z.string(), prompt: z.string(), kind: z.enum(['scale', 'single']) })
	)
});

export type StorySlide = z.infer<typeof storySlideSchema>;
export type Story = z.infer<typeof storySchema>;

const position = z.number().int().min(0).max(10_000);

/** One edit, as the presenter's browser posts it (with the version it was made on). */
export const storyEditSchema = z.discriminatedUnion('op', [
	z.object({ op: z.literal('move'), position, to: z.number().int().min(0).max(10_000) }),
	z.object({ op: z.literal('hide'), position, hidden: z.boolean() }),
	z.object({ op: z.literal('add_title'), title: z.string().trim().min(1).max(120) }),
	z.object({ op: z.literal('retitle'), position, title: z.string().trim().min(1).max(120) }),
	z.object({ op: z.literal('add_quote'), position }),
	z.object({ op: z.literal('add_chart'), question_id: z.uuid() }),
	z.object({ op: z.literal('remove'), position }),
	z.object({ op: z.literal('notes'), position, notes: z.string().max(2000) }),
	z.object({ op: z.literal('reactions'), live: z.boolean() }),
	z.object({ op: z.literal('reveal'), position })
]);
export type StoryEdit = z.infer<typeof storyEditSchema>;

export const storyEditRequestSchema = z.object({
	version: z.number().int().min(0),
	edit: storyEditSchema
});
