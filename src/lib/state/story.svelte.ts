import { m } from '$lib/paraglide/messages';
import type { Story, StoryEdit } from '$lib/schemas/story';

const URL = '/presentatie/verhaal';

/** Before the page has a story (a round that is not ready, a closed evening). */
const NONE: Story = {
	version: -1,
	reactions_live: true,
	state: 'waiting',
	slides: [],
	questions: []
};

/**
 * The presenters' story on one presenter's screen: the newest version it knows (the page's, or a
 * later one from an edit or a refresh), one small JSON request per edit, made on that version.
 * Another presenter's change is noticed as a new board seq (the live stream, which carries no
 * story) and read again here.
 */
export class StoryState {
	#latest = $state<Story | null>(null);
	#initial: () => Story | null;
	#seenSeq = -1;
	busy = $state(false);
	status = $state('');
	problem = $state('');

	constructor(initial: () => Story | null) {
		this.#initial = initial;
	}

	get story(): Story {
		const initial = this.#initial() ?? NONE;
		const latest = this.#latest;
		// On the same version the page's data wins: it is as new, and knows the evening opened.
		return latest && latest.version > initial.version ? latest : initial;
	}

	/** The slides the wall shows, in the story's order. */
	get shown() {
		return this.story.slides.filter((slide) => !slide.hidden);
	}

	#accept(next: Story) {
		// Only the newest answer counts: a slow one never puts an old story back.
		if (next.version >= this.story.version) this.#latest = next;
	}

	/** The board's seq moved: the story may have changed (by another presenter). */
	seqChanged(seq: number) {
		if (this.#seenSeq !== -1 && seq > this.#seenSeq) void this.refresh();
		this.#seenSeq = Math.max(this.#seenSeq, seq);
	}

	async refresh() {
		try {
			const response = await fetch(URL, { headers: { accept: 'application/json' } });
			if (!response.ok) return;
			const body = (await response.json()) as { story?: Story };
			if (!body.story) return;
			// Compared when the answer is here: this screen's own edit may have landed meanwhile,
			// and that is not news from another presenter.
			const news = body.story.version > this.story.version && !this.busy;
			this.#accept(body.story);
			if (news) this.status = m.story_updated();
		} catch {
			// Offline for a moment: the next seq, or the next edit, brings the story.
		}
	}

	/** One edit; answers whether it was made. A conflict shows the fresh story and says why. */
	async edit(change: StoryEdit, done: string): Promise<boolean> {
		this.busy = true;
		this.problem = '';
		try {
			const response = await fetch(URL, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify({ version: this.story.version, edit: change })
			});
			const body = (await response.json().catch(() => ({}))) as { story?: Story; error?: string };
			if (body.story) this.#accept(body.story);
			if (!response.ok) {
				this.problem = body.error ?? m.story_failed();
				return false;
			}
			this.status = done;
			return true;
		} catch {
			this.problem = m.story_failed();
			return false;
		} finally {
			this.busy = false;
		}
	}
}
