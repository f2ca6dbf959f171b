import { json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { sendRequestSchema } from '$lib/offline/outbox-item';
import { messageFor } from '$lib/server/api/errors';
import * as findings from '$lib/server/api/findings';
import * as interviews from '$lib/server/api/interviews';
import { ApiError } from '$lib/server/api/rpc';
import * as sessions from '$lib/server/api/sessions';
import { clearSessionCookie } from '$lib/server/session';
import type { RequestHandler } from './$types';

/**
 * Where the outbox (src/lib/offline/outbox.svelte.ts) sends a finished interview or finding: JSON,
 * answered with JSON the outbox understands ({id, created} or {reason, message}), never a
 * redirect. The browser already checked the form and showed its privacy warnings while typing, so
 * nothing is held back here; the database checks everything once more. Cross-site posts are
 * refused by the hook (csrf.ts) as for every JSON endpoint.
 */
export const POST: RequestHandler = async ({ locals, request, cookies, url }) => {
	const person = locals.person;
	if (person?.kind !== 'interviewer') return signInAgain();
	const parsed = sendRequestSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) {
		return json({ reason: 'invalid_input', message: messageFor('invalid_input') }, { status: 400 });
	}
	const sent = parsed.data;
	try {
		const result =
			sent.kind === 'interview'
				? await interviews.submit(person, sent.args)
				: await findings.create(person, sent.args);
		return json(result);
	} catch (cause) {
		if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
		// The session was looked up a few seconds ago (hooks.server.ts): when the database says
		// "not allowed", it may have been revoked since. Ask again, so the phone is told to sign
		// in again, as it would have been without the shared lookup.
		if (cause.status === 403 && locals.sessionToken) {
			sessions.recent.forget(locals.sessionToken);
			if (!(await sessions.resolve(locals.sessionToken))) {
				clearSessionCookie(cookies, url);
				return signInAgain();
			}
		}
		return json(
			{ reason: cause.reason, message: sentence(sent.kind, cause) },
			{ status: cause.status }
		);
	}
};

function sentence(kind: 'interview' | 'finding', cause: ApiError): string {
	if (cause.reason === 'withdrawn') {
		return kind === 'interview'
			? m.field_interview_withdrawn_resend()
			: m.field_finding_withdrawn_resend();
	}
	if (cause.reason === 'submission_conflict') {
		return kind === 'interview' ? m.field_interview_conflict() : m.field_finding_conflict();
	}
	return messageFor(cause.reason, cause.field);
}

function signInAgain() {
	return json(
		{ reason: 'session_invalid', message: messageFor('session_invalid') },
		{ status: 401 }
	);
}
