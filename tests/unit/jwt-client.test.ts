// How the per-request client picks its backend and reaches it (src/lib/server/supabase.ts).
import { describe, expect, test } from 'vitest';
import { stripRestPrefix, targetFromEnv } from '$lib/server/supabase';

describe('targetFromEnv', () => {
	test('no settings: embedded, answered in-process', () => {
		const target = targetFromEnv({});
		expect(target.mode).toBe('embedded');
		expect(new URL(target.url).hostname.endsWith('.invalid')).toBe(true);
		expect(target.fetch).toBeTypeOf('function');
	});

	test('KLANKBORD_POSTGREST_URL: real PostgREST', () => {
		const target = targetFromEnv({ KLANKBORD_POSTGREST_URL: 'http://127.0.0.1:3000' });
		expect(target).toMatchObject({ mode: 'postgrest', url: 'http://127.0.0.1:3000' });
	});

	test('Supabase wins over everything, and needs its publishable key', () => {
		const env = {
			PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
			SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_x',
			KLANKBORD_POSTGREST_URL: 'http://127.0.0.1:3000'
		};
		expect(targetFromEnv(env)).toEqual({
			mode: 'supabase',
			url: 'https://abc.supabase.co',
			key: 'sb_publishable_x'
		});
		expect(() => targetFromEnv({ PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' })).toThrow(
			/SUPABASE_PUBLISHABLE_KEY/
		);
	});
});

test('stripRestPrefix turns /rest/v1/rpc/<fn> into PostgREST’s /rpc/<fn>, keeping the request', async () => {
	const seen: { url: string; method?: string; body?: unknown }[] = [];
	const fake = (async (input: RequestInfo | URL, init?: RequestInit) => {
		seen.push({ url: String(input), method: init?.method, body: init?.body });
		return new Response('null');
	}) as typeof fetch;
	const strip = stripRestPrefix(fake);
	await strip('http://127.0.0.1:3000/rest/v1/rpc/staff_me', { method: 'POST', body: '{}' });
	await strip('http://127.0.0.1:3000/rest/v1x/other');
	expect(seen).toEqual([
		{ url: 'http://127.0.0.1:3000/rpc/staff_me', method: 'POST', body: '{}' },
		{ url: 'http://127.0.0.1:3000/rest/v1x/other', method: undefined, body: undefined }
	]);
});
