import { getAudit } from '$lib/server/api/audit';
import { loadVerification } from './verification.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const { code, verification } = await loadVerification(params.code, url);
	// The trail is public in every state: who started the fieldwork and opened the evening is
	// exactly what a sealed round may show.
	const audit = await getAudit(code);
	// What the person says they saw on a screen (the "Controleer zelf" links carry it); capped, and
	// only ever compared, never shown as markup.
	const typed = url.searchParams.get('vingerafdruk')?.trim().slice(0, 40) ?? '';
	return { code, verification, audit, shown: typed };
}) satisfies PageServerLoad;
