// The check page names what changed after the evening opened: which finding, when, and whether
// it is a withdrawal (allowed) or something that should not be there.
import { expect, test } from 'vitest';
import { changesAfterOpening } from '$lib/verify/after-opening.js';

const entry = (seq: number, kind: string, subject_id: string) => ({
	seq,
	kind,
	subject_id,
	at: `2027-03-01T19:0${seq}:00.000000Z`
});
const findings = [
	{ id: 'f1', theme: 'Wachttijd' },
	{ id: 'f2', theme: null }
];

test('only the lines after the opening, each with its finding number, theme and time', () => {
	const entries = [
		entry(1, 'finding_submitted', 'f1'),
		entry(2, 'finding_submitted', 'f2'),
		entry(3, 'finding_withdrawn', 'f2'),
		entry(4, 'finding_corrected', 'f1')
	];
	expect(changesAfterOpening({ entries, findings, opened_seq: 2 })).toEqual([
		{
			seq: 3,
			kind: 'finding_withdrawn',
			at: '2027-03-01T19:03:00.000000Z',
			findingNo: 2,
			theme: null,
			expected: true
		},
		{
			seq: 4,
			kind: 'finding_corrected',
			at: '2027-03-01T19:04:00.000000Z',
			findingNo: 1,
			theme: 'Wachttijd',
			expected: false
		}
	]);
});

test('nothing after the opening is an empty list; an unknown opening is null', () => {
	const entries = [entry(1, 'finding_submitted', 'f1')];
	expect(changesAfterOpening({ entries, findings, opened_seq: 1 })).toEqual([]);
	expect(changesAfterOpening({ entries, findings, opened_seq: null })).toBeNull();
	expect(changesAfterOpening({ entries, findings })).toBeNull();
});
