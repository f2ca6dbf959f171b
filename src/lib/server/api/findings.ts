import { z } from 'zod';
import type { Person } from '$lib/server/session';
import {
	findingArgsSchema,
	findingTextArgsSchema,
	type FindingArgs,
	type FindingTextArgs
} from '$lib/schemas/submissions';
import { rpc } from './rpc';
import { noArgs, nothing } from './shapes';

/** An interviewer's own findings (API.md, "Interviewer"). Only the author ever changes one. */

const findingSchema = z.object({
	id: z.string(),
	statement: z.string().nullish(),
	quote: z.string().nullish(),
	theme: z.string().nullish(),
	interview_id: z.string().nullish(),
	created_at: z.string(),
	withdrawn_at: z.string().nullish()
});

export type MyFinding = z.infer<typeof findingSchema>;

const idArgs = z.object({ p_id: z.uuid() });

export const create = (person: Person, args: FindingArgs) =>
	rpc(
		person,
		'finding_create',
		{ args: findingArgsSchema, result: z.object({ id: z.string(), created: z.boolean() }) },
		args
	);

/** Extra keys (a form's p_interview_id) are dropped by the schema: the link never changes. */
export const update = (person: Person, args: FindingTextArgs) =>
	rpc(person, 'finding_update', { args: findingTextArgsSchema, result: nothing }, args);

export const withdraw = (person: Person, id: string) =>
	rpc(person, 'finding_withdraw', { args: idArgs, result: nothing }, { p_id: id });

export const mine = (person: Person) =>
	rpc(person, 'my_findings', { args: noArgs, result: z.array(findingSchema) }, {});

/**
 * "Bevindingen van de groep" (API.md): every finding of the caller's round that was not withdrawn,
 * by theme in guide order. Never who wrote another's; only one's own carries its id (to edit it).
 */
const groupFindingSchema = z.object({
	id: z.string().nullable(),
	own: z.boolean(),
	statement: z.string(),
	quote: z.string().nullable(),
	theme: z.string().nullable(),
	created_at: z.string(),
	updated_at: z.string()
});

const groupSchema = z.object({
	/** The caller may still correct their own (fieldwork, the evening not opened). */
	editable: z.boolean(),
	/** A presenter, or someone who has sent an interview or a finding: joining alone opens nothing. */
	readable: z.boolean(),
	groups: z.array(z.object({ theme: z.string().nullable(), findings: z.array(groupFindingSchema) }))
});

export type GroupFinding = z.infer<typeof groupFindingSchema>;

export const group = (person: Person) =>
	rpc(person, 'group_findings', { args: noArgs, result: groupSchema }, {});
