import { m } from '$lib/paraglide/messages';
import { isolate } from '$lib/bidi.js';
import type { Problem } from '$lib/verify/chain.js';

/**
 * One problem of verifyChain in words a parent understands (B1): which finding, by the start of
 * its text, or which line of the log. The library's own `detail` is for the command line.
 */
export function problemText(problem: Problem): string {
	// The finding's text as its author typed it, isolated so it cannot reorder our sentence.
	const statement = problem.statement ? isolate(problem.statement) : m.verify_problem_no_text();
	const seq = problem.seq ?? 0;
	switch (problem.code) {
		case 'finding_changed':
			return m.verify_problem_finding_changed({ statement });
		case 'finding_unrecorded':
			return m.verify_problem_finding_unrecorded({ statement });
		case 'finding_withdrawn_in_chain':
			return m.verify_problem_finding_withdrawn_in_chain({ statement });
		case 'finding_hidden':
			return m.verify_problem_finding_hidden();
		case 'finding_erased_early':
			return m.verify_problem_finding_erased_early();
		case 'finding_missing':
			return m.verify_problem_finding_missing();
		case 'seq_missing':
			return m.verify_problem_seq_missing({ seq });
		case 'seq_duplicate':
			return m.verify_problem_seq_duplicate({ seq });
		case 'seq_order':
			return m.verify_problem_seq_order({ seq });
		case 'link_broken':
			return m.verify_problem_link_broken({ seq });
		case 'entry_changed':
			return m.verify_problem_entry_changed({ seq });
		case 'fingerprint_mismatch':
			if (problem.where === 'shown') {
				return m.verify_problem_shown_mismatch({
					found: problem.found || m.verify_no_fingerprint()
				});
			}
			return m.verify_problem_fingerprint_mismatch({
				found: problem.found || m.verify_no_fingerprint(),
				expected: problem.expected || m.verify_no_fingerprint()
			});
		default:
			return m.verify_problem_malformed();
	}
}
