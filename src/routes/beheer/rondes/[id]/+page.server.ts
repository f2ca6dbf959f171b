import { error, fail } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { z } from 'zod';
import * as results from '$lib/server/api/results';
import * as rounds from '$lib/server/api/rounds';
import { refused } from '$lib/server/form-errors';
import { orNotFound } from '$lib/server/not-found';
import { requireStaff, type StaffPerson } from '$lib/server/session';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { saveDetails } from './details';

const roundId = z.uuid();
const interviewerForm = z.object({ interviewer_id: z.uuid(), name: z.string().max(80) });

/** A forged or foreign id looks exactly like a missing one: 404, nothing about why. */
async function loadRound(person: StaffPerson, id: string) {
	if (!roundId.safeParse(id).success) error(404, m.error_not_found());
	return orNotFound(rounds.get(person, id), m.error_not_found(), [404, 403]);
}

export const load = (async ({ locals, params, url }) => {
	const round = await loadRound(requireStaff(locals), params.id);
	const joinCode = rounds.formatJoinCode(round.join_code);
	const joinUrl = `${url.origin}/meedoen?code=${encodeURIComponent(joinCode)}`;
	const qr = await QRCode.toDataURL(joinUrl, { margin: 2, width: 320, errorCorrectionLevel: 'M' });
	return { round, joinCode, joinUrl, qr };
}) satisfies PageServerLoad;

/**
 * Run one staff action. `about` says where the feedback shows: next to the button that was
 * pressed; a database refusal comes back as a calm message there.
 */
async function act(about: 'round' | 'people' | 'min_cell', run: () => Promise<void>, done: string) {
	try {
		await run();
		return { about, done };
	} catch (cause) {
		const { status, data } = refused(cause, {});
		return fail(status, { about, ...data });
	}
}

async function interviewerFrom(request: Request) {
	const data = await request.formData();
	const parsed = interviewerForm.safeParse({
		interviewer_id: data.get('interviewer_id'),
		name: data.get('name')
	});
	if (!parsed.success) error(404, m.error_not_found());
	return parsed.data;
}

export const actions = {
	publish: async ({ locals, params }) => {
		const person = requireStaff(locals);
		if (!roundId.safeParse(params.id).success) error(404, m.error_not_found());
		return act('round', () => rounds.publishRound(person, params.id), m.staff_round_published());
	},
	minCell: async ({ locals, params, request }) => {
		const person = requireStaff(locals);
		if (!roundId.safeParse(params.id).success) error(404, m.error_not_found());
		const k = z.coerce
			.number()
			.int()
			.min(3)
			.max(11)
			.safeParse((await request.formData()).get('min_cell'));
		if (!k.success)
			return fail(400, {
				about: 'min_cell' as const,
				errors: { form: m.results_min_cell_error() }
			});
		return act(
			'min_cell',
			async () => {
				await results.setMinCell(person, params.id, k.data);
			},
			m.results_min_cell_saved({ k: k.data })
		);
	},
	details: async ({ locals, params, request }) => {
		const person = requireStaff(locals);
		if (!roundId.safeParse(params.id).success) error(404, m.error_not_found());
		return saveDetails(person, params.id, await request.formData());
	},
	start: async ({ locals, params }) => {
		const person = requireStaff(locals);
		if (!roundId.safeParse(params.id).success) error(404, m.error_not_found());
		return act('round', () => rounds.startFieldwork(person, params.id), m.staff_round_started());
	},
	revoke: async ({ locals, request }) => {
		const person = requireStaff(locals);
		const { interviewer_id, name } = await interviewerFrom(request);
		return act(
			'people',
			() => rounds.revokeInterviewer(person, interviewer_id),
			m.staff_revoke_done({ name })
		);
	}
} satisfies Actions;
