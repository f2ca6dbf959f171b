import { z } from 'zod';

/**
 * Shapes of the evening as the database returns them (supabase/API.md, "Public" and "Presenter").
 * Shared by the server (to validate what comes back) and the browser (types for the live board).
 */

export const slideKinds = ['title', 'theme', 'finding', 'quote', 'chart'] as const;

/** A chart slide's data: the whole round's answers to one question; a hidden count is null. */
export const chartSchema = z.object({
	kind: z.enum(['scale', 'single']),
	prompt: z.string(),
	scale_min_label: z.string().nullish(),
	scale_max_label: z.string().nullish(),
	values: z.array(z.string()),
	counts: z.array(z.number().int().nullable()),
	interviews: z.number().int()
});
export type ChartData = z.infer<typeof chartSchema>;

export const slideSchema = z.object({
	kind: z.enum(slideKinds),
	theme: z.string().nullish(),
	statement: z.string().nullish(),
	quote: z.string().nullish(),
	/** A title slide in the presenters' own words; none: the round's title. */
	title: z.string().nullish(),
	chart: chartSchema.nullish()
});

/** The hall's reactions to a slide (one of each per slide per phone). */
export const reactionKinds = ['herkenbaar', 'verrast', 'meer_weten'] as const;
export type ReactionKind = (typeof reactionKinds)[number];
export const reactionCountsSchema = z.partialRecord(z.enum(reactionKinds), z.number().int());
export type ReactionCounts = z.infer<typeof reactionCountsSchema>;

export const boardSchema = z.object({
	round: z.object({ title: z.string(), target_group: z.string() }),
	state: z.enum(['waiting', 'live', 'closed']),
	opened_at: z.string().nullish(),
	opened_by_name: z.string().nullish(),
	position: z.number().int().nullish(),
	slide_count: z.number().int(),
	seq: z.number().int(),
	slide: slideSchema.nullish(),
	counts: z.object({ interviews: z.number().int(), findings: z.number().int() }),
	/** The round's hash-chain fingerprint (supabase/CHAIN.md); null until the evening is opened. */
	fingerprint: z.string().nullish(),
	/** Reactions to the slide on the wall, while the evening is live. */
	reactions: reactionCountsSchema.nullish(),
	/** The slide on the wall, counted in the story without hidden slides (1 is the first). */
	number: z.number().int().nullish(),
	/** The presenters have not revealed this slide's counts yet (they show them when they choose). */
	reactions_hidden: z.boolean().nullish()
});

export const publicFindingSchema = z.object({
	theme: z.string().nullish(),
	statement: z.string(),
	quote: z.string().nullish()
});

export const presenterSlideSchema = slideSchema.extend({ position: z.number().int() });

export const presenterSlidesSchema = z.object({
	position: z.number().int().nullish(),
	slides: z.array(presenterSlideSchema)
});

export type Slide = z.infer<typeof slideSchema>;
export type Board = z.infer<typeof boardSchema>;
export type PublicFinding = z.infer<typeof publicFindingSchema>;
export type PresenterSlide = z.infer<typeof presenterSlideSchema>;

/** What a reaction button posts. */
export const reactionFormSchema = z.object({ kind: z.enum(reactionKinds) });

/** What a presenter's move button posts: the slide to show. */
export const moveFormSchema = z.object({ position: z.coerce.number().int().min(0).max(10_000) });

/**
 * The canonical form of an evening code (as the database's app.normalise_code): upper case, no
 * spaces or dashes. The live hub keys channels by it, so /avond/abc123 and /avond/ABC123 share one.
 */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

/** A canonical evening code; anything else is a 404 without asking the database. */
export const eveningCodeSchema = z.string().regex(/^[A-Z0-9]{4,20}$/);
