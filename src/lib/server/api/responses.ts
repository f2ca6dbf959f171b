import { z } from 'zod';
import type { Person } from '$lib/server/session';
import {
	responseArgsSchema,
	verdictArgsSchema,
	type ResponseArgs,
	type VerdictArgs
} from '$lib/schemas/after';
import { responseStatuses, roundStateSchema, staffRoles, verdictKinds } from '$lib/schemas/domain';
import { rpc, type Caller } from './rpc';
import { eveningCodeArgs, count, noArgs, nothing } from './shapes';

/** After the evening (API.md): public responses to a finding, and the peers' verdicts on them. */

const status = z.enum(responseStatuses);
const verdict = z.enum(verdictKinds);

const responseSchema = z.object({
	id: z.string(),
	status,
	body: z.string(),
	reason: z.string().nullable(),
	planned_for: z.string().nullable(),
	author_role: z.enum(staffRoles),
	created_at: z.string(),
	verdicts: z.object({ helpt: count, helpt_nog_niet: count, gaat_langs_ons_heen: count }),
	comments: z.array(z.object({ verdict, comment: z.string(), at: z.string() }))
});
export type FindingResponse = z.infer<typeof responseSchema>;

const storySchema = z.object({
	finding: z.object({
		id: z.string(),
		theme: z.string().nullable(),
		statement: z.string().nullable(),
		quote: z.string().nullable(),
		state: z.enum(['published', 'withdrawn', 'erased'])
	}),
	round: z.object({
		title: z.string(),
		target_group: z.string(),
		evening_code: z.string(),
		state: roundStateSchema,
		published_at: z.string().nullable()
	}),
	responses: z.array(responseSchema),
	viewer: z.object({
		can_respond: z.boolean(),
		can_judge: z.boolean(),
		verdicts: z.array(
			z.object({ response_id: z.string(), verdict, comment: z.string().nullable() })
		)
	})
});
export type FindingStory = z.infer<typeof storySchema>;

const feedSchema = z.object({
	round: z.object({
		title: z.string(),
		evening_code: z.string(),
		published_at: z.string().nullable()
	}),
	responses: z.array(
		z.object({
			id: z.string(),
			finding_id: z.string(),
			statement: z.string().nullable(),
			status,
			body: z.string(),
			reason: z.string().nullable(),
			planned_for: z.string().nullable(),
			author_role: z.enum(staffRoles),
			created_at: z.string()
		})
	)
});
export type RoundFeed = z.infer<typeof feedSchema>;

const newsSchema = z.object({
	since: z.string().nullable(),
	responses: z.array(
		z.object({
			id: z.string(),
			finding_id: z.string(),
			statement: z.string().nullable(),
			status,
			created_at: z.string()
		})
	)
});
export type News = z.infer<typeof newsSchema>;

/** The finding's permanent page: public once its round is published, not_found before. */
export const story = (caller: Caller, findingId: string) =>
	rpc(
		caller,
		'finding_story',
		{ args: z.object({ p_finding_id: z.uuid() }), result: storySchema },
		{ p_finding_id: findingId }
	);

/** Form values as typed: the schema inside rpc() checks them before they leave the server. */
type Typed<T> = Record<keyof T, string | null>;

export const post = (person: Person, args: Typed<ResponseArgs>) =>
	rpc(
		person,
		'response_post',
		{ args: responseArgsSchema, result: z.object({ id: z.string() }) },
		args as ResponseArgs
	);

export const judge = (person: Person, args: Typed<VerdictArgs>) =>
	rpc(person, 'verdict_give', { args: verdictArgsSchema, result: nothing }, args as VerdictArgs);

export const feed = (caller: Caller, eveningCode: string) =>
	rpc(
		caller,
		'round_responses',
		{ args: eveningCodeArgs, result: feedSchema },
		{ p_evening_code: eveningCode }
	);

export const news = (person: Person) =>
	rpc(person, 'my_news', { args: noArgs, result: newsSchema }, {});

export const seen = (person: Person) =>
	rpc(person, 'news_seen', { args: noArgs, result: nothing }, {});

const accountabilitySchema = z.object({
	round: z.object({
		title: z.string(),
		evening_code: z.string(),
		state: roundStateSchema,
		published_at: z.string().nullable()
	}),
	findings: z.array(
		z.object({
			id: z.string(),
			theme: z.string().nullable(),
			statement: z.string().nullable(),
			state: z.enum(['published', 'withdrawn', 'erased']),
			responses: count,
			latest_status: status.nullable(),
			latest_at: z.string().nullable(),
			verdicts: z.object({ helpt: count, helpt_nog_niet: count, gaat_langs_ons_heen: count })
		})
	)
});
export type Accountability = z.infer<typeof accountabilitySchema>;

/** The round's accountability overview: public once published, not_found before. */
export const accountability = (caller: Caller, eveningCode: string) =>
	rpc(
		caller,
		'round_accountability',
		{ args: eveningCodeArgs, result: accountabilitySchema },
		{ p_evening_code: eveningCode }
	);
