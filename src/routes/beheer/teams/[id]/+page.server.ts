import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import * as responses from '$lib/server/api/responses';
import { ApiError } from '$lib/server/api/rpc';
import * as teams from '$lib/server/api/teams';
import { refused } from '$lib/server/form-errors';
import { orNotFound } from '$lib/server/not-found';
import { requireStaff } from '$lib/server/session';
import { text } from '$lib/schemas/form';
import type { Actions, PageServerLoad } from './$types';

/**
 * A team meeting (laptop on the meeting-room screen): the kletspot draws a published finding
 * blindly, the team reflects on it and records an agreement with a look-back date; on that date
 * the card comes back. `?datum=YYYY-MM-DD` ("a simulated later date", to try the loop out) only
 * changes which look-backs are due: it goes to team_meeting's read-only p_on and nowhere else;
 * every stored date is the database's own.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function coordinator(locals: App.Locals) {
	const person = requireStaff(locals);
	if (person.role !== 'coordinator') error(403, m.teams_coordinators_only());
	return person;
}

/** A real calendar day as YYYY-MM-DD, or null. */
function calendarDay(value: string | null): string | null {
	if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** Where to go after an action: the same meeting, with the simulated day kept. */
function back(id: string, url: URL, extra: Record<string, string> = {}) {
	const query = new URLSearchParams();
	const datum = calendarDay(url.searchParams.get('datum'));
	if (datum) query.set('datum', datum);
	for (const [key, value] of Object.entries(extra)) query.set(key, value);
	const q = query.toString();
	return `/beheer/teams/${id}${q ? `?${q}` : ''}`;
}

export const load = (async ({ locals, params, url }) => {
	const person = coordinator(locals);
	if (!UUID.test(params.id)) error(404, m.teams_not_found());
	const asked = url.searchParams.get('datum');
	let datum = calendarDay(asked);
	let datumRefused = asked !== null && datum === null;
	let meeting;
	try {
		meeting = await orNotFound(teams.meeting(person, params.id, datum), m.teams_not_found());
	} catch (cause) {
		// A simulated day before today (or far ahead): say so, and meet today.
		if (!(cause instanceof ApiError) || cause.field !== 'on') throw cause;
		datum = null;
		datumRefused = true;
		meeting = await teams.meeting(person, params.id, null);
	}
	// The drawn card, by its id in the address (the draw itself is blind: see the draw action).
	const cardId = url.searchParams.get('kaart');
	let card = null;
	if (cardId && UUID.test(cardId)) {
		try {
			const story = await responses.story(person, cardId);
			if (story.finding.state === 'published') card = story;
		} catch (cause) {
			if (!(cause instanceof ApiError) || cause.status !== 404) throw cause;
		}
	}
	const notice = url.searchParams.get('melding');
	return {
		meeting,
		card,
		datum,
		datumRefused,
		empty: url.searchParams.get('leeg') === '1',
		notice: notice === 'afspraak' || notice === 'terugblik' ? notice : null
	};
}) satisfies PageServerLoad;

export const actions = {
	draw: async ({ locals, params, request, url }) => {
		const person = coordinator(locals);
		if (!UUID.test(params.id)) error(404, m.teams_not_found());
		const all = text(await request.formData(), 'all') === 'on';
		const { card } = await orNotFound(teams.draw(person, params.id, all), m.teams_not_found());
		redirect(303, back(params.id, url, card ? { kaart: card.finding_id } : { leeg: '1' }));
	},
	agree: async ({ locals, params, request, url }) => {
		const person = coordinator(locals);
		const form = await request.formData();
		const values = {
			finding_id: text(form, 'finding_id'),
			body: text(form, 'body'),
			owner: text(form, 'owner'),
			look_back_on: text(form, 'look_back_on'),
			publish: text(form, 'publish')
		};
		try {
			await teams.recordAgreement(person, {
				p_team_id: params.id,
				p_finding_id: values.finding_id,
				p_body: values.body,
				p_owner: values.owner,
				p_look_back_on: values.look_back_on === '' ? null : values.look_back_on,
				p_publish: values.publish === 'on'
			});
		} catch (cause) {
			const { status, data } = refused(cause, values, {
				fields: ['body', 'owner', 'look_back_on']
			});
			return fail(status, { which: 'agree' as const, about: '', ...data });
		}
		redirect(303, back(params.id, url, { melding: 'afspraak' }));
	},
	lookBack: async ({ locals, params, request, url }) => {
		const person = coordinator(locals);
		const form = await request.formData();
		const values = { body: text(form, 'body') };
		const id = text(form, 'agreement_id');
		try {
			await teams.recordLookBack(person, id, values.body);
		} catch (cause) {
			const { status, data } = refused(cause, values, { fields: ['body'] });
			return fail(status, { which: 'lookBack' as const, about: id, ...data });
		}
		redirect(303, back(params.id, url, { melding: 'terugblik' }));
	}
} satisfies Actions;
