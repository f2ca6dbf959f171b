import { describe, expect, it } from 'vitest';
import { parseInterviewForm, questionField } from '$lib/schemas/field';
import type { StoredInterview } from '$lib/server/api/interviews';
import { sentValues } from './sent-values';

const MUNICIPALITY = '0b6f2c4e-3a51-4f0e-9c43-1d3c1f0a2b11';
const question = (id: string, kind: 'open' | 'scale' | 'single' | 'multi', options?: string[]) => ({
	id,
	position: 0,
	kind,
	prompt: `Vraag ${id}`,
	options
});

const stored: StoredInterview = {
	id: crypto.randomUUID(),
	guide_version: 1,
	consent_form: 'schriftelijk',
	guardian_consent: true,
	interviewee_group: 'jongere',
	age_band: '12_15',
	municipality_id: MUNICIPALITY,
	submitted_at: '2026-12-03T08:00:00Z',
	corrected_at: null,
	withdrawn_at: null,
	questions: [
		question('q-open', 'open'),
		question('q-scale', 'scale'),
		question('q-single', 'single', ['ja', 'nee']),
		question('q-multi', 'multi', ['school', 'thuis', 'werk']),
		question('q-skipped', 'open')
	],
	answers: [
		{ question_id: 'q-open', text: 'Het ging snel.' },
		{ question_id: 'q-scale', scale: 4 },
		{ question_id: 'q-single', choices: ['nee'] },
		{ question_id: 'q-multi', choices: ['thuis', 'school'] }
	]
};

/** The form as the browser sends it back when nothing was changed. */
function formOf(values: ReturnType<typeof sentValues>): FormData {
	const form = new FormData();
	form.set('id', values.id);
	if (values.consent) form.set('consent', 'on');
	if (values.guardian_consent) form.set('guardian_consent', 'on');
	for (const name of [
		'consent_form',
		'interviewee_group',
		'age_band',
		'municipality_id'
	] as const) {
		form.set(name, values[name]);
	}
	for (const [name, value] of Object.entries(values.answers)) {
		for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
	}
	return form;
}

describe('an interview as the correction form shows it', () => {
	it('fills every field with what was sent, by the kind of question', () => {
		const values = sentValues(stored);
		expect(values).toMatchObject({
			consent: true,
			consent_form: 'schriftelijk',
			guardian_consent: true,
			interviewee_group: 'jongere',
			age_band: '12_15',
			municipality_id: MUNICIPALITY,
			pii_ok: false
		});
		expect(values.answers).toEqual({
			[questionField('q-open')]: 'Het ging snel.',
			[questionField('q-scale')]: '4',
			[questionField('q-single')]: 'nee',
			[questionField('q-multi')]: ['thuis', 'school'],
			[questionField('q-skipped')]: ''
		});
	});

	it('sent back unchanged, gives the same arguments as were stored', () => {
		const parsed = parseInterviewForm(formOf(sentValues(stored)), {
			municipalities: [{ id: MUNICIPALITY }],
			questions: stored.questions
		});
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.data).toEqual({
			p_id: stored.id,
			p_consent_form: 'schriftelijk',
			p_guardian_consent: true,
			p_interviewee_group: 'jongere',
			p_age_band: '12_15',
			p_municipality_id: MUNICIPALITY,
			p_answers: stored.answers
		});
	});

	it('a withdrawn interview (profile erased) leaves the fields empty, never "null"', () => {
		const values = sentValues({
			...stored,
			interviewee_group: null,
			age_band: null,
			municipality_id: null,
			withdrawn_at: '2026-12-03T09:00:00Z',
			answers: []
		});
		expect(values).toMatchObject({ interviewee_group: '', age_band: '', municipality_id: '' });
		expect(Object.values(values.answers)).toEqual(['', '', '', [], '']);
	});
});
