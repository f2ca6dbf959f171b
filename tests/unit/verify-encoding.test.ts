// The canonical encoding and hashes against vectors computed here with node:crypto, so the
// browser/Node verifier and the database (which follow the same CHAIN.md) cannot drift apart.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encode, entryHash, findingHash, fingerprintOf, sha256hex } from '$lib/verify/index.js';

const nodeSha = (text: string) =>
	createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

describe('encode', () => {
	it('writes null as ~ and text as its UTF-8 byte length, a colon and the text', () => {
		expect(encode(['finding', null, ''])).toBe('7:finding\n~\n0:\n');
	});

	it('counts bytes, not characters: é is 2, an emoji 4, a newline 1', () => {
		expect(encode(['é'])).toBe('2:é\n');
		expect(encode(['🙏'])).toBe('4:🙏\n');
		expect(encode(['a\nb'])).toBe('3:a\nb\n');
		expect(encode(['Café 🙏\nnieuw'])).toBe(
			`${Buffer.byteLength('Café 🙏\nnieuw')}:Café 🙏\nnieuw\n`
		);
		expect(Buffer.byteLength('Café 🙏\nnieuw')).toBe(16);
	});

	it('writes numbers as decimal text', () => {
		expect(encode([7, 120])).toBe('1:7\n3:120\n');
	});

	it('keeps null and the empty string apart, and field borders unambiguous', () => {
		expect(encode([null])).not.toBe(encode(['']));
		expect(encode(['a', 'b'])).not.toBe(encode(['a\n1:b']));
		expect(encode(['ab', null])).not.toBe(encode(['a', 'b']));
	});
});

describe('sha256hex', () => {
	it.each([
		['empty', ''],
		['ascii', 'abc'],
		['accents', 'één café, naïef'],
		['emoji and newlines', 'regel 1\nregel 2 🙏\r\n'],
		['an encoded finding', '7:finding\n~\n0:\n']
	])('matches node:crypto for %s', async (_name, text) => {
		expect(await sha256hex(text)).toBe(nodeSha(text));
	});

	it('gives the published SHA-256 of "abc"', async () => {
		expect(await sha256hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});
});

describe('findingHash and entryHash', () => {
	const finding = {
		id: '10000000-0000-4000-8000-000000000201',
		statement: 'Hulpverleners praten vaak meer met ouders dan met de jongere zelf.\nÉcht waar 😕',
		quote: null,
		theme: ''
	};

	it('hashes a finding as enc([finding, id, statement, quote, theme])', async () => {
		const expected = nodeSha(
			`7:finding\n36:${finding.id}\n${Buffer.byteLength(finding.statement)}:${finding.statement}\n~\n0:\n`
		);
		expect(await findingHash(finding)).toBe(expected);
	});

	it('puts the salt after the id when the finding has one (CHAIN.md)', async () => {
		const salt = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
		const expected = nodeSha(
			`7:finding\n36:${finding.id}\n32:${salt}\n${Buffer.byteLength(finding.statement)}:${finding.statement}\n~\n0:\n`
		);
		expect(await findingHash({ ...finding, salt })).toBe(expected);
		expect(await findingHash({ ...finding, salt: null })).toBe(await findingHash(finding));
	});

	it('tells a null quote from an empty one', async () => {
		expect(await findingHash({ ...finding, quote: '' })).not.toBe(await findingHash(finding));
	});

	it('hashes an entry with its round id and seq as text', async () => {
		const entry = {
			seq: 12,
			kind: 'finding_submitted',
			subject_id: finding.id,
			content_hash: 'a'.repeat(64),
			prev_hash: '0'.repeat(64),
			at: '2027-03-05T19:30:00.123456Z'
		};
		const roundId = '0c000000-0000-4000-8000-000000000002';
		const text = [
			roundId,
			'12',
			entry.kind,
			entry.subject_id,
			entry.content_hash,
			entry.prev_hash,
			entry.at
		]
			.map((v) => `${Buffer.byteLength(v)}:${v}\n`)
			.join('');
		expect(await entryHash(entry, roundId)).toBe(nodeSha(text));
		expect(await entryHash(entry, '0c000000-0000-4000-8000-000000000001')).not.toBe(nodeSha(text));
	});
});

describe('fingerprintOf', () => {
	it('takes 16 hex characters, upper case, in four groups of four', () => {
		expect(fingerprintOf('3f9a0c1b77d2e4a8' + 'f'.repeat(48))).toBe('3F9A-0C1B-77D2-E4A8');
	});

	it('is null without a head', () => {
		expect(fingerprintOf(null)).toBeNull();
		expect(fingerprintOf(undefined)).toBeNull();
	});
});
