import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { eveningCodeSchema, normaliseCode } from '$lib/schemas/evening';
import { csv } from '$lib/after/csv';
import { statusLabel } from '$lib/labels';
import * as responses from '$lib/server/api/responses';
import * as teams from '$lib/server/api/teams';
import { orNotFound } from '$lib/server/not-found';
import type { RequestHandler } from './$types';

/** The accountability overview as CSV: one row per finding, the same columns as the page. */
export const GET: RequestHandler = async ({ params, url }) => {
	// An impossible code (a NUL, a wrong length) is no round, not a database error.
	if (!eveningCodeSchema.safeParse(normaliseCode(params.code)).success)
		error(404, m.after_not_found());
	const overview = await orNotFound(
		responses.accountability(null, params.code),
		m.after_not_found()
	);
	const byFinding = await orNotFound(teams.ofRound(null, params.code), m.after_not_found());
	const rows = overview.findings.map((f) => [
		f.statement ??
			(f.state === 'withdrawn' ? m.after_finding_withdrawn() : m.after_finding_erased()),
		f.theme,
		f.responses,
		f.latest_status ? statusLabel(f.latest_status) : null,
		f.latest_at,
		f.verdicts.helpt,
		f.verdicts.helpt_nog_niet,
		f.verdicts.gaat_langs_ons_heen,
		new URL(`/bevinding/${f.id}`, url).href,
		byFinding[f.id]?.teams ?? 0,
		(byFinding[f.id]?.agreements ?? []).map((a) => a.body).join('\n') || null,
		(byFinding[f.id]?.agreements ?? [])
			.flatMap((a) => (a.look_back ? [a.look_back] : []))
			.join('\n') || null
	]);
	const header = [
		m.after_overview_col_finding(),
		m.after_overview_col_theme(),
		m.after_overview_col_answers(),
		m.after_overview_col_status(),
		m.after_overview_col_latest_at(),
		m.after_verdict_helpt(),
		m.after_verdict_helpt_nog_niet(),
		m.after_verdict_gaat_langs_ons_heen(),
		m.after_overview_col_link(),
		m.teams_overview_col_teams(),
		m.teams_overview_col_agreements(),
		m.teams_overview_col_look_backs()
	];
	return new Response(csv([header, ...rows]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="verantwoording-${overview.round.evening_code}.csv"`
		}
	});
};
