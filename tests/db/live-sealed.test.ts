// The SSE endpoint /avond/[code]/live over a real database: before the presenter opens the
// evening the stream carries counts and no finding text; once the board shows the finding, the
// stream does (so the first check can fail). The route and the hub are the app's own; only the
// hub's loader is pointed at the test backend instead of the app's configured database.
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { LiveHub } from '$lib/server/live/hub';
import { openLiveStream } from '../live-stream';
import { toApiError } from '$lib/server/api/rpc';
import { boardSchema, type Board } from '$lib/schemas/evening';
import { describeBackends, type Backend } from './harness';
import { ANON } from './fixtures';
import { createMatrixWorld, type MatrixWorld } from './matrix/roles';

const holder = vi.hoisted(() => ({ hub: undefined as unknown }));
vi.mock('$lib/server/live/instance', async () => {
	const { StreamLimits } = await import('$lib/server/live/stream-limits');
	const streams = new StreamLimits({ perAddress: 1000, total: 1000 });
	return {
		get hub() {
			return holder.hub;
		},
		streams
	};
});

const { GET } = await import('../../src/routes/avond/[code]/live/+server');

/** What evening.board does, against the test backend: anon, the app's schema for the shape. */
function hubOver(b: Backend) {
	return new LiveHub<Board>({
		load: async (code) => {
			const { data, error } = await b.rpc(ANON, 'evening_board', { p_evening_code: code });
			if (error) throw toApiError(error);
			return boardSchema.parse(data);
		}
	});
}

const open = (code: string) => openLiveStream(GET, code, { quietMs: 50 });

describeBackends('the live board stream keeps the seal', (backend) => {
	let w: MatrixWorld;
	let hub: LiveHub<Board>;
	beforeAll(async () => {
		w = await createMatrixWorld(backend());
		hub = hubOver(backend());
		holder.hub = hub;
	});
	afterAll(() => hub.close());

	test('before the evening opens: counts, no slide, no finding text', async () => {
		const code = w.roundA.eveningCode;
		const stream = await open(`${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase());
		const text = await stream.read();
		expect(text).toContain('event: board');
		expect(text).toContain('"state":"waiting"');
		expect(text).toContain('"counts":{"interviews":1,"findings":1}');
		expect(text).not.toContain(w.secret);
		stream.abort();
	});

	test('once the board shows the finding, the stream carries it; round B stays sealed', async () => {
		const a = await open(w.roundA.eveningCode);
		const b = await open(w.roundB.eveningCode);
		for (const [fn, args] of [
			['evening_open', { p_round_id: w.roundA.id }],
			['evening_move', { p_round_id: w.roundA.id, p_position: 2 }]
		] as const) {
			const { error } = await backend().rpc(w.presenter.claims, fn, args);
			expect(error).toBeNull();
		}
		await hub.wake(w.roundA.eveningCode);
		await hub.wake(w.roundB.eveningCode);
		expect(await a.read()).toContain(`Bevinding ${w.secret}`);
		const sealed = await b.read();
		expect(sealed).toContain('"state":"waiting"');
		expect(sealed).not.toContain(w.secretB);
		a.abort();
		b.abort();
	});

	test('an unknown code is a 404 without a stream', async () => {
		await expect(open('ZZZZZZ')).rejects.toMatchObject({ status: 404 });
		expect(hub.listeners('ZZZZZZ')).toBe(0);
	});
});
