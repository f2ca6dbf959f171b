// The one home of "a date in words": the weekday and the month written out, never "16-12" or
// "12/16". Two kinds of value come here:
// - a calendar day (a look-back date, a planned date: stored as YYYY-MM-DD, no time of day), read
//   in UTC, so the day that was stored is the day that is shown, in every time zone;
// - the moment the results evening starts (EveningDetails.svelte), read on a Dutch clock, so an
//   evening that starts at 00:30 in Amsterdam shows that day, wherever the phone is.
import { EVENING_TIME_ZONE } from '$lib/evening/time';

/** The Intl locale for the app's language: British English writes the day before the month. */
export function intlLocale(language: string): string {
	return language === 'en' ? 'en-GB' : 'nl-NL';
}

const formats = new Map<string, Intl.DateTimeFormat>();

function inWords(date: Date, locale: string, timeZone: string): string {
	const id = `${locale} ${timeZone}`;
	let format = formats.get(id);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone
		});
		formats.set(id, format);
	}
	return format.format(date);
}

/** "woensdag 16 december 2026" / "Wednesday, 16 December 2026"; the text itself if it is no date. */
export function calendarDay(value: string, language: string): string {
	const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
	if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) return value;
	return inWords(date, intlLocale(language), 'UTC');
}

/** The evening's day from the moment it starts: "woensdag 16 december 2026" / "Wednesday, 16 December 2026". */
export function eveningDay(instant: string | Date, language: string): string {
	const date = new Date(instant);
	if (Number.isNaN(date.getTime())) return String(instant);
	return inWords(date, intlLocale(language), EVENING_TIME_ZONE);
}
