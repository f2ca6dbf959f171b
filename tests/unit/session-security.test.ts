import { describe, expect, test } from 'vitest';
import { clientKeyFor } from '$lib/server/client-key';
import { isCrossSiteRequest } from '$lib/server/csrf';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import { SESSION_COOKIE, sessionCookieName } from '$lib/server/session';

describe('client key', () => {
	test('is a keyed hash, not the IP address', () => {
		const key = clientKeyFor('203.0.113.7');
		expect(key).not.toContain('203.0.113.7');
		expect(key).not.toContain('203');
		expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	test('is stable for one address and differs between addresses', () => {
		expect(clientKeyFor('203.0.113.7')).toBe(clientKeyFor('203.0.113.7'));
		expect(clientKeyFor('203.0.113.7')).not.toBe(clientKeyFor('203.0.113.8'));
	});

	test('is not a plain (unkeyed) sha256 of the address', async () => {
		const { createHash } = await import('node:crypto');
		const plain = createHash('sha256').update('203.0.113.7').digest('base64url');
		expect(clientKeyFor('203.0.113.7')).not.toBe(plain);
	});
});

describe('session cookie name', () => {
	test('uses the __Host- prefix over https and on localhost', () => {
		expect(SESSION_COOKIE).toBe('__Host-kb_session');
		expect(sessionCookieName(new URL('https://klankbord.example/'))).toBe(SESSION_COOKIE);
		expect(sessionCookieName(new URL('http://localhost:5173/'))).toBe(SESSION_COOKIE);
		expect(sessionCookieName(new URL('http://127.0.0.1:4173/'))).toBe(SESSION_COOKIE);
	});
});

function request(method: string, headers: Record<string, string>) {
	return new Request('http://localhost:5173/avond/K7P2QX/reageer', { method, headers });
}
const url = new URL('http://localhost:5173/avond/K7P2QX/reageer');

describe('cross-site guard for JSON endpoints', () => {
	test('refuses a cross-site JSON post', () => {
		expect(
			isCrossSiteRequest(
				request('POST', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }),
				url
			)
		).toBe(true);
		expect(
			isCrossSiteRequest(
				request('POST', { 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }),
				url
			)
		).toBe(true);
		expect(isCrossSiteRequest(request('DELETE', { origin: 'https://evil.example' }), url)).toBe(
			true
		);
	});

	test('allows same-origin requests, reads, and leaves form posts to SvelteKit', () => {
		expect(
			isCrossSiteRequest(
				request('POST', { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }),
				url
			)
		).toBe(false);
		expect(
			isCrossSiteRequest(
				request('POST', { 'content-type': 'application/json', origin: 'http://localhost:5173' }),
				url
			)
		).toBe(false);
		expect(isCrossSiteRequest(request('GET', { 'sec-fetch-site': 'cross-site' }), url)).toBe(false);
		expect(
			isCrossSiteRequest(
				request('POST', {
					'content-type': 'application/x-www-form-urlencoded',
					'sec-fetch-site': 'cross-site'
				}),
				url
			)
		).toBe(false);
	});
});

describe('redirect targets', () => {
	test('only same-site paths', () => {
		expect(safeRedirectTarget('/beheer?x=1')).toBe('/beheer?x=1');
		expect(safeRedirectTarget('//evil.example/')).toBe('/');
		expect(safeRedirectTarget('/\\evil.example')).toBe('/');
		expect(safeRedirectTarget('https://evil.example/')).toBe('/');
		expect(safeRedirectTarget(null)).toBe('/');
	});

	test('characters a Location header cannot carry come back percent-encoded', () => {
		expect(safeRedirectTarget('/avond/é?x=è')).toBe('/avond/%C3%A9?x=%C3%A8');
		expect(safeRedirectTarget('/a\uD800b')).toBe('/a%EF%BF%BDb');
		expect(safeRedirectTarget('/%C3%28')).toBe('/%C3%28');
		// Headers.set throws on anything above U+00FF: every answer must be a valid header value.
		for (const value of ['/é', '/\uD800', '/\u202E', '/a b']) {
			expect(() => new Headers({ location: safeRedirectTarget(value) })).not.toThrow();
		}
	});
});
