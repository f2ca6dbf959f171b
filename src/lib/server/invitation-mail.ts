// An invitation's link by e-mail, when the installation has a mail server and the coordinator
// gives an address. The address is used for this one mail and kept nowhere (not in the
// database, not in the log); the page shows the link and the QR code either way, so a mail that
// does not arrive never leaves anyone without a way in.
import type { Transporter } from 'nodemailer';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { eveningDay } from '$lib/after/day';
import { withoutAddresses } from '$lib/after/notice-mail';

export type InvitationMail = { subject: string; text: string };

/** In the coordinator's language: they chose it, and they are the one who knows the invitee. */
export function composeInvitation(link: string, expiresAt: string): InvitationMail {
	return {
		subject: m.people_mail_subject(),
		text: m.people_mail_text({ link, date: eveningDay(expiresAt, getLocale()) })
	};
}

/**
 * Sends it and says whether the mail server took it. The coordinator waits for the answer (they
 * are told whether it went), but never longer than `waitMs`: a mail server that does not answer
 * must not hold up the page.
 */
export async function sendInvitation(
	mail: { transporter: Pick<Transporter, 'sendMail'>; from: string },
	to: string,
	link: string,
	expiresAt: string,
	waitMs = 15_000
): Promise<boolean> {
	const { subject, text } = composeInvitation(link, expiresAt);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new Error(`no answer from the mail server in ${waitMs} ms`)),
			waitMs
		);
	});
	try {
		await Promise.race([mail.transporter.sendMail({ from: mail.from, to, subject, text }), late]);
		return true;
	} catch (cause) {
		console.error('Klankbord: an invitation was not e-mailed:', withoutAddresses(cause));
		return false;
	} finally {
		clearTimeout(timer);
	}
}
