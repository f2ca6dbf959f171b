// Crafted arguments against every api function, as every role, while round A is sealed: no
// sealed text in any result or error, and no error the server would pass on unexplained.
// (The other attacks are in attacks.test.ts; after opening in attacks-opened.test.ts.)
import { describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { probe } from './attack-probe';
import { createMatrixWorld, type MatrixWorld, type Role } from './matrix/roles';

describeBackends('attacks: sealed', (backend) => {
	// A probe calls every function with meaningful arguments, so it changes its world (the
	// coordinator's revokes the author, the presenter's opens round A's evening): every probe
	// below gets a world of its own, and no test depends on which ran before it.
	describe('crafted arguments against every api function while round A is sealed', () => {
		test('the probe can see a leak: the author calling the same functions sees their text', async () => {
			const w = await createMatrixWorld(backend());
			// Only the reading functions: the author's own probe would otherwise withdraw the finding.
			const { problems } = await probe(backend(), w, 'interviewer', [w.secret], (fn) =>
				fn.startsWith('my_')
			);
			expect(problems).toContain('my_findings() shows sealed text');
		});

		// Interviewers legitimately read their own round's text; the presenter reads round A's.
		test.each<[Role, (w: MatrixWorld) => string[]]>([
			['audience', (w) => [w.secret, w.secretB, w.secretX]],
			['coordinator', (w) => [w.secret, w.secretB, w.secretX]],
			['councillor', (w) => [w.secret, w.secretB, w.secretX]],
			['other-org coordinator', (w) => [w.secret, w.secretB, w.secretX]],
			['other-round interviewer', (w) => [w.secret, w.secretX]],
			['other-org interviewer', (w) => [w.secret, w.secretB]],
			['presenter', (w) => [w.secretB, w.secretX]]
		])('%s: no sealed text in any result or error', async (role, secrets) => {
			const w = await createMatrixWorld(backend());
			const { problems, calls } = await probe(backend(), w, role, secrets(w));
			expect(problems).toEqual([]);
			expect(calls).toBeGreaterThan(500);
		});
	});
});
