import { describe, expect, test } from 'vitest';
import { loginSchema, parseRoundForm, setupSchema } from '$lib/schemas/staff';

const ERMELO = '4f6c1c7e-1f5a-4a57-9a3e-2d7d1c0b8a11';
const PUTTEN = '7b0e2d9a-3c44-4d1e-8f6a-0a9b8c7d6e55';

type Row = Partial<
	Record<'kind' | 'prompt' | 'theme' | 'scale_min_label' | 'scale_max_label' | 'options', string>
>;

const OPEN: Row = { kind: 'open', prompt: 'Wat ging er goed?', theme: 'Hulp' };
const SCALE: Row = {
	kind: 'scale',
	prompt: 'Hoe tevreden bent u?',
	theme: 'Tevredenheid',
	scale_min_label: 'heel slecht',
	scale_max_label: 'heel goed'
};

function form(fields: { title?: string; group?: string; municipalities?: string[]; rows?: Row[] }) {
	const data = new FormData();
	data.set('title', fields.title ?? 'Ouders aan het woord 2027');
	data.set('target_group', fields.group ?? 'ouders');
	for (const id of fields.municipalities ?? [ERMELO]) data.append('municipality_ids', id);
	const rows = fields.rows ?? [OPEN, SCALE];
	// The page always posts six rows; the unused ones are empty.
	for (let i = 0; i < Math.max(6, rows.length); i++) {
		const row = rows[i] ?? {};
		data.set(`q${i}_kind`, row.kind ?? 'open');
		for (const field of [
			'prompt',
			'theme',
			'scale_min_label',
			'scale_max_label',
			'options'
		] as const) {
			data.set(`q${i}_${field}`, row[field] ?? '');
		}
	}
	return data;
}

function errorsOf(data: FormData) {
	const result = parseRoundForm(data);
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

describe('new round form', () => {
	test('a complete form becomes round_create input, empty rows skipped', () => {
		const result = parseRoundForm(form({ municipalities: [ERMELO, PUTTEN, ERMELO] }));
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.title).toBe('Ouders aan het woord 2027');
		expect(result.targetGroup).toBe('ouders');
		expect(result.municipalityIds).toEqual([ERMELO, PUTTEN]);
		expect(result.questions).toEqual([
			{ kind: 'open', prompt: 'Wat ging er goed?', theme: 'Hulp' },
			{
				kind: 'scale',
				prompt: 'Hoe tevreden bent u?',
				theme: 'Tevredenheid',
				scale_min_label: 'heel slecht',
				scale_max_label: 'heel goed'
			}
		]);
	});

	test('the presenter quorum: 2 without the field, 2 to 5 chosen, anything else explained', () => {
		const withQuorum = (value: string) => {
			const data = form({});
			data.set('presenter_quorum', value);
			return parseRoundForm(data);
		};
		const first = parseRoundForm(form({}));
		expect(first.ok && first.presenterQuorum).toBe(2);
		const four = withQuorum('4');
		expect(four.ok && four.presenterQuorum).toBe(4);
		for (const wrong of ['1', '6', '', '3.5', 'drie']) {
			const result = withQuorum(wrong);
			expect(result.ok).toBe(false);
			if (result.ok) continue;
			expect(result.errors.presenter_quorum).toBe('Kies 2, 3, 4 of 5 gespreksvoerders.');
			expect(result.values.presenter_quorum).toBe(wrong);
		}
	});

	test('an empty title asks for a title, and keeps what was typed', () => {
		const result = parseRoundForm(form({ title: '   ' }));
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.errors.title).toBe(
			'Vul een titel in van minstens 3 tekens, bijvoorbeeld ‘Ouders aan het woord 2027’.'
		);
		expect(result.values.questions[0].prompt).toBe('Wat ging er goed?');
		expect(result.values.municipality_ids).toEqual([ERMELO]);
	});

	test('an overlong title says the maximum', () => {
		expect(errorsOf(form({ title: 'a'.repeat(121) })).title).toBe(
			'De titel is te lang. Gebruik hoogstens 120 tekens.'
		);
		expect(parseRoundForm(form({ title: 'a'.repeat(120) })).ok).toBe(true);
	});

	test('no municipality, unknown group', () => {
		const errors = errorsOf(form({ municipalities: [], group: 'iedereen' }));
		expect(errors.municipality_ids).toBe('Kies minstens één gemeente.');
		expect(errors.target_group).toBe('Kies voor wie deze ronde is: ouders of jongeren.');
	});

	test('a forged municipality id is refused', () => {
		expect(errorsOf(form({ municipalities: ['1; drop table'] })).municipality_ids).toBeDefined();
	});

	test('at least one open and one scale question', () => {
		expect(errorsOf(form({ rows: [OPEN] })).questions).toBe('Voeg minstens één schaalvraag toe.');
		expect(errorsOf(form({ rows: [SCALE] })).questions).toBe('Voeg minstens één open vraag toe.');
		expect(errorsOf(form({ rows: [] })).questions).toBe('Voeg minstens één open vraag toe.');
	});

	test('a scale question needs both words, keyed by its row', () => {
		const errors = errorsOf(
			form({ rows: [OPEN, {}, { ...SCALE, scale_min_label: '', scale_max_label: ' ' }] })
		);
		expect(errors.q2_scale_min_label).toBe('Vul een woord in voor 1, bijvoorbeeld ‘heel slecht’.');
		expect(errors.q2_scale_max_label).toBe('Vul een woord in voor 5, bijvoorbeeld ‘heel goed’.');
		expect(errors.q1_prompt).toBeUndefined();
	});

	test('a half-filled row asks for the question text and theme', () => {
		const errors = errorsOf(
			form({ rows: [OPEN, SCALE, { kind: 'open', theme: 'Wachttijd' }, { prompt: 'Nog iets?' }] })
		);
		expect(errors.q2_prompt).toBe(
			'Vul de vraag in (minstens 3 tekens), of maak de hele vraag leeg.'
		);
		expect(errors.q3_theme).toBe('Vul een thema in, bijvoorbeeld ‘Wachttijd’.');
	});

	test('choice questions need two different options, one per line', () => {
		const choice = { kind: 'single', prompt: 'Welke hulp kreeg u?', theme: 'Hulp' };
		expect(
			errorsOf(form({ rows: [OPEN, SCALE, { ...choice, options: 'Alleen dit\n\n' }] })).q2_options
		).toBe('Zet minstens twee antwoorden neer, elk op een eigen regel.');
		expect(
			errorsOf(form({ rows: [OPEN, SCALE, { ...choice, options: 'Ja\nja' }] })).q2_options
		).toBe('Twee antwoorden zijn hetzelfde. Maak elk antwoord anders.');
		const result = parseRoundForm(
			form({
				rows: [OPEN, SCALE, { ...choice, kind: 'multi', options: ' Jeugdarts \r\nWijkteam\n' }]
			})
		);
		expect(result.ok && result.questions[2]).toEqual({
			...choice,
			kind: 'multi',
			options: ['Jeugdarts', 'Wijkteam']
		});
	});

	test('an unknown kind is refused', () => {
		expect(errorsOf(form({ rows: [OPEN, SCALE, { ...OPEN, kind: 'essay' }] })).q2_kind).toBe(
			'Kies wat voor soort vraag dit is.'
		);
	});

	test('scale words are only sent for scale questions', () => {
		const result = parseRoundForm(form({ rows: [{ ...OPEN, scale_min_label: 'x' }, SCALE] }));
		expect(result.ok && result.questions[0]).toEqual(OPEN);
	});
});

describe('setup and login forms', () => {
	test('passwords must be 10+ characters and typed twice the same', () => {
		const base = {
			organisation_name: 'CJG Noord-Veluwe',
			display_name: 'Ria',
			email: 'Ria@CJG.nl '
		};
		const short = setupSchema().safeParse({ ...base, password: 'kort', password_repeat: 'kort' });
		expect(short.success ? [] : short.error.issues.map((i) => i.message)).toContain(
			'Het wachtwoord is te kort. Gebruik minstens 10 tekens.'
		);
		const differ = setupSchema().safeParse({
			...base,
			password: 'lange zin hier',
			password_repeat: 'lange zin daar'
		});
		expect(differ.success ? null : differ.error.issues[0].path).toEqual(['password_repeat']);
		const good = setupSchema().safeParse({
			...base,
			password: 'lange zin hier',
			password_repeat: 'lange zin hier'
		});
		expect(good.success && good.data.email).toBe('ria@cjg.nl');
	});

	test('login wants an e-mail address', () => {
		const result = loginSchema().safeParse({ email: 'ria', password: '' });
		expect(result.success ? [] : result.error.issues.map((i) => i.message)).toEqual([
			'Vul uw e-mailadres in, bijvoorbeeld naam@cjg.nl.',
			'Vul uw wachtwoord in.'
		]);
	});
});
