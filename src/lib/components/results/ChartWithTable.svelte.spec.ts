import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { overallChart } from '$lib/charts/results-charts';
import ChartWithTable from './ChartWithTable.svelte';

const labels = ['Ja', 'Nee', 'Geen antwoord'];
const props = (counts: Array<number | null>) => ({
	title: 'Alle gesprekken',
	sentence: 'Een zin.',
	config: overallChart('single', ['Ja', 'Nee', ''], labels, counts, 'Aantal'),
	columns: ['Antwoord', 'Aantal'],
	rows: labels.map((label, i) => ({ label, counts: [counts[i]] }))
});

describe('ChartWithTable', () => {
	test('draws the chart and its table twin when there is something to draw', async () => {
		const { container } = await render(ChartWithTable, props([12, null, 0]));
		expect(container.querySelector('canvas')).not.toBeNull();
		await expect.element(page.getByRole('cell', { name: '12' })).toBeVisible();
		await expect.element(page.getByRole('cell', { name: 'verborgen' })).toBeVisible();
	});

	test('leaves out an empty chart when every count is hidden or zero: the table says it', async () => {
		const { container } = await render(ChartWithTable, props([null, null, 0]));
		expect(container.querySelector('canvas')).toBeNull();
		await expect.element(page.getByRole('cell', { name: 'verborgen' }).first()).toBeVisible();
	});
});
