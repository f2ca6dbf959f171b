// Promise 4 against the public chain: an interview's published hash cannot be matched by trying
// the few possible profiles, because a secret salt is inside it — and that salt is erased when
// consent is withdrawn, so a withdrawn profile cannot be recovered from its hash either.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createWorld, openEvening, ANON, type World } from './fixtures';
import { enc, interviewHash, sha256hex } from './chain';

describeBackends('interview hashes carry a secret salt', (backend) => {
	let w: World;
	// Submitted through the api, as the app does (one transaction: the hash covers the answers).
	const interviewId = randomUUID();
	beforeAll(async () => {
		w = await createWorld(backend());
		const { error } = await backend().rpc(w.colleague.claims, 'interview_submit', {
			p_id: interviewId,
			p_consent_form: 'schriftelijk',
			p_guardian_consent: false,
			p_interviewee_group: 'ouder',
			p_age_band: '24_plus',
			p_municipality_id: w.roundA.municipalityIds[0],
			p_answers: [{ question_id: w.roundA.questions.scale, scale: 2 }]
		});
		expect(error).toBeNull();
	});

	const salt = async () =>
		(
			await backend().sql<{ hash_salt: string | null }>(
				`select hash_salt from app.interviews where id = $1`,
				[interviewId]
			)
		)[0].hash_salt;
	const published = async () => {
		const { data, error } = await backend().rpc(ANON, 'round_verification', {
			p_evening_code: w.roundA.eveningCode
		});
		expect(error).toBeNull();
		return data as { entries: { subject_id: string; content_hash: string }[] };
	};

	test('the published hash is the salted one, and the unsalted guess does not match', async () => {
		expect(await salt()).toMatch(/^[0-9a-f]{32}$/);
		await openEvening(backend(), w);
		const data = await published();
		const entry = data.entries.find((e) => e.subject_id === interviewId)!;
		expect(entry.content_hash).toBe(await interviewHash(backend(), interviewId));
		// What an attacker can compute from everything except the salt.
		const [row] = await backend().sql<Record<string, string>>(
			`select consent_form, interviewee_group, age_band, municipality_id::text as municipality_id,
				app.interview_answers_text(id) as answers_text from app.interviews where id = $1`,
			[interviewId]
		);
		const guess = sha256hex(
			enc([
				'interview',
				interviewId,
				row.consent_form,
				row.interviewee_group,
				row.age_band,
				row.municipality_id,
				row.answers_text
			])
		);
		expect(entry.content_hash).not.toBe(guess);
		expect(JSON.stringify(data)).not.toContain((await salt())!);
	});

	test('withdrawing consent erases the salt; the chain keeps the hash', async () => {
		const before = (await published()).entries.find((e) => e.subject_id === interviewId)!;
		const { error } = await backend().rpc(w.colleague.claims, 'interview_withdraw', {
			p_interview_id: interviewId
		});
		expect(error).toBeNull();
		expect(await salt()).toBeNull();
		const withdrawn = (await published()).entries.filter((e) => e.subject_id === interviewId);
		expect(withdrawn.map((e) => e.content_hash)).toEqual([
			before.content_hash,
			before.content_hash
		]);
	});
});
