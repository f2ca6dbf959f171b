import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.config.js';

// E2E runs against a production build on a fresh embedded database, so every run starts from the
// seeded demo and the first-start setup link, exactly as a new installation would.
// E2E_PORT lets two checkouts run their e2e suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
export const E2E_DATA_DIR = `.data/e2e-${port}`;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
	},
	webServer: {
		command: `rm -rf ${E2E_DATA_DIR} && npm run build && node scripts/server.js`,
		url: `http://localhost:${port}/`,
		timeout: 180_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			KLANKBORD_DATA_DIR: E2E_DATA_DIR
		}
	}
});
