// Compiles the messages so `svelte-check` can type-check `$lib/paraglide` without a Vite build.
// First it refuses a message file with a key twice: the compiler would keep the last text silently.
import { readFileSync } from 'node:fs';
import { compile } from '@inlang/paraglide-js';
import { i18n } from '../i18n.config.js';
import { duplicateKeyProblems, keysInTwoFiles } from './lib/message-keys.js';

const settings = JSON.parse(readFileSync(`${i18n.project}/settings.json`, 'utf8'));
/** @type {string[]} */
const patterns = settings['plugin.inlang.messageFormat'].pathPattern;
/** @type {string[]} */
const locales = settings.locales;
const problems = locales.flatMap((locale) => {
	const files = patterns.map((pattern) => pattern.replace('{locale}', locale));
	return [...duplicateKeyProblems(files), ...keysInTwoFiles(files)];
});
if (problems.length > 0) {
	for (const problem of problems) console.error(problem);
	process.exit(1);
}

await compile({ ...i18n, strategy: [...i18n.strategy] });
