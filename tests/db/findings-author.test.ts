// Promise 1, "unfiltered": nobody but the author can change or withdraw a finding — not a
// colleague, not a presenter, not the organisation, not the public; not through the API and not
// with a direct UPDATE or DELETE. Checked before and after the evening opens.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Claims } from '$lib/server/supabase';
import { describeBackends, type Backend } from './harness';
import { createFinding, createWorld, identities, openEvening, uid, type World } from './fixtures';

type Attempt = (b: Backend, who: Claims, id: string) => Promise<{ refused: boolean }>;

const ATTEMPTS: Record<string, Attempt> = {
	'api.finding_update': async (b, who, id) => {
		const { error } = await b.rpc(who, 'finding_update', {
			p_id: id,
			p_statement: 'Overschreven door iemand anders',
			p_quote: null,
			p_theme: null
		});
		return { refused: error !== null };
	},
	'api.finding_withdraw': async (b, who, id) => {
		const { error } = await b.rpc(who, 'finding_withdraw', { p_id: id });
		return { refused: error !== null };
	},
	'direct UPDATE': async (b, who, id) => {
		const { rows, error } = await b.asRole(
			who,
			`update app.findings set statement = 'Overschreven door iemand anders' where id = $1 returning id`,
			[id]
		);
		return { refused: error !== null || rows.length === 0 };
	},
	'direct DELETE': async (b, who, id) => {
		const { rows, error } = await b.asRole(
			who,
			`delete from app.findings where id = $1 returning id`,
			[id]
		);
		return { refused: error !== null || rows.length === 0 };
	}
};

const OTHERS = [
	'anon',
	'coordinator',
	'councillor',
	'coordinator of another organisation',
	'other interviewer of the round',
	'presenter of the round',
	'interviewer of round B',
	'presenter of round B'
];

/** (who, operation) for everyone who is not the author: all must be refused. */
const TABLE = OTHERS.flatMap((who) => Object.keys(ATTEMPTS).map((op) => [who, op] as const));

async function snapshot(b: Backend, id: string) {
	return b.sql(
		`select statement, quote, theme, withdrawn_at, updated_at from app.findings where id = $1`,
		[id]
	);
}

describeBackends('only the author changes a finding', (backend) => {
	let w: World;
	beforeAll(async () => {
		w = await createWorld(backend());
	});

	for (const phase of ['before the evening opens', 'after the evening opened'] as const) {
		describe(phase, () => {
			beforeAll(async () => {
				if (phase === 'after the evening opened') await openEvening(backend(), w);
			});

			test.each(TABLE)('%s: %s is refused and changes nothing', async (who, op) => {
				const before = await snapshot(backend(), w.findingId);
				const { refused } = await ATTEMPTS[op](backend(), identities(w)[who], w.findingId);
				expect(refused).toBe(true);
				expect(await snapshot(backend(), w.findingId)).toEqual(before);
			});

			test('an outsider gets not_allowed or not_found, never success', async () => {
				const { error } = await backend().rpc(w.colleague.claims, 'finding_withdraw', {
					p_id: w.findingId
				});
				expect(['42501', 'P0002']).toContain(error?.code);
			});
		});
	}

	// Round A's evening is open by now, and its findings are frozen (findings-frozen.test.ts): the
	// author's own rights are shown in round B, still in fieldwork.
	describe('the author', () => {
		test('updates their own finding', async () => {
			const id = await createFinding(backend(), w.roundB, w.interviewerB, uid());
			const { error } = await backend().rpc(w.interviewerB.claims, 'finding_update', {
				p_id: id,
				p_statement: 'Een nieuwe tekst van de schrijver',
				p_quote: 'Letterlijk zo gezegd',
				p_theme: 'Inspraak'
			});
			expect(error).toBeNull();
			const [row] = await backend().sql(
				`select statement, quote, theme from app.findings where id = $1`,
				[id]
			);
			expect(row).toEqual({
				statement: 'Een nieuwe tekst van de schrijver',
				quote: 'Letterlijk zo gezegd',
				theme: 'Inspraak'
			});
		});

		test('withdraws their own finding: text erased, row kept', async () => {
			const id = await createFinding(backend(), w.roundB, w.interviewerB, uid());
			const { error } = await backend().rpc(w.interviewerB.claims, 'finding_withdraw', {
				p_id: id
			});
			expect(error).toBeNull();
			const [row] = await backend().sql<{ statement: string | null; withdrawn: boolean }>(
				`select statement, quote, withdrawn_at is not null as withdrawn from app.findings where id = $1`,
				[id]
			);
			expect(row).toEqual({ statement: null, quote: null, withdrawn: true });
		});

		test('cannot delete their own finding either (withdrawal keeps the count honest)', async () => {
			const { rows, error } = await backend().asRole(
				w.author.claims,
				`delete from app.findings where id = $1 returning id`,
				[w.findingId]
			);
			expect(error?.code ?? (rows.length === 0 ? 'no rows' : 'deleted')).not.toBe('deleted');
			const still = await backend().sql(`select 1 from app.findings where id = $1`, [w.findingId]);
			expect(still).toHaveLength(1);
		});

		test('cannot move their finding to another round with a direct UPDATE', async () => {
			const { error } = await backend().asRole(
				w.author.claims,
				`update app.findings set round_id = $2 where id = $1`,
				[w.findingId, w.roundB.id]
			);
			expect(error?.code).toBe('42501');
		});
	});
});
