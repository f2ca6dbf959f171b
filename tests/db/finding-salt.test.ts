// Issue 8, item 8: a finding withdrawn before the evening cannot be confirmed by guessing its
// words. Its chain entries stay public, so without a secret in the hash anyone could try a
// candidate text against them. Each finding's hash carries its own salt, published only with the
// published finding and erased with the text on withdrawal.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { verifyChain } from '$lib/verify/index.js';
import { describeBackends } from './harness';
import { ANON, createWorld, openEvening, type World } from './fixtures';
import { chainProblems, findingHash, findingSalt, type Entry } from './chain';

type Published = {
	fingerprint: string | null;
	entries: Entry[];
	findings: {
		id: string;
		statement: string | null;
		quote: string | null;
		theme: string | null;
		salt?: string | null;
		state: string;
	}[];
};

describeBackends('finding hashes carry a secret salt', (backend) => {
	let w: World;
	const kept = { id: randomUUID(), statement: 'De wachtlijst was veel te lang.', quote: null };
	const withdrawn = {
		id: randomUUID(),
		statement: 'Mijn buurvrouw op de Dorpsstraat had hetzelfde.',
		quote: 'Ik voelde me niet gehoord.'
	};
	let withdrawnSalt: string | null;

	beforeAll(async () => {
		w = await createWorld(backend());
		for (const f of [kept, withdrawn]) {
			const { error } = await backend().rpc(w.author.claims, 'finding_create', {
				p_id: f.id,
				p_statement: f.statement,
				p_quote: f.quote,
				p_theme: 'Wachttijd',
				p_interview_id: null
			});
			expect(error).toBeNull();
		}
		withdrawnSalt = await findingSalt(backend(), withdrawn.id);
		const { error } = await backend().rpc(w.author.claims, 'finding_withdraw', {
			p_id: withdrawn.id
		});
		expect(error).toBeNull();
		await openEvening(backend(), w);
	});

	const published = async (): Promise<Published> => {
		const { data, error } = await backend().rpc(ANON, 'round_verification', {
			p_evening_code: w.roundA.eveningCode
		});
		expect(error).toBeNull();
		return data as Published;
	};

	test('every new finding gets its own random salt, which the author cannot choose', async () => {
		const salt = await findingSalt(backend(), kept.id);
		expect(salt).toMatch(/^[0-9a-f]{32}$/);
		expect(withdrawnSalt).toMatch(/^[0-9a-f]{32}$/);
		expect(withdrawnSalt).not.toBe(salt);
		// Interviewers may insert only the listed columns: hash_salt is not one of them.
		const [grant] = await backend().sql<{ ok: boolean }>(
			`select has_column_privilege('authenticated', 'app.findings', 'hash_salt', 'insert') as ok`
		);
		expect(grant.ok).toBe(false);
	});

	test('a published finding comes with its salt, and its hash needs it', async () => {
		const data = await published();
		const finding = data.findings.find((f) => f.id === kept.id)!;
		expect(finding.salt).toBe(await findingSalt(backend(), kept.id));
		const entry = data.entries.find((e) => e.subject_id === kept.id)!;
		expect(entry.content_hash).toBe(findingHash({ ...finding }));
		expect(entry.content_hash).not.toBe(findingHash({ ...finding, salt: null }));
		expect(chainProblems(w.roundA.id, data.entries, data.fingerprint, data.findings)).toEqual([]);
		expect((await verifyChain(data)).ok).toBe(true);
	});

	test('a withdrawn finding: the salt is gone, so the exact words cannot be confirmed', async () => {
		expect(await findingSalt(backend(), withdrawn.id)).toBeNull();
		const data = await published();
		const finding = data.findings.find((f) => f.id === withdrawn.id)!;
		expect(finding).toMatchObject({ state: 'withdrawn', statement: null, salt: null });
		const hashes = data.entries
			.filter((e) => e.subject_id === withdrawn.id)
			.map((e) => e.content_hash);
		expect(hashes).toHaveLength(2);
		// The attacker's best guess: the right words, theme and id, with every salt they can see.
		const guess = { ...withdrawn, theme: 'Wachttijd' };
		for (const salt of [null, ...data.findings.map((f) => f.salt ?? null)]) {
			expect(hashes).not.toContain(findingHash({ ...guess, salt }));
		}
		// Only the salt that was erased would confirm it: the test's own proof that the guess is right.
		expect(hashes[0]).toBe(findingHash({ ...guess, salt: withdrawnSalt }));
		expect(JSON.stringify(data)).not.toContain(withdrawnSalt!);
	});

	test('changing a published salt is caught by the verifier', async () => {
		const data = await published();
		const forged = {
			...data,
			findings: data.findings.map((f) => (f.id === kept.id ? { ...f, salt: '0'.repeat(32) } : f))
		};
		const verdict = await verifyChain(forged);
		expect(verdict.ok).toBe(false);
		expect(verdict.problems[0]).toMatchObject({ code: 'finding_changed', findingId: kept.id });
	});
});
