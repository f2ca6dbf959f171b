import * as store from './db';

/**
 * An interview as it is being typed, saved on the device at every change, so closing the tab or
 * restarting the phone loses nothing. `entries` are the form's fields as the form would send them;
 * `step` is where the person was (the last field they were in). Deleted only once the finished
 * interview is in the outbox (which in turn deletes it only after the server confirmed it).
 */
export type DraftKind = 'interview' | 'finding';

export type Draft = {
	id: string;
	/** Absent in drafts saved before findings had drafts: those are interviews. */
	kind?: DraftKind;
	guide_version: number | null;
	entries: [string, string][];
	step: string | null;
	updated_at: string;
};

export function entriesOf(form: HTMLFormElement): [string, string][] {
	return [...new FormData(form)].flatMap(([name, value]) =>
		typeof value === 'string' ? [[name, value] as [string, string]] : []
	);
}

export const saveDraft = (draft: Draft) => store.put('drafts', draft);

export const deleteDraft = (id: string) => store.remove('drafts', id);

export const kindOf = (draft: Draft): DraftKind => draft.kind ?? 'interview';

/** Newest first; only one kind when asked (an interview page must never pick up a finding). */
export async function drafts(kind?: DraftKind): Promise<Draft[]> {
	const all = await store.all<Draft>('drafts');
	return all
		.filter((draft) => !kind || kindOf(draft) === kind)
		.sort((a, b) => b.updated_at.localeCompare(a.updated_at));
}

/**
 * Put a draft back into the form: every field to its saved value, with the events a person's
 * input would fire, so the page's own state (open texts, the age band) follows.
 */
export function restoreInto(form: HTMLFormElement, entries: [string, string][]): void {
	const byName = new Map<string, string[]>();
	for (const [name, value] of entries) byName.set(name, [...(byName.get(name) ?? []), value]);
	for (const element of form.elements) {
		if (
			!(element instanceof HTMLInputElement) &&
			!(element instanceof HTMLTextAreaElement) &&
			!(element instanceof HTMLSelectElement)
		) {
			continue;
		}
		if (!element.name || element.type === 'hidden' || element.type === 'submit') continue;
		const saved = byName.get(element.name) ?? [];
		if (element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type)) {
			const checked = saved.includes(element.value);
			if (element.checked === checked) continue;
			element.checked = checked;
			element.dispatchEvent(new Event('change', { bubbles: true }));
		} else {
			const value = saved[0] ?? '';
			if (element.value === value) continue;
			element.value = value;
			element.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}
}
