import * as evening from '$lib/server/api/evening';
import { loadBoard } from '../board.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const board = await loadBoard(params.code, url);
	// Before opening the database returns [] anyway; asking is not needed then.
	const findings = board.state === 'waiting' ? [] : await evening.findings(params.code);
	// Grouped for reading only; the order (theme, then oldest first) comes from the database.
	const groups: { theme: string | null; findings: typeof findings }[] = [];
	for (const finding of findings) {
		const theme = finding.theme ?? null;
		const last = groups.at(-1);
		if (last && last.theme === theme) last.findings.push(finding);
		else groups.push({ theme, findings: [finding] });
	}
	return { code: params.code, board, groups };
}) satisfies PageServerLoad;
