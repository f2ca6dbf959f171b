// The evening happens in the Netherlands: the coordinator types a date and times as they read
// them on a Dutch clock, and the database stores the moment (timestamptz). These helpers convert
// between the two without a time-zone library, with Intl only.
export const EVENING_TIME_ZONE = 'Europe/Amsterdam';

/** Minutes Europe/Amsterdam is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: EVENING_TIME_ZONE,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(instant);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
	return Math.round((asUtc - Math.floor(instant.getTime() / 60000) * 60000) / 60000);
}

/** "2027-03-04" + "19:30" on a Dutch clock → the instant; null for anything that is not a date. */
export function amsterdamInstant(date: string, time: string): Date | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const [y, mo, da, h, mi] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
	if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
	const guess = Date.UTC(y, mo - 1, da, h, mi);
	// Two passes settle the offset also on the days the clocks change.
	let instant = new Date(guess - offsetMinutes(new Date(guess)) * 60000);
	instant = new Date(guess - offsetMinutes(instant) * 60000);
	if (new Date(guess).getUTCDate() !== da) return null; // 31 February and the like
	return instant;
}

/** The instant as the form's fields show it on a Dutch clock: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function amsterdamParts(instant: string | Date): { date: string; time: string } {
	const at = new Date(instant);
	const shifted = new Date(at.getTime() + offsetMinutes(at) * 60000).toISOString();
	return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}
