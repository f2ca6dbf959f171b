import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** Evening codes are six letters/digits; people may type them in lower case or with spaces. */
function normaliseEveningCode(value: string): string {
	return value.replace(/[\s-]/g, '').toUpperCase();
}

const EVENING_CODE = /^[A-Z0-9]{6}$/;

/**
 * "Naar de avond" is a GET form (it changes nothing), so it works without JavaScript: a valid
 * code redirects to the evening, an invalid one comes back here with a message.
 */
export const load = (({ url }) => {
	const typed = url.searchParams.get('avond');
	if (typed === null) return { eveningCode: '', eveningError: false };
	const code = normaliseEveningCode(typed);
	if (EVENING_CODE.test(code)) redirect(303, `/avond/${code}`);
	return { eveningCode: typed.slice(0, 40), eveningError: true };
}) satisfies PageServerLoad;
