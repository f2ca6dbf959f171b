import { describe, expect, test } from 'vitest';
import { atom, xmlEscape } from '$lib/after/atom';

const feed = {
	id: 'urn:klankbord:round:JONG27:responses',
	title: 'Antwoorden op ‘Jongeren & zorg’',
	self: 'https://example.org/avond/JONG27/antwoorden.xml',
	alternate: 'https://example.org/verifieer/JONG27',
	updated: '2027-03-01T10:00:00Z',
	entries: [
		{
			id: 'urn:uuid:1',
			title: 'Afgerond: <script>alert(1)</script>',
			link: 'https://example.org/bevinding/1?a=1&b=2',
			updated: '2027-03-01T10:00:00Z',
			content: 'Eén "vaste" hulpverlener & meer'
		}
	]
};

describe('the Atom feed of a round’s responses', () => {
	test('typed text is escaped in text and attributes', () => {
		const xml = atom(feed);
		expect(xml).not.toContain('<script>');
		expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(xml).toContain('href="https://example.org/bevinding/1?a=1&amp;b=2"');
		expect(xml).toContain('Eén &quot;vaste&quot; hulpverlener &amp; meer');
		expect(xmlEscape(`'`)).toBe('&apos;');
	});

	test('it is an Atom document with one entry per response', () => {
		const xml = atom(feed);
		expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
		expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
		expect(xml.match(/<entry>/g)).toHaveLength(1);
		expect(atom({ ...feed, entries: [] }).match(/<entry>/g)).toBeNull();
	});
});
