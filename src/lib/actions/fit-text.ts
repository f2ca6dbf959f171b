import type { Action } from 'svelte/action';

export type FitOptions = {
	/** The smallest font size allowed, in px (the wall's floor, readable from the back). */
	min: number;
	/** The largest font size worth using, in px. */
	max: number;
	/** Changes whenever the content changes (the slide), so the fit runs again. */
	key: unknown;
	/** Told after every fit: the size chosen, and whether the content fits at it. */
	onfit?: (size: number, fits: boolean) => void;
};

/**
 * Scale the text inside a box of fixed size down until it fits, measured in the browser: the
 * box's font-size is the largest in [min, max] at which nothing overflows it (a binary search of
 * real layouts, to half a pixel). Everything inside sizes in `em`. At `min` the content may still
 * not fit; `onfit` says so, and the page makes room (the wall hides its QR code).
 */
export const fitText: Action<HTMLElement, FitOptions> = (node, initial) => {
	let options = initial;
	const fits = () =>
		node.scrollHeight <= node.clientHeight + 1 && node.scrollWidth <= node.clientWidth + 1;

	function fit() {
		const { min, max } = options;
		let low = min;
		let high = Math.max(min, max);
		node.style.fontSize = `${high}px`;
		if (!fits()) {
			while (high - low > 0.5) {
				const mid = (low + high) / 2;
				node.style.fontSize = `${mid}px`;
				if (fits()) low = mid;
				else high = mid;
			}
			node.style.fontSize = `${low}px`;
		} else {
			low = high;
		}
		options.onfit?.(low, fits());
	}

	const observer = new ResizeObserver(() => fit());
	observer.observe(node);
	void document.fonts?.ready.then(() => fit());
	fit();

	return {
		update(next) {
			const changed =
				next.key !== options.key || next.min !== options.min || next.max !== options.max;
			options = next;
			if (changed) fit();
		},
		destroy() {
			observer.disconnect();
		}
	};
};
