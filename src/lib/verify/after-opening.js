// What changed in a round's chain after its evening opened. Findings freeze at opening (issue 8):
// from then on the database accepts only withdrawals (an author's, or a withdrawal of consent for
// an interview, which withdraws its findings). The check page names each such line: which
// finding, when, and how; anything else after opening (a finding added or changed) is named too,
// as something that should not be there.

/**
 * @typedef {{ seq: number, kind: string, subject_id: string, at: string }} Entry
 * @typedef {{ id: string, theme: string | null }} Finding
 * @typedef {{ seq: number, kind: string, at: string, findingNo: number | null, theme: string | null, expected: boolean }} Change
 */

/** Kinds the database allows after opening. */
export const ALLOWED_AFTER_OPENING = new Set(['finding_withdrawn', 'interview_withdrawn']);

/**
 * @param {{ entries: Entry[], findings: Finding[], opened_seq?: number | null }} data
 * @returns {Change[] | null} null when the opening point is unknown
 */
export function changesAfterOpening(data) {
	if (data.opened_seq === null || data.opened_seq === undefined) return null;
	const opened = data.opened_seq;
	/** Findings by id, numbered in the order of the published list (1, 2, 3…). */
	const numbers = new Map(data.findings.map((f, i) => [f.id, { no: i + 1, theme: f.theme }]));
	return data.entries
		.filter((entry) => entry.seq > opened)
		.map((entry) => {
			const finding = numbers.get(entry.subject_id);
			return {
				seq: entry.seq,
				kind: entry.kind,
				at: entry.at,
				findingNo: finding?.no ?? null,
				theme: finding?.theme ?? null,
				expected: ALLOWED_AFTER_OPENING.has(entry.kind)
			};
		});
}
