import { fail, type ActionFailure } from '@sveltejs/kit';
import { messageFor } from '$lib/server/api/errors';
import { ApiError } from '$lib/server/api/rpc';
import type { FieldErrors } from '$lib/schemas/form';

/** What a refused form action returns, on every page: what was sent, and what to fix where. */
export type FormFailure<V> = { values: V; errors: FieldErrors };

/** Where a page shows a refusal. Every option may be left out. */
export type RefusalPlaces = {
	/**
	 * Database argument names (without `p_`, as the error's hint names them) that the form shows a
	 * message next to: a list where the form field has the same name, a map where it differs.
	 */
	fields?: readonly string[] | Readonly<Record<string, string>>;
	/** Reason codes that belong at one field whatever the hint says (consent_required → consent). */
	reasons?: Readonly<Record<string, string>>;
	/** Where everything else goes: 'form' (the top of the form) unless the page says otherwise. */
	otherwise?: string;
	/** The page's own sentence for a reason, where the general one (errors.ts) fits less well. */
	messages?: Readonly<Record<string, () => string>>;
};

function fieldOf(cause: ApiError, places: RefusalPlaces): string {
	if (places.reasons && Object.hasOwn(places.reasons, cause.reason)) {
		return places.reasons[cause.reason];
	}
	const { fields = [] } = places;
	const field = cause.field;
	if (field) {
		if (Array.isArray(fields)) {
			if (fields.includes(field)) return field;
		} else if (Object.hasOwn(fields, field)) {
			return (fields as Record<string, string>)[field];
		}
	}
	return places.otherwise ?? 'form';
}

/**
 * The one path from a database refusal to a form error (STYLE.md, "Errors reach people like
 * this"): `fail(status, { values, errors })` with the sentence, in the request's language, at its
 * field. Anything that is not a refusal (not an ApiError, or status 500) is thrown on, so
 * handleError logs it and the person sees the calm message with an error id.
 *
 *     try { await api.call(…) } catch (cause) { return refused(cause, values, { fields: ['title'] }) }
 */
export function refused<V>(
	cause: unknown,
	values: V,
	places: RefusalPlaces = {}
): ActionFailure<FormFailure<V>> {
	if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
	const own = places.messages && Object.hasOwn(places.messages, cause.reason);
	const message = own ? places.messages![cause.reason]() : messageFor(cause.reason, cause.field);
	return fail(cause.status, { values, errors: { [fieldOf(cause, places)]: message } });
}
