// chart.js configurations for the results page: pure functions (unit-tested), no chart.js import
// at run time, so they work on the server too. Hidden counts are null: chart.js draws no bar.
import type { ChartConfiguration } from 'chart.js';

/**
 * Okabe & Ito's palette, safe for the common kinds of colour blindness; grey for "no answer" and
 * "not chosen". Scale answers go from vermillion (1) to blue (5), so the order reads without colour
 * too (the table twin says it in words).
 */
export const PALETTE = [
	'#D55E00',
	'#E69F00',
	'#F0E442',
	'#56B4E9',
	'#0072B2',
	'#009E73',
	'#CC79A7'
];
export const GREY = '#8A8A8A';
const SCALE = ['#D55E00', '#E69F00', '#F0E442', '#56B4E9', '#0072B2'];

/** The colour of each value of an item, in order. */
export function valueColours(kind: 'scale' | 'single' | 'multi', values: string[]): string[] {
	return values.map((v, i) => {
		if (v === '' || v === 'not_chosen') return GREY;
		if (v === 'chosen') return PALETTE[4];
		return kind === 'scale' ? SCALE[Number(v) - 1] : PALETTE[i % PALETTE.length];
	});
}

/** A dark edge on every bar: light colours (yellow) stand out from the white page (WCAG 1.4.11). */
const EDGE = { borderColor: '#1a1a1a', borderWidth: 1 };

const common = {
	responsive: true,
	maintainAspectRatio: false,
	// Printing and reduced motion: no animation, so a printed page never catches a half-drawn bar.
	animation: false as const
};

/** One bar per answer: all interviews of the round. */
export function overallChart(
	kind: 'scale' | 'single' | 'multi',
	values: string[],
	labels: string[],
	counts: Array<number | null>,
	countLabel: string
): ChartConfiguration<'bar', Array<number | null>, string> {
	return {
		type: 'bar',
		data: {
			labels,
			datasets: [
				{ label: countLabel, data: counts, backgroundColor: valueColours(kind, values), ...EDGE }
			]
		},
		options: {
			...common,
			plugins: { legend: { display: false } },
			scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
		}
	};
}

/** One stacked bar per municipality, group or age band; one colour per answer. */
export function breakdownChart(
	kind: 'scale' | 'single' | 'multi',
	values: string[],
	valueLabels: string[],
	rowLabels: string[],
	rows: Array<Array<number | null>>
): ChartConfiguration<'bar', Array<number | null>, string> {
	const colours = valueColours(kind, values);
	return {
		type: 'bar',
		data: {
			labels: rowLabels,
			datasets: values.map((_, i) => ({
				label: valueLabels[i],
				data: rows.map((r) => r[i]),
				backgroundColor: colours[i],
				...EDGE
			}))
		},
		options: {
			...common,
			indexAxis: 'y',
			plugins: { legend: { position: 'bottom' } },
			scales: {
				x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
				y: { stacked: true }
			}
		}
	};
}
