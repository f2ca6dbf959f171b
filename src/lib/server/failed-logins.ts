/** The query parameter that carries "failed tries since your last login" from login to /beheer. */
export const FAILED_PARAM = 'mislukte_pogingen';

/** The count to tell, or null: only a small positive whole number is believed. */
export function failedLogins(url: URL): number | null {
	const value = url.searchParams.get(FAILED_PARAM);
	if (value === null || !/^\d{1,6}$/.test(value)) return null;
	const count = Number(value);
	return count > 0 ? count : null;
}
