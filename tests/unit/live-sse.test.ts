import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamLimits } from '$lib/server/live/stream-limits';
import { LiveHub } from '$lib/server/live/hub';
import { openLiveStream } from '../live-stream';
import { ApiError } from '$lib/server/api/rpc';

// The SSE route with a hub over a fake database: what a browser's EventSource would see.
const boards = new Map<string, { seq: number; position: number }>();
const fake = vi.hoisted(() => ({ hub: undefined as unknown, streams: undefined as unknown }));
vi.mock('$lib/server/live/instance', () => ({
	get hub() {
		return fake.hub;
	},
	get streams() {
		return fake.streams;
	}
}));

const { GET } = await import('../../src/routes/avond/[code]/live/+server');

/** Every database load of a board, by code. */
const loads: string[] = [];

function newHub() {
	loads.length = 0;
	const hub = new LiveHub<{ seq: number; position: number }>({
		load: async (code) => {
			loads.push(code);
			const board = boards.get(code);
			if (!board) throw new ApiError('not_found', 404);
			return { ...board };
		}
	});
	fake.hub = hub;
	return hub;
}

const open = (code: string, headers: Record<string, string> = {}) =>
	openLiveStream(GET, code, { headers });

beforeEach(() => (fake.streams = new StreamLimits({ perAddress: 1000, total: 1000 })));
afterEach(() => (fake.hub as LiveHub<never> | undefined)?.close());

describe('GET /avond/[code]/live', () => {
	it('streams the current board with id = seq and a retry hint', async () => {
		boards.set('OUDR27', { seq: 4, position: 2 });
		newHub();
		const stream = await open('OUDR27');
		expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
		const text = await stream.read();
		expect(text).toContain('retry: 2000\n\n');
		expect(text).toContain('id: 4\nevent: board\ndata: {"seq":4,"position":2}\n\n');
		stream.abort();
	});

	it('accepts a code in any case and with dashes, on the canonical channel', async () => {
		boards.set('OUDR27', { seq: 1, position: 0 });
		const hub = newHub();
		const stream = await open('oudr-27');
		expect(await stream.read()).toContain('id: 1\n');
		expect(hub.listeners('OUDR27')).toBe(1);
		stream.abort();
	});

	it('sends nothing to a screen whose Last-Event-ID is current, then follows wakes', async () => {
		boards.set('OUDR27', { seq: 7, position: 3 });
		const hub = newHub();
		const stream = await open('OUDR27', { 'last-event-id': '7' });
		expect(await stream.read()).not.toContain('event: board');

		boards.set('OUDR27', { seq: 8, position: 4 });
		await hub.wake('OUDR27');
		expect(await stream.read()).toContain('id: 8\nevent: board');
		stream.abort();
	});

	it('catches a screen up that reconnects with an older Last-Event-ID', async () => {
		boards.set('OUDR27', { seq: 9, position: 5 });
		newHub();
		const stream = await open('OUDR27', { 'last-event-id': '6' });
		expect(await stream.read()).toContain('id: 9\nevent: board\ndata: {"seq":9,"position":5}');
		stream.abort();
	});

	it('lets a reconnect storm catch up from the one cached board, without a database call', async () => {
		boards.set('OUDR27', { seq: 3, position: 1 });
		const hub = newHub();
		const hall = await Promise.all(Array.from({ length: 40 }, () => open('OUDR27')));
		await Promise.all(hall.map((screen) => screen.read()));
		const [cut, stayed] = [hall.slice(0, 30), hall.slice(30)];
		for (const screen of cut) screen.abort();
		boards.set('OUDR27', { seq: 4, position: 2 });
		await hub.wake('OUDR27');
		expect(loads).toEqual(['OUDR27', 'OUDR27']); // the first screen, the move

		// All back in the same instant: as EventSource retries, as the page reopens, and afresh.
		const back = await Promise.all(
			cut.map((_, i) =>
				i % 3 === 0
					? open('OUDR27', { 'last-event-id': '3' })
					: i % 3 === 1
						? openLiveStream(GET, 'OUDR27', { search: '?since=3' })
						: open('OUDR27')
			)
		);
		const texts = await Promise.all(back.map((screen) => screen.read()));
		expect(loads).toHaveLength(2); // not one load for 30 reconnects
		for (const text of texts) {
			expect(text.match(/event: board/g)).toHaveLength(1);
			expect(text).toContain('id: 4\nevent: board\ndata: {"seq":4,"position":2}');
		}
		// The ones that stayed got the move once, and nothing twice during the storm.
		for (const screen of stayed) {
			expect((await screen.read()).match(/id: 4\nevent: board/g)).toHaveLength(1);
		}
		expect(hub.listeners('OUDR27')).toBe(40);
		for (const screen of [...stayed, ...back]) screen.abort();
	});

	it('answers 404 for an unknown code and keeps no listener', async () => {
		const hub = newHub();
		await expect(open('NOPE99')).rejects.toMatchObject({ status: 404 });
		expect(hub.listeners('NOPE99')).toBe(0);
	});

	it('lets go of the hub when the browser goes away', async () => {
		boards.set('OUDR27', { seq: 1, position: 0 });
		const hub = newHub();
		const stream = await open('OUDR27');
		expect(hub.listeners('OUDR27')).toBe(1);
		stream.abort();
		expect(hub.listeners('OUDR27')).toBe(0);
	});

	it('answers 503 with Retry-After beyond the cap per address, and takes the place back', async () => {
		boards.set('OUDR27', { seq: 1, position: 0 });
		newHub();
		fake.streams = new StreamLimits({ perAddress: 2, total: 10 });
		const first = await openLiveStream(GET, 'OUDR27', { clientKey: 'venue-wifi' });
		await openLiveStream(GET, 'OUDR27', { clientKey: 'venue-wifi' });
		const third = await GET({
			params: { code: 'OUDR27' },
			request: new Request('http://test.invalid/avond/OUDR27/live'),
			url: new URL('http://test.invalid/avond/OUDR27/live'),
			locals: { clientKey: 'venue-wifi' }
		} as never);
		expect(third.status).toBe(503);
		expect(third.headers.get('retry-after')).toMatch(/^\d+$/);
		// Another address is not affected.
		expect((await openLiveStream(GET, 'OUDR27', { clientKey: 'home' })).response.status).toBe(200);
		// A closed stream gives its place back.
		first.abort();
		await first.read();
		expect((await openLiveStream(GET, 'OUDR27', { clientKey: 'venue-wifi' })).response.status).toBe(
			200
		);
	});

	it('answers 503 beyond the cap per process, whatever the address', async () => {
		boards.set('OUDR27', { seq: 1, position: 0 });
		newHub();
		fake.streams = new StreamLimits({ perAddress: 1000, total: 2 });
		await openLiveStream(GET, 'OUDR27', { clientKey: 'a' });
		await openLiveStream(GET, 'OUDR27', { clientKey: 'b' });
		const third = await openLiveStream(GET, 'OUDR27', { clientKey: 'c' });
		expect(third.response.status).toBe(503);
		expect(third.response.headers.get('retry-after')).toMatch(/^\d+$/);
	});
});
