// scripts/i18n.js refuses a message file with a key twice: JSON.parse (and the compiler) would keep
// the last text without a word, as happened once with after_notices_link.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	duplicateKeyProblems,
	duplicateKeys,
	keysInTwoFiles,
	topLevelKeys
} from '../../scripts/lib/message-keys.js';

const file = (name: string, text: string) => {
	const path = join(mkdtempSync(join(tmpdir(), 'keys-')), name);
	writeFileSync(path, text);
	return path;
};

describe('message keys', () => {
	test('top-level keys with their lines; strings, escapes and nesting do not fool it', () => {
		const text = [
			'{',
			'\t"$schema": "https://inlang.com/schema/inlang-message-format",',
			'\t"a": "een \\"b\\": twee, {x}",',
			'\t"nested": { "a": "not top level" },',
			'\t"list": ["a", "b"],',
			'\t"c": "drie"',
			'}'
		].join('\n');
		expect(topLevelKeys(text)).toEqual([
			{ key: '$schema', line: 2 },
			{ key: 'a', line: 3 },
			{ key: 'nested', line: 4 },
			{ key: 'list', line: 5 },
			{ key: 'c', line: 6 }
		]);
		expect(duplicateKeys(text)).toEqual([]);
	});

	test('a key twice is found with both lines, also when spelt with an escape', () => {
		const text = '{\n\t"a": "eerste",\n\t"b": "x",\n\t"\\u0061": "tweede"\n}\n';
		expect(duplicateKeys(text)).toEqual([{ key: 'a', first: 2, again: 4 }]);
		const path = file('nl.json', text);
		expect(duplicateKeyProblems([path])).toEqual([
			`${path}: the key "a" is there twice (line 2 and line 4); only the last text would be kept. Keep one.`
		]);
	});

	test('a key in two files of one language is found; $schema is not', () => {
		const one = file('nl.json', '{\n\t"$schema": "s",\n\t"a": "x"\n}');
		const two = file('nl.json', '{\n\t"$schema": "s",\n\t"b": "y",\n\t"a": "z"\n}');
		expect(keysInTwoFiles([one, two])).toEqual([
			`the key "a" is in ${one} (line 3) and in ${two} (line 4); only one text would be kept. Rename one.`
		]);
	});

	test('the repository’s own message files pass', () => {
		const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8'));
		const patterns: string[] = settings['plugin.inlang.messageFormat'].pathPattern;
		for (const locale of ['nl', 'en']) {
			const files = patterns.map((p) => p.replace('{locale}', locale));
			expect(files.length).toBeGreaterThan(5);
			expect([...duplicateKeyProblems(files), ...keysInTwoFiles(files)]).toEqual([]);
		}
	});
});
