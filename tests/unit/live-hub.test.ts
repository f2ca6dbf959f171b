import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveHub } from '$lib/server/live/hub';

type FakeBoard = { seq: number; position: number };

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

let hub: LiveHub<FakeBoard> | undefined;
afterEach(() => {
	hub?.close();
	vi.useRealTimers();
});

describe('LiveHub', () => {
	it('fans one load out to every subscriber', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const received: FakeBoard[][] = [];
		for (let i = 0; i < 25; i++) {
			const mine: FakeBoard[] = [];
			received.push(mine);
			await hub.subscribe('AVOND1', (board) => mine.push(board));
		}
		expect(db.loads).toHaveLength(1); // the first subscriber loaded; the others shared it

		db.move('AVOND1', 3);
		await hub.wake('AVOND1');

		expect(db.loads).toHaveLength(2); // exactly one more load for the wake
		for (const mine of received) expect(mine.map((board) => board.position)).toEqual([0, 3]);
		// Every subscriber got the very same object: no per-subscriber work.
		expect(new Set(received.map((mine) => mine[1])).size).toBe(1);
	});

	it('folds a burst of wakes into at most one extra load and sends the latest state', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const seen: number[] = [];
		await hub.subscribe('AVOND1', (board) => seen.push(board.position));
		db.loads.length = 0;

		db.move('AVOND1', 1);
		const first = hub.wake('AVOND1');
		db.move('AVOND1', 2);
		const second = hub.wake('AVOND1');
		db.move('AVOND1', 5);
		const third = hub.wake('AVOND1');
		await Promise.all([first, second, third]);

		expect(db.loads.length).toBeLessThanOrEqual(2);
		expect(seen.at(-1)).toBe(5);
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
		await hub.subscribe('AVOND1', () => {});
		db.move('AVOND1', 4); // seq 2
		await hub.wake('AVOND1');

		const behind: FakeBoard[] = [];
		await hub.subscribe('AVOND1', (board) => behind.push(board), 1);
		expect(behind).toEqual([{ seq: 2, position: 4 }]);

		const upToDate: FakeBoard[] = [];
		await hub.subscribe('AVOND1', (board) => upToDate.push(board), 2);
		expect(upToDate).toEqual([]);

		const fresh: FakeBoard[] = [];
		await hub.subscribe('AVOND1', (board) => fresh.push(board));
		expect(fresh).toEqual([{ seq: 2, position: 4 }]);

		db.move('AVOND1', 5);
		await hub.wake('AVOND1');
		expect(upToDate).toEqual([{ seq: 3, position: 5 }]);
	});

	it('skips the fan-out when a wake finds nothing new', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const seen: FakeBoard[] = [];
		await hub.subscribe('AVOND1', (board) => seen.push(board));
		await hub.wake('AVOND1');
		expect(seen).toHaveLength(1);
	});

	it('cleans up on unsubscribe: no more events, no cache, no loads', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		const seen: FakeBoard[] = [];
		const leave = await hub.subscribe('AVOND1', (board) => seen.push(board));
		const leaveOther = await hub.subscribe('AVOND1', () => {});
		expect(hub.listeners('AVOND1')).toBe(2);

		leave();
		expect(hub.listeners('AVOND1')).toBe(1);
		db.move('AVOND1', 2);
		await hub.wake('AVOND1');
		expect(seen).toHaveLength(1);

		leaveOther();
		expect(hub.listeners('AVOND1')).toBe(0);
		const loadsBefore = db.loads.length;
		await hub.wake('AVOND1');
		expect(db.loads).toHaveLength(loadsBefore);
	});

	it('refuses an unknown code and keeps no subscriber for it', async () => {
		const db = fakeDb();
		hub = new LiveHub({ load: db.load });
		await expect(hub.subscribe('NOPE', () => {})).rejects.toThrow('not_found');
		expect(hub.listeners('NOPE')).toBe(0);
	});

	it('polls the seq only while someone listens, and wakes on a change made elsewhere', async () => {
		vi.useFakeTimers();
		const db = fakeDb();
		hub = new LiveHub({ load: db.load, loadSeq: db.loadSeq, pollMs: 500 });
		const seen: number[] = [];
		const leave = await hub.subscribe('AVOND1', (board) => seen.push(board.position));

		await vi.advanceTimersByTimeAsync(500);
		expect(db.seqLoads).toHaveLength(1);
		expect(db.loads).toHaveLength(1); // seq unchanged: no board load

		db.move('AVOND1', 7); // another server instance moved the slide
		await vi.advanceTimersByTimeAsync(500);
		expect(seen).toEqual([0, 7]);

		leave();
		const polls = db.seqLoads.length;
		await vi.advanceTimersByTimeAsync(5_000);
		expect(db.seqLoads).toHaveLength(polls);
	});
});
