import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Files the TypeScript project (.svelte-kit/tsconfig.json) covers get type-aware rules; config
// and script files at the top level do not, so they are linted without type information.
const typed = ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts', 'vite.config.ts'];

export default defineConfig(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'src/lib/paraglide/',
			'node_modules/',
			'.data/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript already reports undefined names, and knows about ambient types that ESLint does not.
			'no-undef': 'off',
			// Findings reach the projector unreviewed: typed text is only ever rendered as text.
			// (Already in svelte's recommended set; stated here so it is never switched off quietly.)
			'svelte/no-at-html-tags': 'error',
			// The app has no `paths.base`, so resolve() would add nothing but noise to every link.
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			]
		}
	},
	{
		files: typed,
		// SvelteKit keeps the service worker out of the app's TypeScript project (it runs with the
		// webworker lib, not the DOM), so it is linted without type information.
		ignores: ['src/service-worker.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// A promise nobody awaits is a write that may silently fail (an interview lost).
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': [
				'error',
				{ checksVoidReturn: { attributes: false } }
			]
		}
	}
);
