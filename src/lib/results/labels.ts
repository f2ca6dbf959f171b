// Words for the results document's codes (supabase/API.md "Results"), in the request's language.
import { ageLabel, intervieweeGroupLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { Dimension, ResultItem } from '$lib/server/api/results';

/** How an answer is written: '' is "no answer"; a multiple-choice option is chosen or not. */
export function valueLabel(value: string): string {
	if (value === '') return m.results_value_none();
	if (value === 'chosen') return m.results_value_chosen();
	if (value === 'not_chosen') return m.results_value_not_chosen();
	return value;
}

/** Value labels for an item; for a multiple-choice option the database's codes, in words. */
export const valueLabels = (item: Pick<ResultItem, 'values'>) => item.values.map(valueLabel);

/** The question, and for a multiple-choice question the option this item is about. */
export const itemTitle = (item: Pick<ResultItem, 'prompt' | 'option'>) =>
	item.option === null
		? item.prompt
		: m.results_option_of({ prompt: item.prompt, option: item.option });

const TITLES: Record<Dimension, () => string> = {
	municipality: m.results_dimension_municipality,
	interviewee_group: m.results_dimension_interviewee_group,
	age_band: m.results_dimension_age_band
};
const WORDS: Record<Dimension, () => string> = {
	municipality: m.results_dimension_word_municipality,
	interviewee_group: m.results_dimension_word_interviewee_group,
	age_band: m.results_dimension_word_age_band
};
export const dimensionTitle = (d: Dimension) => TITLES[d]();
export const dimensionWord = (d: Dimension) => WORDS[d]();

/** A breakdown's row: municipalities have names, groups and age bands are codes. */
export function rowLabel(d: Dimension, row: { key: string; label: string }): string {
	if (d === 'interviewee_group') return intervieweeGroupLabel(row.key);
	if (d === 'age_band') return ageLabel(row.key);
	return row.label;
}

/** A count as it is read: hidden counts say so in words, never as a number. */
export const countText = (n: number | null) => (n === null ? m.results_hidden() : String(n));
