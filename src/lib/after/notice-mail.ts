// The e-mail notice an interviewer asked for: a short message that something new was answered in
// their round, and where to read it. It carries only what anyone can read on the public page
// (the round's title and the status) and no text of the finding or of the answer: an inbox is
// not the place for what a parent said, and the link leads to the page that tells it all.
import type { Transporter } from 'nodemailer';
import { m } from '$lib/paraglide/messages';
import type { ResponseNotices } from '$lib/server/api/notices';

// Sent outside any request, so in the product's first language (the interviewer's own language
// is not stored with the address; Dutch is what the round speaks).
const locale = 'nl' as const;

// The status words of $lib/labels, called with the locale (those there follow the request's).
const STATUS = {
	wordt_opgepakt: m.after_status_wordt_opgepakt,
	in_onderzoek: m.after_status_in_onderzoek,
	niet_mogelijk: m.after_status_niet_mogelijk,
	afgerond: m.after_status_afgerond
} satisfies Record<ResponseNotices['status'], unknown>;

export type NoticeMail = { subject: string; text: string };

export function composeNotice(notices: ResponseNotices, origin: string): NoticeMail {
	const link = new URL(`/bevinding/${notices.finding_id}#antwoord-${notices.response_id}`, origin);
	const stop = new URL('/meldingen', origin);
	return {
		subject: m.after_notice_subject({ title: notices.round_title }, { locale }),
		text: m.after_notice_text(
			{
				title: notices.round_title,
				status: STATUS[notices.status]({}, { locale }),
				link: link.href,
				stop: stop.href
			},
			{ locale }
		)
	};
}

/** A failure's message for the log, with any e-mail address in it (a mail server may echo the
 * recipient) blotted out: the address is kept for the notice alone, not for the server's logs. */
export function withoutAddresses(cause: unknown): string {
	const message = cause instanceof Error ? cause.message : String(cause);
	return message.replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '[adres]');
}

/**
 * One mail per address (nobody sees who else asked). A failed address is counted and logged
 * without the address itself; the others are still sent.
 */
export async function sendNotices(
	transport: Pick<Transporter, 'sendMail'>,
	from: string,
	notices: ResponseNotices,
	origin: string
): Promise<{ sent: number; failed: number }> {
	const mail = composeNotice(notices, origin);
	let sent = 0;
	let failed = 0;
	for (const to of notices.recipients) {
		try {
			await transport.sendMail({ from, to, subject: mail.subject, text: mail.text });
			sent += 1;
		} catch (cause) {
			failed += 1;
			console.error(
				`Klankbord: an e-mail notice of response ${notices.response_id} was not sent:`,
				withoutAddresses(cause)
			);
		}
	}
	return { sent, failed };
}
