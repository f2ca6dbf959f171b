import { m } from '$lib/paraglide/messages';
import type { RehearsalBoard, RehearsalStep } from '$lib/schemas/rehearsal';
import type { Connection } from './live-board.svelte';

const URL = '/presentatie/oefenen/bord';
/** A rehearsal has a few presenters' screens, not a hall: a short poll is enough, and stays private. */
const POLL_MS = 1000;

/**
 * The rehearsal board on one presenter's screen (the rehearsal wall or a phone). It is not on the
 * public live stream on purpose (nothing of a rehearsal may reach the hall's screens), so it
 * polls /presentatie/oefenen/bord and takes each step as one small request. Only a newer board
 * (by seq) replaces the one shown, so a slow answer never puts an old slide back.
 */
export class RehearsalState {
	#latest = $state<RehearsalBoard | null>(null);
	#initial: () => RehearsalBoard;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stopped = true;
	connection = $state<Connection>('live');
	busy = $state(false);
	problem = $state('');
	/** The evening was opened meanwhile: the rehearsal is over. */
	over = $state(false);

	constructor(initial: () => RehearsalBoard) {
		this.#initial = initial;
	}

	get board(): RehearsalBoard {
		const initial = this.#initial();
		const latest = this.#latest;
		return latest && latest.seq >= initial.seq ? latest : initial;
	}

	#accept(next: RehearsalBoard) {
		if (next.seq >= this.board.seq) this.#latest = next;
	}

	start(): () => void {
		this.#stopped = false;
		this.#schedule();
		return () => {
			this.#stopped = true;
			clearTimeout(this.#timer);
		};
	}

	#schedule() {
		clearTimeout(this.#timer);
		if (!this.#stopped) this.#timer = setTimeout(() => void this.#poll(), POLL_MS);
	}

	async #poll() {
		try {
			const response = await fetch(URL, { headers: { accept: 'application/json' } });
			if (response.status === 400 || response.status === 403) this.over = true;
			const body = (await response.json().catch(() => ({}))) as { board?: RehearsalBoard };
			if (body.board) this.#accept(body.board);
			this.connection = response.ok || this.over ? 'live' : 'reconnecting';
		} catch {
			this.connection = 'reconnecting';
		}
		if (!this.over) this.#schedule();
	}

	/** One step; answers whether it was taken. */
	async step(change: RehearsalStep): Promise<boolean> {
		this.busy = true;
		this.problem = '';
		try {
			const response = await fetch(URL, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ step: change })
			});
			const body = (await response.json().catch(() => ({}))) as {
				board?: RehearsalBoard;
				error?: string;
			};
			if (body.board) this.#accept(body.board);
			if (!response.ok) this.problem = body.error ?? m.rehearsal_failed();
			return response.ok;
		} catch {
			this.problem = m.rehearsal_failed();
			return false;
		} finally {
			this.busy = false;
		}
	}
}
