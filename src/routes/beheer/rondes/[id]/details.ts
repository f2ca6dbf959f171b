// The round-details form: read, checked field by field with a sentence at each field, then saved.
// The database checks the same rules again (api.round_set_details); its refusal lands at the
// same field.
import { fail } from '@sveltejs/kit';
import { amsterdamInstant } from '$lib/evening/time';
import { messageFor } from '$lib/server/api/errors';
import * as rounds from '$lib/server/api/rounds';
import { ApiError } from '$lib/server/api/rpc';
import type { StaffPerson } from '$lib/server/session';
import { m } from '$lib/paraglide/messages';

export type DetailsValues = {
	date: string;
	start: string;
	end: string;
	place: string;
	retention: string;
};
type Field = 'date' | 'start' | 'end' | 'place' | 'retention' | 'form';

const hintField: Record<string, Field> = {
	evening_date: 'date',
	evening_end: 'end',
	evening_place: 'place',
	retention_months: 'retention'
};
const messages: Record<Field, () => string> = {
	date: m.details_error_date,
	start: m.details_error_start,
	end: m.details_error_end,
	place: m.details_error_place,
	retention: m.details_error_retention,
	form: m.error_unexpected
};

const text = (data: FormData, name: string) => String(data.get(name) ?? '').slice(0, 400);

export async function saveDetails(person: StaffPerson, roundId: string, data: FormData) {
	const values: DetailsValues = {
		date: text(data, 'date'),
		start: text(data, 'start'),
		end: text(data, 'end'),
		place: text(data, 'place'),
		retention: text(data, 'retention')
	};
	const errors: Partial<Record<Field, string>> = {};
	const startsAt = amsterdamInstant(values.date, values.start);
	const endsAt = amsterdamInstant(values.date, values.end);
	if (!amsterdamInstant(values.date, '12:00')) errors.date = messages.date();
	else if (!startsAt) errors.start = messages.start();
	else if (startsAt.getTime() < Date.now()) errors.date = messages.date();
	if (startsAt && (!endsAt || endsAt <= startsAt)) errors.end = messages.end();
	const place = values.place.trim();
	if (place.length < 2 || place.length > 200) errors.place = messages.place();
	const months = /^\d{1,3}$/.test(values.retention.trim()) ? Number(values.retention) : NaN;
	if (!(months >= 1 && months <= 120)) errors.retention = messages.retention();
	if (Object.keys(errors).length || !startsAt || !endsAt) {
		return fail(400, { about: 'details' as const, values, errors });
	}
	try {
		await rounds.setDetails(person, roundId, { startsAt, endsAt, place, retentionMonths: months });
	} catch (cause) {
		if (!(cause instanceof ApiError) || cause.status >= 500) throw cause;
		const field = (cause.reason === 'invalid_input' && hintField[cause.field ?? '']) || 'form';
		const message = field === 'form' ? messageFor(cause.reason, cause.field) : messages[field]();
		return fail(cause.status, { about: 'details' as const, values, errors: { [field]: message } });
	}
	return { about: 'details' as const, done: m.details_saved() };
}
