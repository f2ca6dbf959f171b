import { fail, type ActionFailure } from '@sveltejs/kit';
import { refused, type FormFailure } from '$lib/server/form-errors';
import { parseFindingForm, piiWarnings, type FindingValues } from '$lib/schemas/field';
import type { FieldErrors } from '$lib/schemas/form';
import type { FindingArgs } from '$lib/schemas/submissions';

/** `pii`: held back for identifying text, the page asks for "toch opslaan". */
type FindingFailure = ActionFailure<FormFailure<FindingValues> & { pii?: boolean }>;

/**
 * The shared middle of "create" and "update": parse, warn about identifying text (without
 * JavaScript the warning can only come from the server; ticking "toch opslaan" lets the next
 * submit through), then run `save`; a database refusal comes back as a message at its field.
 */
export async function saveFinding(
	form: FormData,
	themes: string[],
	save: (args: FindingArgs) => Promise<unknown>
): Promise<FindingFailure | null> {
	const parsed = parseFindingForm(form, themes);
	if (!parsed.ok) return fail(400, { values: parsed.values, errors: parsed.errors });
	const pii = piiWarnings({ statement: parsed.values.statement, quote: parsed.values.quote });
	if (Object.keys(pii).length && !parsed.values.pii_ok) {
		return fail(400, { values: parsed.values, errors: {} as FieldErrors, pii: true });
	}
	try {
		await save(parsed.data);
	} catch (cause) {
		return refused(cause, parsed.values, { fields: ['statement', 'quote', 'theme'] });
	}
	return null;
}
