// The privacy help's one detector (src/lib/pii.ts, the same code in the browser and on the
// server): a table of Dutch text, what it must flag and what it must leave alone.
import { describe, expect, it } from 'vitest';
import {
	findIdentifying,
	passesElfproef,
	passesIbanCheck,
	redactIdentifying,
	type IdentifyingKind
} from '$lib/pii';
import { FIRST_NAMES } from '$lib/pii-names';

const found = (text: string) => findIdentifying(text).map((match) => [match.kind, match.text]);

// [text, kind, what is flagged]
const FLAGGED: Array<[string, IdentifyingKind, string]> = [
	// Phone numbers
	['Bel haar op 06-12345678 morgen', 'phone', '06-12345678'],
	['nummer 0612345678.', 'phone', '0612345678'],
	['vast: 020 123 4567', 'phone', '020 123 4567'],
	['Bel +31 6 1234 5678', 'phone', '+31 6 1234 5678'],
	['of 0031612345678', 'phone', '0031612345678'],
	['Haar nummer is 06 123 456 78.', 'phone', '06 123 456 78'],
	['+31 (0)20 123 4567 is de praktijk', 'phone', '+31 (0)20 123 4567'],
	['Het CJG: 0341-123456.', 'phone', '0341-123456'],
	// E-mail
	['Mail naar ria.de.vries@example.nl graag', 'email', 'ria.de.vries@example.nl'],
	['mijn mail: j.jansen+cjg@gmail.com', 'email', 'j.jansen+cjg@gmail.com'],
	['ANOUK@HOTMAIL.COM schreef ze', 'email', 'ANOUK@HOTMAIL.COM'],
	// BSN: only numbers that pass the elfproef
	['BSN 123456782 staat op de brief', 'bsn', '123456782'],
	['BSN 1234.56.782 staat op de brief', 'bsn', '1234.56.782'],
	['burgerservicenummer 111222333', 'bsn', '111222333'],
	['zijn bsn is 999999990', 'bsn', '999999990'],
	// IBAN: only with the right check digits
	['Stort het op NL91ABNA0417164300', 'iban', 'NL91ABNA0417164300'],
	['rekening NL91 ABNA 0417 1643 00.', 'iban', 'NL91 ABNA 0417 1643 00'],
	['nl91abna0417164300 zei hij', 'iban', 'nl91abna0417164300'],
	['Belgisch: BE68539007547034', 'iban', 'BE68539007547034'],
	['Duits DE89 3704 0044 0532 0130 00', 'iban', 'DE89 3704 0044 0532 0130 00'],
	// Postcode with house number
	['Ze woont op 3841 AB 12 in Harderwijk', 'postcode', '3841 AB 12'],
	['adres 3841AB 12a', 'postcode', '3841AB 12a'],
	['adres 3841ab 7', 'postcode', '3841ab 7'],
	['Dorpsstraat 12, 3841 AB Harderwijk', 'postcode', '12, 3841 AB'],
	// Dates of birth
	['geboren 03-04-2012, jongste', 'birthdate', '03-04-2012'],
	['geboren 3/4/2012', 'birthdate', '3/4/2012'],
	['geboren op 12 maart 2010', 'birthdate', '12 maart 2010'],
	['jarig 1.12.2009', 'birthdate', '1.12.2009'],
	['Op 30 December 2015 geboren', 'birthdate', '30 December 2015'],
	// First names, from the list
	['Toen kwam Annelies binnen.', 'name', 'Annelies'],
	['Daan wilde niet mee.', 'name', 'Daan'],
	['Ik sprak met Sanne over school.', 'name', 'Sanne'],
	['De moeder van Mohammed vertelde het.', 'name', 'Mohammed'],
	['Haar dochter Fatima is 9.', 'name', 'Fatima'],
	['samen met Jan-Willem', 'name', 'Jan-Willem'],
	['Zeynep zat erbij.', 'name', 'Zeynep'],
	['„Lotte, kom eens”, riep ze', 'name', 'Lotte'],
	['Gisteren kwam Roos langs.', 'name', 'Roos'],
	['Daarna belde Mark terug.', 'name', 'Mark'],
	['De zoon, Jayden, was er ook.', 'name', 'Jayden'],
	['Ik heb met Anouk gepraat.', 'name', 'Anouk']
];

const ORDINARY: string[] = [
	'In 2024 en 2025 ging het beter.',
	'Ze heeft 3 kinderen van 4, 7 en 12 jaar.',
	'Wachttijd was 12 weken, daarna 6 gesprekken.',
	'Het CJG belde 2 keer per maand.',
	'Ik gaf het een 8.',
	'12345678 is geen bsn (acht cijfers).',
	// Nine digits that fail the elfproef are no BSN
	'Dossiernummer 123456789 bij de gemeente.',
	'Factuur 987654320 kwam te laat.',
	'ordernummer 111111112',
	// IBAN-like text with wrong check digits, and codes that are no IBAN
	'NL00ABNA0417164300 is fout overgetypt.',
	'Kenmerk AB12 CDEF GHIJ KLMN zonder betekenis.',
	'Code NL12 voor de aanvraag.',
	// Names that are ordinary words, in their ordinary sense
	'Ze kreeg een roos van haar zoon.',
	'Roos is haar lievelingsbloem.',
	'Mark het in de agenda.',
	'Merel zat in de boom, zei mijn zoon.',
	'Iris en pupil waren rood na de val.',
	'De hoop was er bijna niet meer.',
	// Capitals that are no name
	'De Jeugdzorg en het CJG werkten niet samen.',
	'Ermelo en Harderwijk hebben een wachtlijst.',
	'Maandag was er een gesprek.',
	'Het was Kerstmis.',
	''
];

describe('the detector flags identifying text', () => {
	it.each(FLAGGED)('%j → %s', (text, kind, matched) => {
		expect(found(text)).toEqual([[kind, matched]]);
	});
});

describe('the detector leaves ordinary Dutch alone', () => {
	it.each(ORDINARY)('%j', (text) => {
		expect(findIdentifying(text)).toEqual([]);
	});
});

describe('the checks behind it', () => {
	it('elfproef: passes real-looking BSNs, refuses near misses and zeros', () => {
		expect(passesElfproef('123456782')).toBe(true);
		expect(passesElfproef('1234.56.782')).toBe(true);
		expect(passesElfproef('123456789')).toBe(false);
		expect(passesElfproef('000000000')).toBe(false);
		expect(passesElfproef('12345678')).toBe(false);
	});

	it('IBAN: mod-97, and a Dutch IBAN has 4 letters and 10 digits', () => {
		expect(passesIbanCheck('NL91ABNA0417164300')).toBe(true);
		expect(passesIbanCheck('NL91 ABNA 0417 1643 00')).toBe(true);
		expect(passesIbanCheck('NL92ABNA0417164300')).toBe(false);
		expect(passesIbanCheck('NL91ABNA041716430')).toBe(false);
		expect(passesIbanCheck('GB82WEST12345698765432')).toBe(true);
	});

	it('ships a list of common first names, in their usual capitals', () => {
		expect(FIRST_NAMES.size).toBeGreaterThan(500);
		for (const name of ['Annelies', 'Daan', 'Sanne', 'Mohammed', 'Fatima', 'Emma', 'Noah']) {
			expect(FIRST_NAMES.has(name)).toBe(true);
		}
	});
});

describe('one tap replaces by a placeholder', () => {
	const words = (kind: IdentifyingKind) => `[${kind === 'name' ? 'naam' : 'telefoon'}]`;

	it('replaces one item only, by the word for its kind', () => {
		const text = 'Daan belde 06-12345678.';
		const [name] = findIdentifying(text);
		expect(redactIdentifying(text, words, name)).toBe('[naam] belde 06-12345678.');
	});

	it('replaces everything at once', () => {
		expect(redactIdentifying('Daan belde 06-12345678.', words)).toBe('[naam] belde [telefoon].');
	});
});
