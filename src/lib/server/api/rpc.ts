import { z } from 'zod';
import { changesBoard, wakeBoardAfter } from '$lib/server/live/board-changes';
import { callAs, type Claims } from '$lib/server/supabase';
import { hasNul } from '$lib/schemas/text';
import type { Person } from '$lib/server/session';

/**
 * Who is calling: a signed-in person, the anonymous public (null), or the server itself for
 * session plumbing ('service'). The JWT that reaches Postgres is derived from this and nothing else.
 */
export type Caller = Person | null | 'service';

/** A refusal or validation failure the database reported with a stable reason code. */
export class ApiError extends Error {
	constructor(
		/** Stable reason code from the database (see supabase/API.md), e.g. `join_code_unknown`. */
		readonly reason: string,
		/** HTTP-ish status: 400 bad input, 403 not allowed, 404 not found, 429 rate limited, 500 other. */
		readonly status: number,
		/** The argument the reason is about, without `p_` (from the error's hint). */
		readonly field?: string
	) {
		super(reason);
		this.name = 'ApiError';
	}
}

export function claimsOf(caller: Caller): Claims {
	if (caller === 'service') return { role: 'service_role' };
	if (caller === null) return { role: 'anon' };
	return { role: 'authenticated', sub: caller.id, session_id: caller.sessionId };
}

const REASON_STATUS: Record<string, number> = {
	not_allowed: 403,
	not_presenter: 403,
	not_found: 404,
	submission_conflict: 409,
	story_changed: 409,
	rate_limited: 429,
	own_questions_hour: 429,
	own_questions_round: 429,
	login_wait: 429
};

type PostgrestError = { code?: string; message?: string; hint?: string | null };

export function toApiError(error: PostgrestError): ApiError {
	const reason = /^[a-z_]+$/.test(error.message ?? '') ? (error.message as string) : 'unexpected';
	if (error.code === '42501') return new ApiError('not_allowed', 403);
	if (error.code === 'P0002') return new ApiError('not_found', 404);
	if (error.code === 'P0001' && reason !== 'unexpected') {
		const field = error.hint && /^[a-z_]+$/.test(error.hint) ? error.hint : undefined;
		return new ApiError(reason, REASON_STATUS[reason] ?? 400, field);
	}
	return new ApiError('unexpected', 500);
}

/** The first argument (without `p_`) holding text Postgres cannot store, searched all the way down. */
function unstorableArgument(args: Record<string, unknown>): string | undefined {
	const holds = (value: unknown): boolean =>
		typeof value === 'string'
			? hasNul(value)
			: typeof value === 'object' && value !== null && Object.values(value).some(holds);
	const name = Object.keys(args).find((key) => holds(args[key]));
	return name?.replace(/^p_/, '');
}

/**
 * Call one function of the data API. Arguments are validated before they leave the server and
 * the result is validated before anyone trusts it: one zod schema pair per function. After a
 * function that changes an evening's board (live/board-changes.ts) succeeded, that evening's
 * screens are woken here, so no route has to remember it.
 */
export async function rpc<A extends z.ZodType, R extends z.ZodType>(
	caller: Caller,
	fn: string,
	schemas: { args: A; result: R },
	args: z.input<A>
): Promise<z.output<R>> {
	const parsedArgs = schemas.args.safeParse(args);
	if (!parsedArgs.success) {
		const field = parsedArgs.error.issues[0]?.path[0];
		throw new ApiError(
			'invalid_input',
			400,
			typeof field === 'string' ? field.replace(/^p_/, '') : undefined
		);
	}
	// The forms refuse a NUL byte at its field (schemas/text.ts); this is for every other path.
	const unstorable = unstorableArgument(parsedArgs.data as Record<string, unknown>);
	if (unstorable) throw new ApiError('invalid_input', 400, unstorable);
	const { data, error } = await callAs(claimsOf(caller), (client) =>
		client.schema('api').rpc(fn, parsedArgs.data as object)
	);
	if (error) {
		const apiError = toApiError(error);
		if (apiError.status === 500) console.error(`[api] ${fn} failed`, error);
		throw apiError;
	}
	// The change is made: wake its evening's screens now, whatever the result looks like. Never
	// throws, so a failed wake cannot make a change look as if it was refused.
	if (changesBoard(fn)) await wakeBoardAfter(caller, parsedArgs.data as Record<string, unknown>);
	const parsedResult = schemas.result.safeParse(data);
	if (!parsedResult.success) {
		console.error(`[api] ${fn} returned an unexpected shape`, parsedResult.error.issues);
		throw new ApiError('unexpected', 500);
	}
	return parsedResult.data;
}
