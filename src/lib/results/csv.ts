// The results as CSV (issue 12, item 4): one line per count, with the same protection as the page
// (a hidden count is an empty field), and a first line that says what each column holds. For
// Dutch Excel: semicolons and a byte-order mark, so accents and the columns come out right.
import { m } from '$lib/paraglide/messages';
import type { Results } from '$lib/server/api/results';
import { dimensionWord, itemTitle, rowLabel, valueLabel } from './labels';

/** Quote every field; a field that a spreadsheet would run as a formula starts with a quote mark. */
function field(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return `"${text.replace(/"/g, '""')}"`;
}

export function resultsCsv(results: Results): string {
	const lines: Array<Array<string | number | null>> = [
		[
			m.results_csv_header_item(),
			m.results_csv_header_theme(),
			m.results_csv_header_dimension(),
			m.results_csv_header_group(),
			m.results_csv_header_value(),
			m.results_csv_header_count({ k: results.min_cell })
		]
	];
	for (const item of results.items) {
		const title = itemTitle(item);
		item.values.forEach((value, i) =>
			lines.push([title, item.theme, m.results_overall(), '', valueLabel(value), item.overall[i]])
		);
		for (const b of item.breakdowns)
			for (const row of b.rows)
				item.values.forEach((value, i) =>
					lines.push([
						title,
						item.theme,
						dimensionWord(b.dimension),
						rowLabel(b.dimension, row),
						valueLabel(value),
						row.counts[i]
					])
				);
	}
	return '\uFEFF' + lines.map((l) => l.map(field).join(';')).join('\r\n') + '\r\n';
}

/** A file name people recognise: the round's title, without characters file systems refuse. */
export function exportName(results: Results, extension: 'csv' | 'json'): string {
	const base = results.round.title
		.replace(/[^\p{L}\p{N} _-]+/gu, '')
		.trim()
		.replace(/\s+/g, '-');
	return `${base || 'resultaten'}-resultaten.${extension}`;
}
