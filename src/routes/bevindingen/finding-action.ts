import { fail } from '@sveltejs/kit';
import { ApiError } from '$lib/server/api/rpc';
import { messageFor } from '$lib/server/api/errors';
import { parseFindingForm, piiWarnings, type Errors, type FindingArgs } from '$lib/schemas/field';

/**
 * The shared middle of "create" and "update": parse, warn about identifying text (without
 * JavaScript the warning can only come from the server; ticking "toch opslaan" lets the next
 * submit through), then run `save` and turn a database refusal into a message at its field.
 */
export async function saveFinding(
	form: FormData,
	themes: string[],
	save: (args: FindingArgs) => Promise<unknown>
) {
	const parsed = parseFindingForm(form, themes);
	if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors, pii: false });
	const pii = piiWarnings({ statement: parsed.values.statement, quote: parsed.values.quote });
	if (Object.keys(pii).length && !parsed.values.pii_ok) {
		return fail(400, { values: parsed.values, errors: {} as Errors, pii: true });
	}
	try {
		await save(parsed.data);
	} catch (cause) {
		if (!(cause instanceof ApiError) || cause.status === 500) throw cause;
		const field = ['statement', 'quote', 'theme'].includes(cause.field ?? '')
			? cause.field!
			: 'form';
		return fail(cause.status, {
			values: parsed.values,
			errors: { [field]: messageFor(cause.reason, cause.field) } as Errors,
			pii: false
		});
	}
	return null;
}
