// The one plain sentence (B1) under each chart that says what it shows.
import { m } from '$lib/paraglide/messages';
import type { Dimension, ResultItem } from '$lib/server/api/results';
import { dimensionTitle, dimensionWord, valueLabel } from './labels';

/** The overall chart: the most frequent visible answer, or that too little can be shown. */
export function overallSentence(item: ResultItem, total: number): string {
	const hidden = item.overall.some((n) => n === null);
	if (item.overall.every((n) => n === null)) return m.results_sentence_all_hidden();
	let text: string;
	if (item.option !== null) {
		const chosen = item.overall[item.values.indexOf('chosen')];
		if (chosen === null) return m.results_sentence_all_hidden();
		text = m.results_sentence_chosen({ count: chosen, total, option: item.option });
	} else {
		let top = -1;
		item.overall.forEach((n, i) => {
			if (item.values[i] !== '' && n !== null && (top < 0 || n > (item.overall[top] ?? 0))) top = i;
		});
		if (top < 0) return m.results_sentence_all_hidden();
		text = m.results_sentence_top({
			value: valueLabel(item.values[top]),
			count: item.overall[top] ?? 0,
			total
		});
	}
	return hidden ? `${text} ${m.results_sentence_some_hidden()}` : text;
}

export function breakdownSentence(
	dimension: Dimension,
	rows: Array<{ counts: Array<number | null> }>
): string {
	const cells = rows.flatMap((r) => r.counts);
	// Only zeros beside the hidden cells ("geen antwoord" is often 0): nothing to read here either.
	const shown = cells.some((n) => n !== null && n > 0);
	if (cells.some((n) => n === null) && !shown) return m.results_sentence_all_hidden();
	const text = m.results_sentence_breakdown({
		dimension: dimensionTitle(dimension),
		word: dimensionWord(dimension)
	});
	return cells.some((n) => n === null) ? `${text} ${m.results_sentence_some_hidden()}` : text;
}
