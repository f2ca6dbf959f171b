// Moving round A through its life the way people do it: through the api, as the people who may.
// Each step starts from the phase before it (the describe blocks run in PHASES order).
import type { Claims } from '$lib/server/supabase';
import type { Backend } from '../harness';
import { SERVICE } from '../fixtures';
import type { Phase } from './cells';
import type { MatrixWorld } from './roles';

async function call(b: Backend, who: Claims, fn: string, args: Record<string, unknown>) {
	const { error } = await b.rpc(who, fn, args);
	if (error) throw new Error(`${fn} failed: ${error.code} ${error.message}`);
}

export async function enterPhase(b: Backend, w: MatrixWorld, phase: Phase): Promise<void> {
	const round = { p_round_id: w.roundA.id };
	switch (phase) {
		case 'fieldwork':
			return;
		case 'evening':
			// Opened, the board on round A's finding (slide 2), one reaction from the hall.
			await call(b, w.presenter.claims, 'evening_open', round);
			await call(b, w.presenter.claims, 'evening_move', { ...round, p_position: 2 });
			await call(b, SERVICE, 'react', {
				p_evening_code: w.roundA.eveningCode,
				p_kind: 'herkenbaar',
				p_client_key: 'matrix-hall'
			});
			// A presenter's note on the finding slide (for the presenters' eyes only).
			await call(b, w.presenter.claims, 'story_edit', {
				...round,
				p_version: w.storyVersion,
				p_edit: { op: 'notes', position: 2, notes: 'Vraag de zaal wat zij herkennen.' }
			});
			w.storyVersion += 1;
			return;
		case 'closed':
			return call(b, w.presenter.claims, 'evening_close', round);
		case 'published': {
			// Published, with one public response to round A's finding and the author's verdict on it.
			await call(b, w.coordinator.claims, 'round_publish', round);
			const { data, error } = await b.rpc(w.coordinator.claims, 'response_post', {
				p_finding_id: w.findingA,
				p_status: 'wordt_opgepakt',
				p_body: 'We pakken dit op met de wijkteams.'
			});
			if (error) throw new Error(`response_post failed: ${error.code} ${error.message}`);
			w.responseA = (data as { id: string }).id;
			return call(b, w.author.claims, 'verdict_give', {
				p_response_id: w.responseA,
				p_verdict: 'helpt_nog_niet',
				p_comment: 'Wanneer dan?'
			});
		}
		case 'archived':
			// The daily job with a clock past round A's retention period.
			return call(b, SERVICE, 'retention_run', { p_now: '2100-01-01T00:00:00Z' });
	}
}
