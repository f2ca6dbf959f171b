import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as guide from '$lib/server/api/guide';
import { refused } from '$lib/server/form-errors';
import { orNotFound } from '$lib/server/not-found';
import { requireStaff } from '$lib/server/session';
import { text } from '$lib/schemas/form';
import { m } from '$lib/paraglide/messages';
import { questionRefused, readQuestion } from '$lib/server/question-form';
import type { Actions, PageServerLoad } from './$types';

const uuid = z.uuid();
const whole = z.coerce.number().int().min(1).max(1000);

function roundIdOf(params: { id: string }): string {
	if (!uuid.safeParse(params.id).success) error(404, m.error_not_found());
	return params.id;
}

export const load = (async ({ locals, params, url }) => {
	const person = requireStaff(locals);
	const roundId = roundIdOf(params);
	// ?versie=N: an earlier version, to read; ?bewerk=<id>: that question in the form;
	// ?voorbeeld=N: the preview on question N. Each works without JavaScript.
	const version = whole.safeParse(url.searchParams.get('versie') ?? undefined);
	const data = await orNotFound(
		guide.get(person, roundId, version.success ? version.data : undefined),
		m.error_not_found(),
		[404, 403]
	);
	const editing = data.questions.find((q) => q.id === url.searchParams.get('bewerk')) ?? null;
	const shown = whole.safeParse(url.searchParams.get('voorbeeld') ?? undefined);
	const saved = data.questions.findIndex((q) => q.id === url.searchParams.get('vraag'));
	const wanted = saved >= 0 ? saved + 1 : shown.success ? shown.data : 1;
	const preview = Math.min(wanted, Math.max(data.questions.length, 1));
	return { guide: data, editing, preview };
}) satisfies PageServerLoad;

const moveForm = z.object({ question_id: uuid, position: z.coerce.number().int().min(0).max(99) });

export const actions = {
	save: async ({ locals, params, request }) => {
		const person = requireStaff(locals);
		const roundId = roundIdOf(params);
		const { values, fields } = readQuestion(await request.formData());
		const questionId = uuid.safeParse(values.question_id).success ? values.question_id : null;
		let saved: { id: string };
		try {
			saved = await guide.save(person, roundId, questionId, { ...fields, key: values.key || null });
		} catch (cause) {
			return questionRefused(cause, values);
		}
		// Out of edit mode, with the preview on the question just saved.
		const notice = questionId ? 'opgeslagen' : 'toegevoegd';
		redirect(303, `/beheer/rondes/${roundId}/vragen?melding=${notice}&vraag=${saved.id}`);
	},
	delete: async ({ locals, params, request }) => {
		const person = requireStaff(locals);
		const roundId = roundIdOf(params);
		const id = text(await request.formData(), 'question_id');
		if (!uuid.safeParse(id).success) error(404, m.error_not_found());
		try {
			await guide.remove(person, roundId, id);
			return { about: 'list' as const, done: m.guide_deleted() };
		} catch (cause) {
			const { status, data } = questionRefused(cause, {});
			return fail(status, { about: 'list' as const, ...data });
		}
	},
	move: async ({ locals, params, request }) => {
		const person = requireStaff(locals);
		const roundId = roundIdOf(params);
		const data = await request.formData();
		const parsed = moveForm.safeParse({
			question_id: data.get('question_id'),
			position: data.get('position')
		});
		if (!parsed.success) error(404, m.error_not_found());
		try {
			await guide.move(person, roundId, parsed.data.question_id, parsed.data.position);
			return { about: 'list' as const, done: m.guide_moved({ number: parsed.data.position + 1 }) };
		} catch (cause) {
			const { status, data } = questionRefused(cause, {});
			return fail(status, { about: 'list' as const, ...data });
		}
	},
	ownQuestions: async ({ locals, params, request }) => {
		const person = requireStaff(locals);
		const roundId = roundIdOf(params);
		const allowed = text(await request.formData(), 'allowed') === 'ja';
		try {
			await guide.setOwnQuestions(person, roundId, allowed);
			return {
				about: 'own' as const,
				done: allowed ? m.guide_own_on_saved() : m.guide_own_off_saved()
			};
		} catch (cause) {
			const { status, data } = refused(cause, {});
			return fail(status, { about: 'own' as const, ...data });
		}
	}
} satisfies Actions;
