// A youth round's rate limits (api.own_question_add) must reach the person at the prompt they
// just typed, with their text kept, not as a general error at the top of /vragen.
import { describe, expect, test } from 'vitest';
import { ApiError } from '$lib/server/api/rpc';
import { questionRefused } from '$lib/server/question-form';
import { m } from '$lib/paraglide/messages';

const values = { prompt: 'Wat vind jij van je hulpverlener?' };

describe('questionRefused', () => {
	for (const [reason, message] of [
		['own_questions_hour', m.reason_own_questions_hour],
		['own_questions_round', m.reason_own_questions_round]
	] as const) {
		test(`${reason} is shown at the prompt, the text kept`, () => {
			const result = questionRefused(new ApiError(reason, 400), values);
			expect(result.data).toEqual({ values, errors: { prompt: message() } });
		});
	}

	test('other refusals still go to their own place', () => {
		const result = questionRefused(new ApiError('invalid_input', 400, 'options'), values);
		expect(result.data.errors).toEqual({ options: m.guide_error_options() });
	});
});
