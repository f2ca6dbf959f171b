import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumArgs, chromiumPath } from './chromium.config.js';
import { i18n } from './i18n.config.js';

export default defineConfig({
	plugins: [paraglideVitePlugin({ ...i18n, strategy: [...i18n.strategy] }), sveltekit()],
	server: { port: 5173 },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts', 'src/**/*.spec.ts'],
					exclude: ['src/**/*.svelte.spec.ts']
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'db',
					environment: 'node',
					include: ['tests/db/**/*.test.ts'],
					// Migrate + seed once per run; each file then clones (tests/db/harness.ts), so
					// two files at a time never share a database (PGlite in the worker; Postgres: a
					// database and a PostgREST of their own). Two: the machines have two cores.
					globalSetup: ['tests/db/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: true,
					maxWorkers: 2,
					// vitest runs projects with their own worker counts in groups of their own.
					sequence: { groupOrder: 1 }
				}
			},
			{
				// Components with logic, rendered in Debian's Chromium (the one the e2e tests use,
				// started with the same flags), beside the component: Name.svelte.spec.ts.
				extends: './vite.config.ts',
				test: {
					name: 'components',
					include: ['src/**/*.svelte.spec.ts'],
					browser: {
						enabled: true,
						headless: true,
						// A failure is told in words; no screenshots written into src/.
						screenshotFailures: false,
						provider: playwright({
							launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
						}),
						instances: [{ browser: 'chromium' }]
					}
				}
			}
		]
	}
});
