// The group of a round as its interviewers see it, and how they choose their presenters: a
// volunteer presents once the round's quorum of other interviewers confirm them (API.md,
// "Presenters"). For the group only: staff and the public are refused by the database.
import { z } from 'zod';
import type { Person } from '$lib/server/session';
import { rpc } from './rpc';
import { noArgs, nothing } from './shapes';

const peerSchema = z.object({ id: z.string(), display_name: z.string(), tag: z.string() });

const memberSchema = peerSchema.extend({
	joined_at: z.string(),
	volunteered_at: z.string().nullable(),
	is_presenter: z.boolean(),
	confirmed_by: z.array(peerSchema)
});

const rosterSchema = z.object({
	quorum: z.number().int().min(2).max(5),
	/** False once the evening opened: then nobody volunteers, confirms or takes back any more. */
	changeable: z.boolean(),
	me: z.string(),
	members: z.array(memberSchema)
});

export type Member = z.infer<typeof memberSchema>;
export type Roster = z.infer<typeof rosterSchema>;

export const roster = (person: Person): Promise<Roster> =>
	rpc(person, 'round_members', { args: noArgs, result: rosterSchema }, {});

export async function volunteer(person: Person, on: boolean): Promise<void> {
	await rpc(
		person,
		'presenter_volunteer',
		{ args: z.object({ p_volunteer: z.boolean() }), result: nothing },
		{ p_volunteer: on }
	);
}

export async function confirm(person: Person, interviewerId: string, on: boolean): Promise<void> {
	await rpc(
		person,
		'presenter_confirm',
		{ args: z.object({ p_interviewer_id: z.uuid(), p_confirm: z.boolean() }), result: nothing },
		{ p_interviewer_id: interviewerId, p_confirm: on }
	);
}
