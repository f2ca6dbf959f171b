// Crafted arguments against every api function, as one role at a time, while round A is sealed:
// no sealed text in any result or error, and no error the server would pass on unexplained.
// Each probe takes 5–15 s per backend, so the roles are spread over three files that run side
// by side (attacks-sealed-*.test.ts); one long file came last and kept a core idle.
// (The other attacks are in attacks.test.ts; after opening in attacks-opened.test.ts.)
import { describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { probe } from './attack-probe';
import { createMatrixWorld, type MatrixWorld, type Role } from './matrix/roles';

/**
 * What each role must not see, in the three groups of the three files: interviewers read their
 * own round's text, the presenter round A's. A role is probed only when it is in a group here.
 */
const SEALED_FROM = {
	staff: {
		coordinator: (w) => [w.secret, w.secretB, w.secretX],
		councillor: (w) => [w.secret, w.secretB, w.secretX],
		'other-org coordinator': (w) => [w.secret, w.secretB, w.secretX]
	},
	public: {
		audience: (w) => [w.secret, w.secretB, w.secretX],
		presenter: (w) => [w.secretB, w.secretX]
	},
	field: {
		'other-round interviewer': (w) => [w.secret, w.secretX],
		'other-org interviewer': (w) => [w.secret, w.secretB]
	}
} satisfies Record<string, Partial<Record<Role, (w: MatrixWorld) => string[]>>>;

export function describeSealedProbes(
	group: keyof typeof SEALED_FROM,
	options: { blindCheck?: boolean } = {}
) {
	const sealedFrom: Partial<Record<Role, (w: MatrixWorld) => string[]>> = SEALED_FROM[group];
	const roles = Object.keys(sealedFrom) as Role[];
	describeBackends(`attacks: sealed (${group})`, (backend) => {
		// A probe calls every function with meaningful arguments, so it changes its world (the
		// coordinator's revokes the author, the presenter's opens round A's evening): every probe
		// below gets a world of its own, and no test depends on which ran before it.
		describe('crafted arguments against every api function while round A is sealed', () => {
			if (options.blindCheck) {
				test('the probe can see a leak: the author calling the same functions sees their text', async () => {
					const w = await createMatrixWorld(backend());
					// Only the reading functions: the author's own probe would otherwise withdraw the
					// finding.
					const { problems } = await probe(backend(), w, 'interviewer', [w.secret], (fn) =>
						fn.startsWith('my_')
					);
					expect(problems).toContain('my_findings() shows sealed text');
				});
			}

			test.each(roles)('%s: no sealed text in any result or error', async (role) => {
				const w = await createMatrixWorld(backend());
				const { problems, calls } = await probe(backend(), w, role, sealedFrom[role]!(w));
				expect(problems).toEqual([]);
				expect(calls).toBeGreaterThan(500);
			});
		});
	});
}
