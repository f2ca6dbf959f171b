// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Person } from '$lib/server/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			errorId?: string;
		}
		interface Locals {
			/** The signed-in person, or null for the anonymous public (audience, visitors). */
			person: Person | null;
			/** Raw session token from the cookie; only used to log out. */
			sessionToken: string | null;
			/** Stable, non-identifying key for rate limits (hash of the client address). */
			clientKey: string;
		}
	}
}

export {};
