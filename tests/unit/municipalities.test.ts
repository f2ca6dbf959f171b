import { describe, expect, test } from 'vitest';
import { MUNICIPALITIES, municipalityByCode, searchText } from '$lib/data/municipalities';

describe('the official list of municipalities', () => {
	test('has the 342 municipalities of 2026, each with a CBS code of its own', () => {
		expect(MUNICIPALITIES).toHaveLength(342);
		expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(342);
		expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(342);
		for (const m of MUNICIPALITIES) {
			expect(m.code).toMatch(/^GM\d{4}$/);
			expect(m.name).toBe(m.name.trim());
			expect(m.name.length).toBeGreaterThanOrEqual(2);
		}
	});

	test('knows merged municipalities by their new name only', () => {
		expect(municipalityByCode('GM1992')?.name).toBe('Voorne aan Zee');
		expect(municipalityByCode('GM0501')).toBeUndefined(); // Brielle, merged in 2023
		expect(municipalityByCode('GM0457')).toBeUndefined(); // Weesp, part of Amsterdam since 2022
		expect(municipalityByCode('GM9999')).toBeUndefined();
	});

	test('is sorted the Dutch way and searchable by other names', () => {
		expect(MUNICIPALITIES[0].name).toBe('Aa en Hunze');
		expect(MUNICIPALITIES.at(-1)?.name).toBe('Zwolle');
		expect(searchText(municipalityByCode('GM0518')!)).toContain('den haag');
	});
});
