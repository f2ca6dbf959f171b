// One error path (src/lib/server/form-errors.ts): a database refusal becomes
// fail(status, { values, errors }) with the Dutch sentence at its field; anything else is thrown on.
import { describe, expect, test } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { messageFor } from '$lib/server/api/errors';
import { ApiError } from '$lib/server/api/rpc';
import { refused } from '$lib/server/form-errors';

const values = { title: 'Ouders 2027', email: 'esther@example.org' };

describe('refused', () => {
	test('puts the sentence at the field the database names, and keeps what was typed', () => {
		const failure = refused(new ApiError('invalid_input', 400, 'title'), values, {
			fields: ['title']
		});
		expect(failure.status).toBe(400);
		expect(failure.data).toEqual({
			values,
			errors: { title: 'Kijk ‘titel’ na. Het is leeg, te lang of niet goed ingevuld.' }
		});
	});

	test('maps an argument name to the form field where they differ', () => {
		const failure = refused(new ApiError('invalid_input', 400, 'display_name'), values, {
			fields: { display_name: 'name' }
		});
		expect(failure.data.errors).toEqual({ name: messageFor('invalid_input', 'display_name') });
	});

	test('a field the form does not show, or none, goes to the top of the form', () => {
		const unknown = refused(new ApiError('invalid_input', 400, 'answers'), values, {
			fields: ['title']
		});
		expect(unknown.data.errors).toEqual({ form: messageFor('invalid_input', 'answers') });
		const none = refused(new ApiError('login_failed', 400), values);
		expect(none.data.errors).toEqual({
			form: 'Het e-mailadres of het wachtwoord klopt niet. Probeer het opnieuw.'
		});
	});

	test('a page may name a reason’s field, its own sentence and where the rest goes', () => {
		const places = {
			reasons: { consent_required: 'consent' },
			otherwise: 'code',
			messages: { join_code_unknown: () => m.field_join_code_unknown() }
		};
		expect(refused(new ApiError('consent_required', 400), {}, places).data.errors).toEqual({
			consent: messageFor('consent_required')
		});
		expect(refused(new ApiError('join_code_unknown', 400), {}, places).data.errors).toEqual({
			code: 'Deze code kennen we niet. Kijk of je hem goed hebt overgenomen.'
		});
		expect(refused(new ApiError('rate_limited', 429), {}, places).data.errors).toEqual({
			code: messageFor('rate_limited')
		});
	});

	test('keeps the status of the refusal', () => {
		for (const [reason, status] of [
			['not_allowed', 403],
			['not_found', 404],
			['rate_limited', 429]
		] as const) {
			expect(refused(new ApiError(reason, status), {}).status).toBe(status);
		}
	});

	test('throws on what is not a refusal: a failure of ours goes to handleError', () => {
		const unexpected = new ApiError('unexpected', 500);
		expect(() => refused(unexpected, values)).toThrow(unexpected);
		const bug = new TypeError('x is undefined');
		expect(() => refused(bug, values)).toThrow(bug);
	});
});
