// JSON.parse keeps the last of two equal keys without a word, so a message file with a key twice
// loses a text silently (it happened: a later key replaced an earlier text). This scans the raw
// text of a flat message file for its top-level keys, with their line numbers.
import { readFileSync } from 'node:fs';

/**
 * The top-level keys of a JSON object text, in order, each with the line it starts on (1-based).
 * Nested objects and arrays are skipped; strings are decoded, so "a\u0062" and "ab" are one key.
 * @param {string} text
 * @returns {{ key: string, line: number }[]}
 */
export function topLevelKeys(text) {
	const keys = [];
	let depth = 0;
	let line = 1;
	let expectKey = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '\n') line++;
		else if (ch === '{' || ch === '[') {
			depth++;
			expectKey = depth === 1 && ch === '{';
		} else if (ch === '}' || ch === ']') depth--;
		else if (ch === ',' && depth === 1) expectKey = true;
		else if (ch === '"') {
			const start = i;
			const startLine = line;
			for (i++; i < text.length && text[i] !== '"'; i++) {
				if (text[i] === '\\') i++;
				else if (text[i] === '\n') line++;
			}
			if (depth === 1 && expectKey) {
				keys.push({ key: JSON.parse(text.slice(start, i + 1)), line: startLine });
				expectKey = false;
			}
		}
	}
	return keys;
}

/**
 * Every key that occurs more than once, with the lines of its first and of its repeated use.
 * @param {string} text
 */
export function duplicateKeys(text) {
	const seen = new Map();
	const duplicates = [];
	for (const { key, line } of topLevelKeys(text)) {
		if (seen.has(key)) duplicates.push({ key, first: seen.get(key), again: line });
		else seen.set(key, line);
	}
	return duplicates;
}

/**
 * One sentence per duplicate in the given files, empty when there are none.
 * @param {string[]} files
 */
export function duplicateKeyProblems(files) {
	return files.flatMap((file) =>
		duplicateKeys(readFileSync(file, 'utf8')).map(
			({ key, first, again }) =>
				`${file}: the key "${key}" is there twice (line ${first} and line ${again}); ` +
				'only the last text would be kept. Keep one.'
		)
	);
}

/**
 * Keys used in more than one of one language's files (all files are merged into one catalogue, so
 * there too one text would replace the other). `$schema` is in every file on purpose.
 * @param {string[]} files the files of one language
 */
export function keysInTwoFiles(files) {
	const owner = new Map();
	const problems = [];
	for (const file of files) {
		for (const { key, line } of topLevelKeys(readFileSync(file, 'utf8'))) {
			if (key === '$schema') continue;
			const earlier = owner.get(key);
			if (earlier && earlier.file !== file) {
				problems.push(
					`the key "${key}" is in ${earlier.file} (line ${earlier.line}) and in ${file} ` +
						`(line ${line}); only one text would be kept. Rename one.`
				);
			} else if (!earlier) owner.set(key, { file, line });
		}
	}
	return problems;
}
