import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './chromium.config.js';

// E2E runs against a production build on a fresh embedded database, so every run starts from the
// seeded demo and the first-start setup link, exactly as a new installation would.
// E2E_PORT lets two checkouts run their e2e suites side by side.
const port = Number(process.env.E2E_PORT ?? 4173);
export const E2E_DATA_DIR = `.data/e2e-${port}`;
// A second server on its own fresh database, from the same build, for files that need the demo
// as a new installation has it: journey.test.ts spends the setup link on a new organisation and
// withdraws its only finding, so the team learning loop would have no card, and the responses
// file needs interviewers of a published round (it publishes the demo's PLEE27). The files that
// only use the demo's rounds as seeded (the field: offline, steps; the evening: reactions, verify,
// wall) run there too, so the two servers' files run side by side, one file at a time on each
// (CI has two cores) and neither waits for the long journey. correct.test.ts makes a round of its
// own with the coordinator (signing in first would spend the shared server's setup link before
// journey.test.ts can).
export const ALONE_PORT = port + 1;
export const ALONE_DATA_DIR = `.data/e2e-${ALONE_PORT}`;
const ALONE = /(correct|offline|reactions|responses|steps|teams|verify|wall)\.test\.ts$/;

const server = (
	serverPort: number,
	dataDir: string,
	command: string,
	extra: Record<string, string> = {}
) => ({
	command,
	url: `http://localhost:${serverPort}/`,
	timeout: 180_000,
	reuseExistingServer: false,
	stdout: 'pipe' as const,
	env: {
		PORT: String(serverPort),
		ORIGIN: `http://localhost:${serverPort}`,
		KLANKBORD_DATA_DIR: dataDir,
		...extra
	}
});

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 2,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
	},
	projects: [
		// Each server's files share its database: one file at a time per server.
		{ name: 'e2e', testIgnore: ALONE, workers: 1 },
		{
			name: 'alone',
			testMatch: ALONE,
			workers: 1,
			use: { baseURL: `http://localhost:${ALONE_PORT}` }
		}
	],
	// Started in order: the second server waits for the first, which builds.
	webServer: [
		server(port, E2E_DATA_DIR, `rm -rf ${E2E_DATA_DIR} && npm run build && node scripts/server.js`),
		// E-mail notices on, aimed at a "mail server" that never answers like one (this server's
		// own HTTP port): responses.test.ts shows that answering never waits for the mail.
		server(ALONE_PORT, ALONE_DATA_DIR, `rm -rf ${ALONE_DATA_DIR} && node scripts/server.js`, {
			KLANKBORD_SMTP_URL: `smtp://127.0.0.1:${ALONE_PORT}`,
			KLANKBORD_MAIL_FROM: 'Klankbord <klankbord@voorbeeld.example>'
		})
	]
});
