// The results of a published round (supabase/API.md "Results"): counts with small-cell protection
// applied by the database (a hidden count arrives as null), the revealed findings, the evening's
// record and the method. The same document for staff and for the public link.
import { z } from 'zod';
import { roundStateSchema } from '$lib/schemas/domain';
import type { Person } from '$lib/server/session';
import { rpc } from './rpc';
import { count, nothing, roundArgs } from './shapes';

export const dimensions = ['municipality', 'interviewee_group', 'age_band'] as const;
export type Dimension = (typeof dimensions)[number];

/** A count, or null where the database hid it. */
const shown = count.nullable();

const itemSchema = z.object({
	question_id: z.string(),
	position: z.number().int(),
	kind: z.enum(['scale', 'single', 'multi']),
	prompt: z.string(),
	theme: z.string(),
	/** For a multiple-choice question: the option this item counts (chosen / not chosen). */
	option: z.string().nullable(),
	scale_min_label: z.string().nullable(),
	scale_max_label: z.string().nullable(),
	/** '1'…'5', the options, or 'chosen' | 'not_chosen'; '' = no answer. */
	values: z.array(z.string()),
	overall: z.array(shown),
	breakdowns: z.array(
		z.object({
			dimension: z.enum(dimensions),
			rows: z.array(z.object({ key: z.string(), label: z.string(), counts: z.array(shown) }))
		})
	)
});

export const resultsSchema = z.object({
	round: z.object({
		id: z.string(),
		title: z.string(),
		target_group: z.string(),
		state: roundStateSchema,
		published_at: z.string().nullable(),
		evening_code: z.string(),
		guide_version: z.number().int()
	}),
	min_cell: z.number().int().min(3).max(11),
	fingerprint: z.string().nullable(),
	counts: z.object({
		interviewers: count,
		interviews: count,
		findings: count,
		consent_withdrawn: count
	}),
	method: z.object({
		first_interview_at: z.string().nullable(),
		last_interview_at: z.string().nullable(),
		municipalities: z.array(z.string()),
		evening_opened_at: z.string().nullable(),
		evening_closed_at: z.string().nullable()
	}),
	bases: z.array(
		z.object({
			dimension: z.enum(dimensions),
			rows: z.array(z.object({ key: z.string(), label: z.string(), n: shown }))
		})
	),
	items: z.array(itemSchema),
	themes: z.array(z.object({ theme: z.string(), findings: count })),
	findings: z.array(
		z.object({ theme: z.string().nullable(), statement: z.string(), quote: z.string().nullable() })
	),
	slides: z.array(
		z.object({
			position: z.number().int(),
			kind: z.enum(['title', 'theme', 'finding', 'quote', 'chart']),
			theme: z.string().nullable(),
			/** A title slide in the presenters' own words (none: the round's title). */
			title: z.string().nullish(),
			statement: z.string().nullable(),
			/** A quote slide's quote. */
			quote: z.string().nullish(),
			/** A chart slide's question. */
			prompt: z.string().nullish(),
			reactions: z.object({ herkenbaar: count, verrast: count })
		})
	)
});
export type Results = z.infer<typeof resultsSchema>;
export type ResultItem = z.infer<typeof itemSchema>;

const staffResultsSchema = resultsSchema.extend({
	public_link: z.object({ created_at: z.string() }).nullable()
});
export type StaffResults = z.infer<typeof staffResultsSchema>;

export const get = (person: Person, roundId: string): Promise<StaffResults> =>
	rpc(
		person,
		'round_results',
		{ args: roundArgs, result: staffResultsSchema },
		{ p_round_id: roundId }
	);

/** Anyone holding the link: called as the public (anon), never as the visitor's own session. */
export const getPublic = (token: string): Promise<Results> =>
	rpc(
		null,
		'results_public',
		{ args: z.object({ p_token: z.string().min(1).max(200) }), result: resultsSchema },
		{ p_token: token }
	);

export const createLink = (person: Person, roundId: string): Promise<{ token: string }> =>
	rpc(
		person,
		'results_link_create',
		{ args: roundArgs, result: z.object({ token: z.string() }) },
		{ p_round_id: roundId }
	);

export const revokeLink = (person: Person, roundId: string): Promise<unknown> =>
	rpc(person, 'results_link_revoke', { args: roundArgs, result: nothing }, { p_round_id: roundId });

export const setMinCell = (person: Person, roundId: string, minCell: number): Promise<unknown> =>
	rpc(
		person,
		'round_set_min_cell',
		{
			args: z.object({ p_round_id: z.uuid(), p_min_cell: z.number().int() }),
			result: nothing
		},
		{ p_round_id: roundId, p_min_cell: minCell }
	);

const byKeySchema = z.array(
	z.object({
		key: z.string(),
		prompt: z.string(),
		kind: z.enum(['scale', 'single', 'multi']),
		rounds: z.array(
			z.object({
				round: z.object({
					id: z.string(),
					title: z.string(),
					published_at: z.string().nullable(),
					min_cell: z.number().int(),
					interviews: count
				}),
				items: z.array(itemSchema)
			})
		)
	})
);
export type ResultsByKey = z.infer<typeof byKeySchema>;

/** Questions that share a key across published rounds, each round with its own protected counts. */
export const byKey = (person: Person): Promise<ResultsByKey> =>
	rpc(person, 'results_by_key', { args: z.object({}), result: byKeySchema }, {});
