import { z } from 'zod';
import type { Person } from '$lib/server/session';
import { rpc } from './rpc';

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

const text = {
	p_statement: z.string().min(3).max(600),
	p_quote: z.string().max(400).nullable(),
	p_theme: z.string().nullable()
};

const createArgs = z.object({ p_id: z.uuid(), ...text, p_interview_id: z.uuid().nullable() });
const updateArgs = z.object({ p_id: z.uuid(), ...text });
const idArgs = z.object({ p_id: z.uuid() });

export const create = (person: Person, args: z.input<typeof createArgs>) =>
	rpc(
		person,
		'finding_create',
		{ args: createArgs, result: z.object({ id: z.string(), created: z.boolean() }) },
		args
	);

export const update = (person: Person, args: z.input<typeof updateArgs>) =>
	rpc(person, 'finding_update', { args: updateArgs, result: z.unknown() }, args);

export const withdraw = (person: Person, id: string) =>
	rpc(person, 'finding_withdraw', { args: idArgs, result: z.unknown() }, { p_id: id });

export const mine = (person: Person) =>
	rpc(person, 'my_findings', { args: z.object({}), result: z.array(findingSchema) }, {});
