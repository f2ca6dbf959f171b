// Small helpers shared by every form: read FormData as plain strings, turn zod issues into
// one message per field (the first one, which is the one a person should fix first).
import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** A form field as a string; files and missing fields become ''. */
export function text(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}

/** Every value of a repeated field (checkboxes), strings only. */
export function texts(data: FormData, name: string): string[] {
	return data.getAll(name).filter((value): value is string => typeof value === 'string');
}

/** The first issue per field; `keyOf` maps a zod path to the form's field name. */
export function fieldErrors(
	error: z.ZodError,
	keyOf: (path: PropertyKey[]) => string = (path) => String(path[0] ?? 'form')
): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const key = keyOf(issue.path);
		errors[key] ??= issue.message;
	}
	return errors;
}
