import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { OutboxItem } from './outbox-item';

/** "2 gesprekken en 1 bevinding": what waits, in words, for the counter and the warnings. */
export function unsentWords(items: Pick<OutboxItem, 'kind'>[]): string {
	const interviews = items.filter((item) => item.kind === 'interview').length;
	const findings = items.length - interviews;
	const parts = [
		interviews === 1
			? m.outbox_interviews_one()
			: interviews > 1
				? m.outbox_interviews_many({ count: interviews })
				: '',
		findings === 1
			? m.outbox_findings_one()
			: findings > 1
				? m.outbox_findings_many({ count: findings })
				: ''
	].filter(Boolean);
	return parts.length === 2
		? m.outbox_and({ first: parts[0], second: parts[1] })
		: (parts[0] ?? '');
}

/** Day and time: a phone may hold several interviews of one day. */
export const formatMoment = (iso: string) =>
	new Intl.DateTimeFormat(getLocale(), {
		day: 'numeric',
		month: 'long',
		hour: '2-digit',
		minute: '2-digit'
	}).format(new Date(iso));

/** iPhone and iPad (iPadOS says it is a Mac, but has touch), outside the home-screen app. */
export function isIosBrowser(): boolean {
	const ios =
		/iPhone|iPad|iPod/.test(navigator.userAgent) ||
		(navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1);
	const standalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
	return ios && !standalone;
}
