import type { LayoutServerLoad } from './$types';

/** Only what the shell shows: who is signed in. Ids and tokens stay on the server. */
export const load = (({ locals }) => {
	const person = locals.person;
	return {
		person: person
			? { kind: person.kind, displayName: person.displayName, role: person.role ?? null }
			: null
	};
}) satisfies LayoutServerLoad;
