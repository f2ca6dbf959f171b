// Headers on everything (issue 8, item 9): the production server (scripts/server.js in front of
// adapter-node) sends the security headers on pages and on what adapter-node serves itself,
// the hashed bundles under /_app/immutable/ and the files of static/, which skip the hooks.
import { expect, test } from '@playwright/test';

const EXPECTED = {
	'x-content-type-options': 'nosniff',
	'strict-transport-security': 'max-age=31536000; includeSubDomains',
	'referrer-policy': 'strict-origin-when-cross-origin'
};

test('pages, immutable bundles and static files all carry the security headers', async ({
	request
}) => {
	const page = await request.get('/');
	expect(page.status()).toBe(200);
	const html = await page.text();
	const bundles = [...new Set(html.match(/\/_app\/immutable\/[^"'\s)]+\.(?:js|css)/g) ?? [])];
	expect(bundles.length).toBeGreaterThan(0);

	const responses = [page];
	for (const path of [...bundles.slice(0, 3), '/favicon.svg']) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		responses.push(response);
	}
	for (const response of responses) {
		expect(response.headers(), response.url()).toMatchObject(EXPECTED);
	}
	// A bundle is still cached for good: the headers were added, not swapped for ours.
	const bundle = await request.get(bundles[0]);
	expect(bundle.headers()['cache-control']).toContain('immutable');
});
