import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { messageFor } from '$lib/server/api/errors';

// The reason codes as the contract lists them, read from the contract itself, so a code added
// to API.md without a message makes this test fail.
const api = readFileSync('supabase/API.md', 'utf8');
const paragraph = api.slice(api.indexOf('Reason codes:')).split('\n\n')[0];
// Parenthesised notes ("joining a round not in `veldwerk`") name states, not reason codes.
const reasons = [...paragraph.replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map(
	(match) => match[1]
);

describe('reason code messages', () => {
	test('the contract lists the codes', () => {
		expect(reasons).toContain('join_code_unknown');
		expect(reasons.length).toBeGreaterThanOrEqual(14);
	});

	const generic = {
		nl: messageFor('no_such_reason', undefined, { locale: 'nl' }),
		en: messageFor('no_such_reason', undefined, { locale: 'en' })
	};

	test.each(reasons)('%s has its own Dutch and English sentence', (reason) => {
		const nl = messageFor(reason, undefined, { locale: 'nl' });
		const en = messageFor(reason, undefined, { locale: 'en' });
		expect(nl).not.toBe(generic.nl);
		expect(en).not.toBe(generic.en);
		expect(nl).not.toBe(en);
		expect(nl).toMatch(/^[A-Z].*\.$/);
		expect(en).toMatch(/^[A-Z].*\.$/);
		expect(nl).not.toContain(reason);
	});

	test('unknown codes never echo raw database text', () => {
		expect(
			messageFor('duplicate key value violates unique constraint', undefined, { locale: 'nl' })
		).toBe(
			'Er ging iets mis aan onze kant. Uw gegevens zijn veilig. Probeer het over een paar minuten opnieuw.'
		);
	});

	test('invalid_input names the field in words people use', () => {
		expect(messageFor('invalid_input', 'display_name', { locale: 'nl' })).toBe(
			'Kijk ‘naam’ na. Het is leeg, te lang of niet goed ingevuld.'
		);
		expect(messageFor('invalid_input', 'display_name', { locale: 'en' })).toBe(
			'Please check ‘name’. It is empty, too long or not filled in correctly.'
		);
		expect(messageFor('invalid_input', 'p_secret_column', { locale: 'nl' })).toBe(
			messageFor('invalid_input', undefined, { locale: 'nl' })
		);
	});

	test('without a locale the request language (Dutch by default) is used', () => {
		expect(messageFor('login_failed')).toBe(
			messageFor('login_failed', undefined, { locale: 'nl' })
		);
	});
});
