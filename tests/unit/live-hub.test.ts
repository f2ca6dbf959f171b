import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveHub, type Encoded, type Subscription } from '$lib/server/live/hub';

type FakeBoard = { seq: number; position: number; likes?: number };

/** A fake database: one board per code, counting every load. */
function fakeDb() {
	const boards = new Map<string, FakeBoard>([['AVOND1', { seq: 1, position: 0 }]]);
	const loads: string[] = [];
	const seqLoads: string[] = [];
	return {
		boards,
		loads,
		seqLoads,
		move(code: string, position: number) {
			const board = boards.get(code)!;
			boards.set(code, { seq: board.seq + 1, position });
		},
		like(code: string) {
			const board = boards.get(code)!;
			boards.set(code, { ...board, seq: board.seq + 1, likes: (board.likes ?? 0) + 1 });
		},
		load: async (code: string) => {
			loads.push(code);
			await Promise.resolve();
			const board = boards.get(code);
			if (!board) throw new Error('not_found');
			return { ...board };
		},
		loadSeq: async (code: string) => {
			seqLoads.push(code);
			return boards.get(code)?.seq ?? 0;
		}
	};
}

/** Like the app's board encoding: a small `likes` event when only the likes changed. */
const encode = (board: FakeBoard, previous?: FakeBoard): Encoded => ({
	full: `id: ${board.seq}\nevent: board\ndata: ${JSON.stringify(board)}\n\n`,
	delta:
		previous && previous.position === board.position
			? `id: ${board.seq}\nevent: likes\ndata: ${board.likes}\n\n`
			: null
});

const decoder = new TextDecoder();
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Read a subscription as the SSE route does, keeping every chunk (bytes and text). */
function reader(subscription: Subscription) {
	const chunks: Uint8Array[] = [];
	void (async () => {
		for (;;) {
			const chunk = await subscription.next();
			if (!chunk) break;
			chunks.push(chunk);
		}
	})();
	return {
		chunks,
		texts: () => chunks.map((chunk) => decoder.decode(chunk)),
		positions: () =>
			chunks.flatMap((chunk) =>
				[...decoder.decode(chunk).matchAll(/"position":(\d+)/g)].map((match) => Number(match[1]))
			)
	};
}

let hub: LiveHub<FakeBoard> | undefined;
afterEach(() => {
	hub?.close();
	vi.useRealTimers();
});

describe('LiveHub', () => {
	it('loads and serialises a change once, and hands every subscriber the same bytes', async () => {
		const db = fakeDb();
		const encodeSpy = vi.fn(encode);
		hub = new LiveHub({ load: db.load, encode: encodeSpy });
		const readers = [];
		for (let i = 0; i < 25; i++) readers.push(reader(await hub.subscribe('AVOND1')));
		expect(db.loads).toHaveLength(1); // the first subscriber loaded; the others shared it
		expect(encodeSpy).toHaveBeenCalledTimes(1);

		db.move('AVOND1', 3);
		await hub.wake('AVOND1');
		await settle();

		expect(db.loads).toHaveLength(2); // exactly one more load for the wake
		expect(encodeSpy).toHaveBeenCalledTimes(2); // and one more serialisation, not 25
		for (const r of readers) expect(r.positions()).toEqual([0, 3]);
		expect(new Set(readers.map((r) => r.chunks[1])).size).toBe(1);
	});

	it('folds a burst of wakes into at most one extra load and sends the latest state', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const r = reader(await hub.subscribe('AVOND1'));
		db.loads.length = 0;

		db.move('AVOND1', 1);
		const first = hub.wake('AVOND1');
		db.move('AVOND1', 2);
		const second = hub.wake('AVOND1');
		db.move('AVOND1', 5);
		const third = hub.wake('AVOND1');
		await Promise.all([first, second, third]);
		await settle();

		expect(db.loads.length).toBeLessThanOrEqual(2);
		expect(r.positions().at(-1)).toBe(5);
	});

	it('gives a subscriber that is not reading only the newest board, never a queue', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const subscription = await hub.subscribe('AVOND1');
		for (const position of [1, 2, 3, 4]) {
			db.move('AVOND1', position);
			await hub.wake('AVOND1');
		}
		const chunk = decoder.decode((await subscription.next())!);
		expect(chunk).toBe('id: 5\nevent: board\ndata: {"seq":5,"position":4}\n\n');
	});

	it('sends the small event to a screen that has the board it builds on, the full board otherwise', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load, encode });
		const current = reader(await hub.subscribe('AVOND1'));
		await settle();
		const stalled = await hub.subscribe('AVOND1'); // never reads: its first board is pending

		db.like('AVOND1');
		await hub.wake('AVOND1');
		await settle();
		expect(current.texts().at(-1)).toBe('id: 2\nevent: likes\ndata: 1\n\n');
		expect(decoder.decode((await stalled.next())!)).toContain('id: 2\nevent: board\n');
	});

	it('does not load anything for a code nobody listens to', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		await hub.wake('AVOND1');
		expect(db.loads).toEqual([]);
	});

	it('catches a reconnecting screen up when it missed events, and only then', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		await hub.subscribe('AVOND1');
		db.move('AVOND1', 4); // seq 2
		await hub.wake('AVOND1');

		const behind = reader(await hub.subscribe('AVOND1', 1));
		const upToDate = reader(await hub.subscribe('AVOND1', 2));
		const fresh = reader(await hub.subscribe('AVOND1'));
		await settle();
		expect(behind.positions()).toEqual([4]);
		expect(upToDate.positions()).toEqual([]);
		expect(fresh.positions()).toEqual([4]);

		db.move('AVOND1', 5);
		await hub.wake('AVOND1');
		await settle();
		expect(upToDate.texts()).toEqual(['id: 3\nevent: board\ndata: {"seq":3,"position":5}\n\n']);
	});

	it('skips the fan-out when a wake finds nothing new', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const r = reader(await hub.subscribe('AVOND1'));
		await hub.wake('AVOND1');
		await settle();
		expect(r.chunks).toHaveLength(1);
	});

	it('cleans up on close: no more events, no cache, no loads, the reader ends', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const mine = await hub.subscribe('AVOND1');
		const r = reader(mine);
		const other = await hub.subscribe('AVOND1');
		expect(hub.listeners('AVOND1')).toBe(2);

		mine.close();
		expect(hub.listeners('AVOND1')).toBe(1);
		expect(await mine.next()).toBeNull();
		db.move('AVOND1', 2);
		await hub.wake('AVOND1');
		await settle();
		expect(r.chunks).toHaveLength(1);

		other.close();
		expect(hub.listeners('AVOND1')).toBe(0);
		const loadsBefore = db.loads.length;
		await hub.wake('AVOND1');
		expect(db.loads).toHaveLength(loadsBefore);
	});

	it('refuses an unknown code and keeps no subscriber for it', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		await expect(hub.subscribe('NOPE')).rejects.toThrow('not_found');
		expect(hub.listeners('NOPE')).toBe(0);
	});

	it('serves page loads from the live board while screens listen, one shared load otherwise', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const reads = await Promise.all(Array.from({ length: 50 }, () => hub!.read('AVOND1')));
		expect(db.loads).toHaveLength(1);
		expect(reads.every((board) => board.position === 0)).toBe(true);

		await hub.subscribe('AVOND1');
		db.move('AVOND1', 6);
		await hub.wake('AVOND1');
		const loads = db.loads.length;
		const during = await Promise.all(Array.from({ length: 50 }, () => hub!.read('AVOND1')));
		expect(db.loads).toHaveLength(loads); // no database read at all
		expect(during.every((board) => board.position === 6)).toBe(true);
	});

	it('pings idle subscribers and tells everyone how many listen', async () => {
		vi.useFakeTimers();
		const db = fakeDb();
		hub = new LiveHub({
			load: db.load,
			heartbeatMs: 15_000,
			viewers: (count) => `event: viewers\ndata: ${count}\n\n`,
			viewersMs: 2_000
		});
		const first = reader(await hub.subscribe('AVOND1'));
		const second = reader(await hub.subscribe('AVOND1'));
		await vi.advanceTimersByTimeAsync(2_000);
		expect(first.texts().at(-1)).toBe('event: viewers\ndata: 2\n\n');
		await vi.advanceTimersByTimeAsync(2_000); // unchanged: nothing new
		expect(second.chunks).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(11_000);
		expect(second.texts().at(-1)).toBe('event: ping\ndata: 1\n\n');
	});

	it('polls the seq only while someone listens, and wakes on a change made elsewhere', async () => {
		vi.useFakeTimers();
		const db = fakeDb();
		hub = new LiveHub({ load: db.load, loadSeq: db.loadSeq, pollMs: 500 });
		const subscription = await hub.subscribe('AVOND1');
		const r = reader(subscription);

		await vi.advanceTimersByTimeAsync(500);
		expect(db.seqLoads).toHaveLength(1);
		expect(db.loads).toHaveLength(1); // seq unchanged: no board load

		db.move('AVOND1', 7); // another server instance moved the slide
		await vi.advanceTimersByTimeAsync(500);
		expect(r.positions()).toEqual([0, 7]);

		subscription.close();
		const polls = db.seqLoads.length;
		await vi.advanceTimersByTimeAsync(5_000);
		expect(db.seqLoads).toHaveLength(polls);
	});
});

describe('LiveHub under a stream of moves', () => {
	it('lets a wake return after the next load, even while more wakes keep coming', async () => {
		const db = fakeDb();
		// Each load waits for the test to let it finish, so loads overlap with new wakes.
		const gates: (() => void)[] = [];
		let finished = 0;
		const slowLoad = async (code: string) => {
			const board = await db.load(code);
			await new Promise<void>((resolve) => gates.push(resolve));
			finished++;
			return board;
		};
		hub = new LiveHub({ load: slowLoad });
		const subscribing = hub.subscribe('AVOND1');
		await settle();
		gates.shift()!();
		await subscribing;

		let resolvedAfterLoads = -1;
		db.move('AVOND1', 1);
		void hub.wake('AVOND1').then(() => (resolvedAfterLoads = finished));
		for (let position = 2; position < 7; position++) {
			await settle();
			db.move('AVOND1', position);
			void hub.wake('AVOND1'); // the presenter keeps moving
			gates.shift()!();
		}
		await settle();
		// The first wake's own load was the second load overall: it returned right after it.
		expect(resolvedAfterLoads).toBe(2);
		gates.shift()?.();
		await settle();
	});
});
