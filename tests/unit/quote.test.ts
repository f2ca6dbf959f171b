import { describe, expect, it } from 'vitest';
import { withoutOuterQuotes } from '$lib/quote';

describe('withoutOuterQuotes', () => {
	it('takes off the marks people type around a quote, in any style', () => {
		expect(withoutOuterQuotes('"Het duurde lang."')).toBe('Het duurde lang.');
		expect(withoutOuterQuotes('„Het duurde lang.”')).toBe('Het duurde lang.');
		expect(withoutOuterQuotes('“Het duurde lang.”')).toBe('Het duurde lang.');
		expect(withoutOuterQuotes("'Te laat.'")).toBe('Te laat.');
		expect(withoutOuterQuotes('«Te laat.»')).toBe('Te laat.');
	});

	it('leaves text without outer marks, and marks inside, as written', () => {
		expect(withoutOuterQuotes('Ze zei "wacht maar" en ging weg.')).toBe(
			'Ze zei "wacht maar" en ging weg.'
		);
		expect(withoutOuterQuotes('"Wacht maar," zei ze.')).toBe('"Wacht maar," zei ze.');
		expect(withoutOuterQuotes('"Wacht," zei ze, "nu."')).toBe('"Wacht," zei ze, "nu."');
		expect(withoutOuterQuotes('""')).toBe('""');
	});
});
