import { describe, expect, it } from 'vitest';
import {
	parseFindingForm,
	parseInterviewForm,
	parseJoinForm,
	piiWarnings,
	questionField
} from '$lib/schemas/field';

const MUNICIPALITY = '0b6f2c4e-3a51-4f0e-9c43-1d3c1f0a2b11';
const round = {
	municipalities: [{ id: MUNICIPALITY }],
	questions: [
		{ id: 'q-open', kind: 'open' as const },
		{ id: 'q-scale', kind: 'scale' as const },
		{ id: 'q-single', kind: 'single' as const, options: ['ja', 'nee'] },
		{ id: 'q-multi', kind: 'multi' as const, options: ['school', 'thuis', 'werk'] }
	]
};

function formOf(entries: Record<string, string | string[]>) {
	const form = new FormData();
	for (const [name, value] of Object.entries(entries)) {
		for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
	}
	return form;
}

const goodInterview = {
	id: crypto.randomUUID(),
	consent: 'on',
	consent_form: 'mondeling',
	interviewee_group: 'ouder',
	age_band: '24_plus',
	municipality_id: MUNICIPALITY,
	[questionField('q-open')]: '  Het duurde lang.  ',
	[questionField('q-scale')]: '4',
	[questionField('q-single')]: 'ja',
	[questionField('q-multi')]: ['school', 'thuis']
};

describe('parseInterviewForm', () => {
	it('turns a complete form into the arguments of interview_submit', () => {
		const result = parseInterviewForm(formOf(goodInterview), round);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.data).toEqual({
			p_id: goodInterview.id,
			p_consent_form: 'mondeling',
			p_guardian_consent: false,
			p_interviewee_group: 'ouder',
			p_age_band: '24_plus',
			p_municipality_id: MUNICIPALITY,
			p_answers: [
				{ question_id: 'q-open', text: 'Het duurde lang.' },
				{ question_id: 'q-scale', scale: 4 },
				{ question_id: 'q-single', choices: ['ja'] },
				{ question_id: 'q-multi', choices: ['school', 'thuis'] }
			]
		});
	});

	it('leaves skipped questions out', () => {
		const form = formOf({
			...goodInterview,
			[questionField('q-open')]: ' ',
			[questionField('q-scale')]: '',
			[questionField('q-single')]: '',
			[questionField('q-multi')]: []
		});
		const result = parseInterviewForm(form, round);
		expect(result.ok && result.data.p_answers).toEqual([]);
	});

	it('refuses a scale value of 9 with a message that says what to do', () => {
		const result = parseInterviewForm(
			formOf({ ...goodInterview, [questionField('q-scale')]: '9' }),
			round
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors).toEqual({ 'q_q-scale': 'Kies een getal van 1 tot en met 5.' });
		expect(result.values.answers['q_q-scale']).toBe('9'); // kept for the re-rendered form
	});

	it('refuses a missing consent and keeps the typed answers', () => {
		const { consent: _dropped, ...withoutConsent } = goodInterview;
		void _dropped;
		const result = parseInterviewForm(formOf(withoutConsent), round);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.consent).toBe(
			'Vink aan dat de persoon toestemming heeft gegeven. Zonder toestemming slaan we niets op.'
		);
		expect(result.values.answers['q_q-open']).toBe('  Het duurde lang.  ');
	});

	it('asks for guardian consent under 16, also next to other mistakes', () => {
		const result = parseInterviewForm(
			formOf({ ...goodInterview, age_band: '12_15', consent_form: '' }),
			round
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.guardian_consent).toBe(
			'Deze persoon is jonger dan 16. Vink aan dat een ouder of voogd ook toestemming gaf.'
		);
		expect(result.errors.consent_form).toBe(
			'Kies hoe de persoon toestemming gaf: mondeling of schriftelijk.'
		);
	});

	it('accepts under 16 when the guardian consented', () => {
		const form = formOf({ ...goodInterview, age_band: 'onder_12', guardian_consent: 'on' });
		const result = parseInterviewForm(form, round);
		expect(result.ok && result.data.p_guardian_consent).toBe(true);
	});

	it('refuses a municipality that is not in the round (a forged id)', () => {
		const form = formOf({ ...goodInterview, municipality_id: crypto.randomUUID() });
		const result = parseInterviewForm(form, round);
		expect(!result.ok && result.errors.municipality_id).toBe('Kies een gemeente uit de lijst.');
	});

	it('refuses choices that are not options of the question', () => {
		const form = formOf({ ...goodInterview, [questionField('q-multi')]: ['school', 'kerk'] });
		const result = parseInterviewForm(form, round);
		expect(!result.ok && result.errors['q_q-multi']).toBe('Kies een antwoord uit de lijst.');
	});

	it('refuses an open answer over 4000 characters and says how long it is', () => {
		const form = formOf({ ...goodInterview, [questionField('q-open')]: 'a'.repeat(4001) });
		const result = parseInterviewForm(form, round);
		expect(!result.ok && result.errors['q_q-open']).toBe(
			'Dit antwoord is te lang. Gebruik hoogstens 4000 tekens. Nu zijn het er 4001.'
		);
	});
});

describe('parseFindingForm', () => {
	const themes = ['Wachttijd', 'School'];
	const good = {
		id: crypto.randomUUID(),
		statement: 'Ouders wachten te lang.',
		quote: '',
		theme: ''
	};

	it('makes empty quote and theme null', () => {
		const result = parseFindingForm(formOf(good), themes);
		expect(result.ok && result.data).toEqual({
			p_id: good.id,
			p_statement: 'Ouders wachten te lang.',
			p_quote: null,
			p_theme: null,
			p_interview_id: null
		});
	});

	it('refuses an empty statement', () => {
		const result = parseFindingForm(formOf({ ...good, statement: '   ' }), themes);
		expect(!result.ok && result.errors.statement).toBe(
			'Schrijf je bevinding op. Gebruik minstens 3 tekens.'
		);
	});

	it('refuses an overlong quote and keeps the text', () => {
		const quote = 'x'.repeat(401);
		const result = parseFindingForm(formOf({ ...good, quote }), themes);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.quote).toBe(
			'Het citaat is te lang. Gebruik hoogstens 400 tekens. Nu zijn het er 401.'
		);
		expect(result.values.quote).toBe(quote);
	});

	it('refuses an overlong statement', () => {
		const result = parseFindingForm(formOf({ ...good, statement: 'x'.repeat(601) }), themes);
		expect(!result.ok && result.errors.statement).toContain('hoogstens 600 tekens');
	});

	it('refuses a theme that is not one of the round', () => {
		const result = parseFindingForm(formOf({ ...good, theme: 'Verzonnen' }), themes);
		expect(!result.ok && result.errors.theme).toBe(
			"Kies een thema uit de lijst, of kies 'Geen thema'."
		);
	});

	it('refuses a NUL byte (Postgres cannot store it) at its field, keeping the text', () => {
		const result = parseFindingForm(
			formOf({ ...good, statement: 'Ouders\u0000 wachten', quote: 'x\u0000' }),
			themes
		);
		expect(!result.ok && result.errors).toEqual({
			statement: 'Hier staat een teken in dat we niet kunnen bewaren. Typ de tekst opnieuw in.',
			quote: 'Hier staat een teken in dat we niet kunnen bewaren. Typ de tekst opnieuw in.'
		});
		expect(result.values.statement).toBe('Ouders\u0000 wachten');
	});

	it('accepts a theme of the round', () => {
		const result = parseFindingForm(formOf({ ...good, theme: 'School' }), themes);
		expect(result.ok && result.data.p_theme).toBe('School');
	});
});

describe('parseJoinForm', () => {
	it('ignores dashes and spaces in the code', () => {
		const result = parseJoinForm(formOf({ code: 'abc-12 3', display_name: ' Ria ' }));
		expect(result.ok && result.data).toEqual({ code: 'abc123', display_name: 'Ria' });
	});

	it('stores the name as others will read it: no format characters, NFC', () => {
		const result = parseJoinForm(formOf({ code: 'abc123', display_name: ' Bob\u202Egnp.exe ' }));
		expect(result.ok && result.data.display_name).toBe('Bobgnp.exe');
		const nfd = parseJoinForm(formOf({ code: 'abc123', display_name: 'Zoe\u0308\u200B' }));
		expect(nfd.ok && nfd.data.display_name).toBe('Zo\u00EB');
	});

	it('asks for a name when only format characters were typed', () => {
		const result = parseJoinForm(formOf({ code: 'abc123', display_name: '\u202E\u200B\u0000' }));
		expect(!result.ok && result.errors.display_name).toBe('Vul je voornaam of een schuilnaam in.');
	});

	it('asks for a code and a name', () => {
		const result = parseJoinForm(formOf({ code: ' ', display_name: '' }));
		expect(!result.ok && result.errors).toEqual({
			code: 'Vul de code in die je hebt gekregen.',
			display_name: 'Vul je voornaam of een schuilnaam in.'
		});
	});
});

describe('piiWarnings', () => {
	it('names the fields that look identifying', () => {
		expect(piiWarnings({ statement: 'Bel 0612345678', quote: 'Het was fijn.' })).toEqual({
			statement: ['phone']
		});
	});
});
