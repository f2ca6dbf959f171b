import { z } from 'zod';
import type { Person } from '$lib/server/session';
import { responseStatuses } from '$lib/schemas/domain';
import { rpc } from './rpc';
import { noArgs, nothing } from './shapes';

/**
 * E-mail notices of new responses (API.md, "After the evening"): an interviewer's own address,
 * and, for the server's mailer only, who to tell of a response that was just posted.
 */

// The same limits as the database (api.notice_address_set): a comfort check, the database decides.
export const NOTICE_EMAIL_MAX = 254;
const emailArgs = z.object({ p_email: z.string().trim().min(3).max(NOTICE_EMAIL_MAX) });
const addressSchema = z.object({ email: z.string().nullable() });

export const address = (person: Person) =>
	rpc(person, 'notice_address', { args: noArgs, result: addressSchema }, {});

export const leave = (person: Person, email: string) =>
	rpc(person, 'notice_address_set', { args: emailArgs, result: nothing }, { p_email: email });

export const remove = (person: Person) =>
	rpc(person, 'notice_address_remove', { args: noArgs, result: nothing }, {});

const noticesSchema = z.object({
	round_title: z.string(),
	finding_id: z.string(),
	response_id: z.string(),
	status: z.enum(responseStatuses),
	recipients: z.array(z.string())
});
export type ResponseNotices = z.infer<typeof noticesSchema>;

/** Who hears of this response (the server only: service_role). */
export const recipients = (responseId: string) =>
	rpc(
		'service',
		'response_notices',
		{ args: z.object({ p_response_id: z.uuid() }), result: noticesSchema },
		{ p_response_id: responseId }
	);
