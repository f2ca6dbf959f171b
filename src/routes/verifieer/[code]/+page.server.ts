import { getAudit } from '$lib/server/api/audit';
import { loadVerification } from './verification.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const { code, verification } = await loadVerification(params.code, url);
	// Asked as anon like the chain: this page shows what anyone may see, also to a signed-in
	// coordinator (who sees the trail of a sealed round on the round's own page).
	const audit = await getAudit(code, null);
	// What the person says they saw on a screen (the "Controleer zelf" links carry it); capped, and
	// only ever compared, never shown as markup.
	const typed = url.searchParams.get('vingerafdruk')?.trim().slice(0, 40) ?? '';
	return { code, verification, audit, shown: typed };
}) satisfies PageServerLoad;
