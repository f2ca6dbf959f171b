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
