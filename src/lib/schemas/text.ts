// What typed text may hold. Postgres `text` cannot store U+0000, so a NUL byte would reach the
// database as an error (a 500) instead of a message; every free-text field of every form starts
// from `typed()`, and the data API refuses it too (rpc.ts), for any path that forgets.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

/** True when a string holds a character Postgres text cannot store. */
export const hasNul = (value: string) => value.includes('\u0000');

/** A free-text field, kept as typed, without the one character that cannot be stored. */
export const typed = () =>
	z.string().refine((value) => !hasNul(value), { error: () => m.error_unstorable_text() });

/**
 * A name or title as others will read it: without control and format characters (bidi overrides
 * such as U+202E, zero-width characters) and NFC-normalised; the database stores names only in
 * this form (supabase/schemas/names.sql). Done here first so a name of format characters only
 * gets the "fill in a name" message at its field.
 */
export const cleanName = (value: string) =>
	value
		.replace(/[\p{Cf}\p{Cc}]/gu, '')
		.normalize('NFC')
		.trim();

/** A name or title field: cleaned as the database will store it, then checked. */
export const name = () => z.string().overwrite(cleanName);
