import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { RequestHandler } from './$types';

/** The language switch works without JavaScript: set paraglide's cookie, go back to the page. */
export const POST: RequestHandler = async ({ request, cookies }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		// Not HttpOnly: paraglide reads this cookie in the browser to render in the same language.
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
	}
	redirect(303, safeRedirectTarget(form.get('redirect')));
};
