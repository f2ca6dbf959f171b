// A youth round's interviewers add their own questions (issue 10): they go straight into the
// guide as a new version, without anyone's approval. The database checks the round allows it.
import { redirect } from '@sveltejs/kit';
import * as guide from '$lib/server/api/guide';
import * as interviews from '$lib/server/api/interviews';
import { questionRefused, readQuestion } from '$lib/server/question-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, url }) => {
	const person = interviews.requireInterviewer(locals.person);
	return { own: await guide.own(person), added: url.searchParams.get('melding') === 'toegevoegd' };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ locals, request }) => {
		const person = interviews.requireInterviewer(locals.person);
		const { values, fields } = readQuestion(await request.formData());
		try {
			await guide.addOwn(person, fields);
		} catch (cause) {
			return questionRefused(cause, values);
		}
		redirect(303, '/vragen?melding=toegevoegd');
	}
} satisfies Actions;
