import { describe, expect, test } from 'vitest';
import { toApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';

// Raw database errors can quote the row or the input they choke on, and a row can be a sealed
// finding. The server turns every error into a reason code before anything reaches a browser;
// these are the raw shapes Postgres and PostgREST really produce, with sealed text inside.
const SECRET = 'Bevinding GEHEIM-7f3a';

const RAW: Array<[string, { code: string; message: string; details?: string; hint?: string }]> = [
	[
		'a check violation quoting the failing row',
		{
			code: '23514',
			message: 'new row for relation "findings" violates check constraint "findings_text_check"',
			details: `Failing row contains (1f0e…, ${SECRET}, Citaat, Wachttijd).`
		}
	],
	[
		'a unique violation quoting the key',
		{
			code: '23505',
			message: 'duplicate key value violates unique constraint "findings_pkey"',
			details: `Key (statement)=(${SECRET}) already exists.`
		}
	],
	[
		'bad input echoed back',
		{ code: '22P02', message: `invalid input syntax for type uuid: "${SECRET}"` }
	],
	[
		'a raise whose message is a sentence, not a reason code',
		{ code: 'P0001', message: `finding ${SECRET} is sealed` }
	],
	[
		'a reason code with a hint that is not a field name',
		{ code: 'P0001', message: 'invalid_input', hint: SECRET }
	],
	[
		'a refusal naming the table',
		{ code: '42501', message: 'permission denied for table findings', details: SECRET }
	],
	[
		'PostgREST not finding the function for these arguments',
		{ code: 'PGRST202', message: `Could not find the function api.x(${SECRET})`, hint: SECRET }
	]
];

describe('raw database errors never carry content to a person', () => {
	test.each(RAW)('%s', (_what, raw) => {
		const error = toApiError(raw);
		expect(JSON.stringify({ ...error, message: error.message })).not.toContain('GEHEIM');
		for (const locale of ['nl', 'en'] as const) {
			expect(messageFor(error.reason, error.field, { locale })).not.toContain('GEHEIM');
		}
	});

	test('what the database means is still understood (the mapping is not a blanket "unexpected")', () => {
		expect(toApiError({ code: '42501', message: 'not_allowed' })).toMatchObject({
			reason: 'not_allowed',
			status: 403
		});
		expect(
			toApiError({ code: 'P0001', message: 'invalid_input', hint: 'statement' })
		).toMatchObject({ reason: 'invalid_input', status: 400, field: 'statement' });
		expect(toApiError(RAW[0][1])).toMatchObject({ reason: 'unexpected', status: 500 });
	});
});
