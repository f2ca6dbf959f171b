// Crafted arguments against every api function after round A's evening opened: round A's text
// is public now, the other rounds' and organisations' text still is not.
import { describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { probe } from './attack-probe';
import { createMatrixWorld, type Role } from './matrix/roles';

describeBackends('attacks: opened', (backend) => {
	// A probe calls every function with meaningful arguments, so it changes its world (the
	// coordinator's revokes the author, the presenter's opens round A's evening): every probe
	// below gets a world of its own, and no test depends on which ran before it.
	describe('after round A opened, the other rounds stay sealed', () => {
		const openedWorld = async () => {
			const w = await createMatrixWorld(backend());
			const { error } = await backend().rpc(w.presenter.claims, 'evening_open', {
				p_round_id: w.roundA.id
			});
			expect(error).toBeNull();
			return w;
		};

		test.each<Role>(['audience', 'coordinator', 'other-org coordinator'])(
			'%s: no text of round B or of the other organisation',
			async (role) => {
				const w = await openedWorld();
				const { problems } = await probe(backend(), w, role, [w.secretB, w.secretX]);
				expect(problems).toEqual([]);
			}
		);

		test("round A's text is now public (so the probe above is not blind)", async () => {
			const w = await openedWorld();
			const { problems } = await probe(backend(), w, 'audience', [w.secret]);
			expect(problems).toContain('evening_findings() shows sealed text');
			expect(problems).toContain(
				'evening_findings(p_evening_code = the evening code) shows sealed text'
			);
		});
	});
});
