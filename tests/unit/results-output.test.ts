// What leaves the server as files and charts (src/lib/results, src/lib/charts/results-charts.ts):
// the CSV keeps the database's protection (a hidden count is an empty field, never a number), says
// what each column is, and cannot carry a spreadsheet formula; the sentence under a chart and its
// colours follow the counts.
import { describe, expect, test } from 'vitest';
import { breakdownChart, GREY, overallChart, valueColours } from '$lib/charts/results-charts';
import { resultsCsv } from '$lib/results/csv';
import { breakdownSentence, overallSentence } from '$lib/results/sentences';
import type { ResultItem, Results } from '$lib/server/api/results';

const item: ResultItem = {
	question_id: 'q1',
	position: 1,
	kind: 'single',
	prompt: '=HYPERLINK("x") Kon u meebeslissen?',
	theme: 'Inspraak',
	option: null,
	scale_min_label: null,
	scale_max_label: null,
	values: ['Ja', 'Nee', ''],
	overall: [12, null, null],
	breakdowns: [
		{
			dimension: 'interviewee_group',
			rows: [
				{ key: 'ouder', label: 'ouder', counts: [7, null, null] },
				{ key: 'jongere', label: 'jongere', counts: [5, 0, 0] }
			]
		}
	]
};

const results = {
	min_cell: 5,
	round: { title: 'Ouders 2026' },
	items: [item]
} as unknown as Results;

const parse = (csv: string) =>
	csv
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.map((l) => l.split(';'));

describe('the CSV export', () => {
	test('a header that explains each column, then one line per count', () => {
		const lines = parse(resultsCsv(results));
		expect(lines[0][5]).toBe(
			'"Aantal gesprekken (leeg = verborgen: minder dan 5, of afgeschermd)"'
		);
		// 3 overall + 2 rows × 3 values.
		expect(lines).toHaveLength(1 + 3 + 6);
	});

	test('a hidden count is an empty field; shown counts are bare numbers', () => {
		const lines = parse(resultsCsv(results));
		const overall = lines.filter((l) => l[2] === '"Alle gesprekken"').map((l) => l[5]);
		expect(overall).toEqual(['12', '', '']);
		const parents = lines.filter((l) => l[3] === '"Een ouder"').map((l) => l[5]);
		expect(parents).toEqual(['7', '', '']);
	});

	test('text that a spreadsheet would run as a formula is defused', () => {
		const lines = parse(resultsCsv(results));
		expect(lines[1][0]).toBe('"\'=HYPERLINK(""x"") Kon u meebeslissen?"');
	});
});

describe('the sentence under a chart', () => {
	test('names the most frequent answer and says that some numbers are hidden', () => {
		expect(overallSentence(item, 20)).toBe(
			'De meeste mensen gaven als antwoord: Ja (12 van de 20 gesprekken). Een paar aantallen zijn verborgen.'
		);
	});

	test('says so when nothing can be shown', () => {
		expect(overallSentence({ ...item, overall: [null, null, null] }, 4)).toBe(
			'Te weinig gesprekken om hier aantallen te laten zien.'
		);
		expect(breakdownSentence('municipality', [{ counts: [null, null] }])).toBe(
			'Te weinig gesprekken om hier aantallen te laten zien.'
		);
		// Zeros beside hidden cells (nobody left it unanswered) show nothing either.
		expect(breakdownSentence('municipality', [{ counts: [null, null, 0] }])).toBe(
			'Te weinig gesprekken om hier aantallen te laten zien.'
		);
		expect(breakdownSentence('municipality', [{ counts: [null, 6, 0] }])).toBe(
			'Per gemeente: de antwoorden naast elkaar. Elke balk is één gemeente. Een paar aantallen zijn verborgen.'
		);
	});
});

describe('chart configurations', () => {
	test('no answer is grey; scale answers run from vermillion to blue', () => {
		expect(valueColours('scale', ['1', '5', ''])).toEqual(['#D55E00', '#0072B2', GREY]);
	});

	test('hidden counts stay null, so chart.js draws no bar for them', () => {
		const overall = overallChart(
			'single',
			item.values,
			['Ja', 'Nee', 'Geen antwoord'],
			item.overall,
			'n'
		);
		expect(overall.data.datasets[0].data).toEqual([12, null, null]);
		const rows = item.breakdowns[0].rows;
		const stacked = breakdownChart(
			'single',
			item.values,
			['Ja', 'Nee', 'Geen antwoord'],
			['ouder', 'jongere'],
			rows.map((r) => r.counts)
		);
		expect(stacked.data.datasets.map((d) => d.data)).toEqual([
			[7, 5],
			[null, 0],
			[null, 0]
		]);
	});
});
