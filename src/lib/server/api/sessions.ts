// Session plumbing: every call here runs as the server itself ('service'), never as a person.
import { z } from 'zod';
import { ApiError, rpc } from './rpc';
import { noArgs, nothing } from './shapes';
import { staffRoles } from '$lib/schemas/domain';
import { RecentSessions } from '$lib/server/recent-sessions';
import type { Person } from '$lib/server/session';

const token = z.string().min(1).max(200);
const clientKey = z.string().min(1).max(200);

/**
 * Counted failures (wrong join code, wrong password) come back as `{error}` instead of being
 * raised, so the database keeps the row that counts them for the rate limit (API.md). From here
 * on they are ordinary ApiErrors.
 */
const countedFailure = (reason: string) => z.object({ error: z.literal(reason) });

function unlessFailed<T extends object>(result: T | { error: string }): T {
	if ('error' in result) throw new ApiError(result.error, 400);
	return result;
}

const joinSchemas = {
	args: z.object({
		p_code: z.string().max(40),
		p_display_name: z.string().max(200),
		p_client_key: clientKey,
		p_device_key: clientKey
	}),
	result: z.union([
		z.object({
			token: z.string(),
			session_id: z.string(),
			interviewer_id: z.string(),
			round_id: z.string()
		}),
		countedFailure('join_code_unknown'),
		countedFailure('round_not_open')
	])
};

/**
 * Join a round with its code as an interviewer; the caller sets the cookie with the token.
 * `key` is the network address's key; `device` gives the device cookie's (server/device.ts), asked
 * only once the caller may join, so a staff session never gets a device cookie from this form.
 * Staff and interviewer sessions never mix (issue 8): someone signed in as staff is refused
 * (`staff_signed_in`) and must log out first, so a coordinator cannot slip into their own round
 * with a staff session alive behind the interviewer cookie. An interviewer session the device
 * already had (another round) ends once the new one exists.
 */
export async function join(
	code: string,
	displayName: string,
	key: string,
	device: () => string,
	current: { person: Person | null; token: string | null }
) {
	if (current.person?.kind === 'staff') throw new ApiError('staff_signed_in', 409);
	const result = unlessFailed(
		await rpc('service', 'session_join', joinSchemas, {
			p_code: code,
			p_display_name: displayName,
			p_client_key: key,
			p_device_key: device()
		})
	);
	if (current.token) await revoke(current.token);
	return result;
}

const loginSchemas = {
	args: z.object({
		p_email: z.string().max(254),
		p_password: z.string().max(200),
		p_client_key: clientKey,
		p_device_key: clientKey
	}),
	result: z.union([
		z.object({
			token: z.string(),
			session_id: z.string(),
			staff_id: z.string(),
			/** Failed tries on this account since its previous login: the coordinator is told. */
			failed_attempts: z.number().int().min(0)
		}),
		countedFailure('login_failed')
	])
};

export async function login(email: string, password: string, key: string, device: string) {
	const result = await rpc('service', 'session_login', loginSchemas, {
		p_email: email.trim().toLowerCase(),
		p_password: password,
		p_client_key: key,
		p_device_key: device
	});
	return unlessFailed(result);
}

const resolveSchemas = {
	args: z.object({ p_token: token }),
	result: z
		.object({
			session_id: z.string(),
			kind: z.enum(['staff', 'interviewer']),
			person_id: z.string(),
			display_name: z.string(),
			role: z.enum(staffRoles).nullish(),
			round_id: z.string().nullish(),
			is_presenter: z.boolean().nullish()
		})
		.nullable()
};

/** The person behind a session token, or null when it is unknown, revoked or expired. */
export async function resolve(sessionToken: string): Promise<Person | null> {
	const row = await rpc('service', 'session_resolve', resolveSchemas, { p_token: sessionToken });
	if (!row) return null;
	return {
		kind: row.kind,
		id: row.person_id,
		sessionId: row.session_id,
		displayName: row.display_name,
		role: row.role ?? undefined,
		roundId: row.round_id ?? undefined,
		isPresenter: row.is_presenter ?? undefined
	};
}

/** Only for the outbox endpoint: one lookup serves a phone's sends for seconds (recent-sessions.ts). */
export const recent = new RecentSessions(resolve);

export async function revoke(sessionToken: string): Promise<void> {
	recent.forget(sessionToken);
	await rpc(
		'service',
		'session_revoke',
		{ args: z.object({ p_token: token }), result: nothing },
		{
			p_token: sessionToken
		}
	);
}

export async function setupNeeded(): Promise<boolean> {
	const result = await rpc(
		'service',
		'setup_needed',
		{ args: noArgs, result: z.object({ needed: z.boolean() }) },
		{}
	);
	return result.needed;
}

export async function issueSetupToken(): Promise<string> {
	const result = await rpc(
		'service',
		'setup_issue_token',
		{ args: noArgs, result: z.object({ token: z.string() }) },
		{}
	);
	return result.token;
}

const setupSchemas = {
	args: z.object({
		p_token: token,
		p_organisation_name: z.string().max(200),
		p_display_name: z.string().max(200),
		p_email: z.string().max(254),
		p_password: z.string().max(200),
		p_municipalities: z.array(z.object({ cbs_code: z.string(), name: z.string() })).max(400),
		p_themes: z.array(z.string().max(200)).max(40)
	}),
	result: z.object({ staff_id: z.string() })
};

export type SetupInput = {
	token: string;
	organisationName: string;
	displayName: string;
	email: string;
	password: string;
	/** From the official list (src/lib/data/municipalities.ts). */
	municipalities: { code: string; name: string }[];
	themes: string[];
};

export function completeSetup(input: SetupInput) {
	return rpc('service', 'setup_complete', setupSchemas, {
		p_token: input.token,
		p_organisation_name: input.organisationName,
		p_display_name: input.displayName,
		p_email: input.email.trim().toLowerCase(),
		p_password: input.password,
		p_municipalities: input.municipalities.map((m) => ({ cbs_code: m.code, name: m.name })),
		p_themes: input.themes
	});
}
