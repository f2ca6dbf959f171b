// Debian's Chromium, as the e2e tests (playwright.config.ts), the component tests (vite.config.ts,
// project "components") and `npm test` (scripts/test.js, which says so when it is missing) use it:
// one path, one set of flags. CHROMIUM_PATH points elsewhere.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
