// A calendar day (a look-back date, a planned date: stored as YYYY-MM-DD, no time of day) the way
// people read it, with the weekday and the month in words, as the evening's date is shown
// (EveningDetails.svelte): "woensdag 16 december 2026", never "16-12" or "12/16". Read in UTC,
// so the day that was stored is the day that is shown, in every time zone.

/** The Intl locale for the app's language: British English writes the day before the month. */
export function intlLocale(language: string): string {
	return language === 'en' ? 'en-GB' : 'nl-NL';
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "woensdag 16 december 2026" / "Wednesday, 16 December 2026"; the text itself if it is no date. */
export function calendarDay(value: string, language: string): string {
	const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
	if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) return value;
	const locale = intlLocale(language);
	let format = formats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, {
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			timeZone: 'UTC'
		});
		formats.set(locale, format);
	}
	return format.format(date);
}
