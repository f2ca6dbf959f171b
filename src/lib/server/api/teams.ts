import { z } from 'zod';
import type { Person } from '$lib/server/session';
import { rpc, type Caller } from './rpc';
import { count, eveningCodeArgs, noArgs } from './shapes';

/**
 * The team learning loop (API.md, "Teams"): teams of the organisation, the kletspot, agreements
 * with a look-back date, and what the public may see of them (counts and published agreements).
 */

const teamSchema = z.object({ id: z.string(), name: z.string() });
const teamId = z.uuid();
/** A calendar day as the date inputs send it. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const cardSchema = z.object({
	finding_id: z.string(),
	theme: z.string().nullable(),
	statement: z.string().nullable(),
	quote: z.string().nullable(),
	round: z.object({ title: z.string(), target_group: z.string(), evening_code: z.string() })
});
export type Card = z.infer<typeof cardSchema>;

const meetingSchema = z.object({
	team: teamSchema,
	on: z.string(),
	cards: count,
	undiscussed: count,
	due: z.array(
		z.object({
			agreement_id: z.string(),
			body: z.string(),
			owner: z.string(),
			look_back_on: z.string(),
			created_at: z.string(),
			card: cardSchema
		})
	),
	agreements: z.array(
		z.object({
			agreement_id: z.string(),
			body: z.string(),
			owner: z.string(),
			look_back_on: z.string(),
			published: z.boolean(),
			statement: z.string().nullable(),
			look_back: z.string().nullable()
		})
	)
});
export type Meeting = z.infer<typeof meetingSchema>;

const findingTeamsSchema = z.object({
	teams: count,
	agreements: z.array(
		z.object({
			body: z.string(),
			look_back_on: z.string(),
			created_at: z.string(),
			look_back: z.string().nullable(),
			looked_back_at: z.string().nullable()
		})
	)
});
export type FindingTeams = z.infer<typeof findingTeamsSchema>;

export const list = (person: Person) =>
	rpc(
		person,
		'teams_list',
		{
			args: noArgs,
			result: z.array(teamSchema.extend({ created_at: z.string(), agreements: count }))
		},
		{}
	);

export const create = (person: Person, name: string) =>
	rpc(
		person,
		'team_create',
		{ args: z.object({ p_name: z.string().max(200) }), result: teamSchema },
		{ p_name: name }
	);

export const rename = (person: Person, id: string, name: string) =>
	rpc(
		person,
		'team_rename',
		{ args: z.object({ p_team_id: teamId, p_name: z.string().max(200) }), result: teamSchema },
		{ p_team_id: id, p_name: name }
	);

/** `on`: the day the look-backs due are computed for (the page's ?datum=); never stored. */
export const meeting = (person: Person, id: string, on: string | null) =>
	rpc(
		person,
		'team_meeting',
		{ args: z.object({ p_team_id: teamId, p_on: day.nullable() }), result: meetingSchema },
		{ p_team_id: id, p_on: on }
	);

export const draw = (person: Person, id: string, all: boolean) =>
	rpc(
		person,
		'team_draw',
		{
			args: z.object({ p_team_id: teamId, p_all: z.boolean() }),
			result: z.object({ card: cardSchema.nullable() })
		},
		{ p_team_id: id, p_all: all }
	);

export const recordAgreement = (
	person: Person,
	args: {
		p_team_id: string;
		p_finding_id: string;
		p_body: string;
		p_owner: string;
		p_look_back_on: string | null;
		p_publish: boolean;
	}
) =>
	rpc(
		person,
		'team_agreement_record',
		{
			args: z.object({
				p_team_id: teamId,
				p_finding_id: z.uuid(),
				p_body: z.string().max(2000),
				p_owner: z.string().max(500),
				// An empty date field is "no date": the database names the field.
				p_look_back_on: day.nullable(),
				p_publish: z.boolean()
			}),
			result: z.object({ id: z.string() })
		},
		args
	);

export const recordLookBack = (person: Person, agreementId: string, body: string) =>
	rpc(
		person,
		'team_look_back_record',
		{
			args: z.object({ p_agreement_id: z.uuid(), p_body: z.string().max(4000) }),
			result: z.object({ agreement_id: z.string() })
		},
		{ p_agreement_id: agreementId, p_body: body }
	);

/** Public: how many teams discussed a finding, and the agreements the organisation published. */
export const ofFinding = (caller: Caller, findingId: string) =>
	rpc(
		caller,
		'finding_teams',
		{ args: z.object({ p_finding_id: z.uuid() }), result: findingTeamsSchema },
		{ p_finding_id: findingId }
	);

/** Public: the same for every finding of a published round, by finding id. */
export const ofRound = (caller: Caller, eveningCode: string) =>
	rpc(
		caller,
		'round_team_agreements',
		{ args: eveningCodeArgs, result: z.record(z.string(), findingTeamsSchema) },
		{ p_evening_code: eveningCode }
	);
