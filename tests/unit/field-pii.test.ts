import { describe, expect, it } from 'vitest';
import { findIdentifying, identifyingKinds, redactIdentifying } from '$lib/pii';

const kindsOf = (text: string) => findIdentifying(text).map((match) => [match.kind, match.text]);

describe('findIdentifying', () => {
	it.each([
		['Bel haar op 06-12345678 morgen', 'phone', '06-12345678'],
		['nummer 0612345678.', 'phone', '0612345678'],
		['vast: 020 123 4567', 'phone', '020 123 4567'],
		['Bel +31 6 1234 5678', 'phone', '+31 6 1234 5678'],
		['of 0031612345678', 'phone', '0031612345678'],
		['Mail naar ria.de.vries@example.nl graag', 'email', 'ria.de.vries@example.nl'],
		['BSN 123456782 staat op de brief', 'bsn', '123456782'],
		['BSN 1234.56.782 staat op de brief', 'bsn', '1234.56.782'],
		['Ze woont op 3841 AB 12 in Harderwijk', 'postcode', '3841 AB 12'],
		['adres 3841AB 12a', 'postcode', '3841AB 12a'],
		['adres 3841ab 7', 'postcode', '3841ab 7'],
		['Dorpsstraat 12, 3841 AB Harderwijk', 'postcode', '12, 3841 AB'],
		['geboren 03-04-2012, jongste', 'birthdate', '03-04-2012'],
		['geboren 3/4/2012', 'birthdate', '3/4/2012'],
		['geboren op 12 maart 2010', 'birthdate', '12 maart 2010']
	])('flags %j as %s', (text, kind, matched) => {
		expect(kindsOf(text)).toEqual([[kind, matched]]);
	});

	it.each([
		'In 2024 en 2025 ging het beter.',
		'Ze heeft 3 kinderen van 4, 7 en 12 jaar.',
		'Wachttijd was 12 weken, daarna 6 gesprekken.',
		'Het CJG belde 2 keer per maand.',
		'Ik gaf het een 8.',
		'12345678 is geen bsn (acht cijfers).',
		''
	])('leaves ordinary text alone: %j', (text) => {
		expect(findIdentifying(text)).toEqual([]);
	});

	it('gives spans in reading order, so they can be cut out', () => {
		const text = 'Mail a@b.nl of bel 0612345678';
		const matches = findIdentifying(text);
		expect(matches.map((match) => match.kind)).toEqual(['email', 'phone']);
		for (const match of matches) expect(text.slice(match.start, match.end)).toBe(match.text);
	});

	it('does not report one number twice as phone and bsn', () => {
		expect(identifyingKinds('0612345678')).toEqual(['phone']);
	});
});

describe('redactIdentifying', () => {
	it('replaces every identifying span and keeps the rest', () => {
		expect(redactIdentifying('Bel 06-12345678 of mail a@b.nl.', '[weg]')).toBe(
			'Bel [weg] of mail [weg].'
		);
	});

	it('returns the text unchanged when nothing is found', () => {
		expect(redactIdentifying('Fijn gesprek gehad.', '[weg]')).toBe('Fijn gesprek gehad.');
	});
});
