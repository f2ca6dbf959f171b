// E-mail notices of new responses, on only when the installation has SMTP (README, "E-mail
// notices"): KLANKBORD_SMTP_URL (smtp:// or smtps://, with user and password if the server wants
// them) and KLANKBORD_MAIL_FROM. Without both, no address can be left and nothing is sent.
//
// Sending never holds up or fails the response: the route queues the notice and answers at once;
// one job at a time runs behind it, and a failure is logged (without an address), never thrown.
import { env } from '$env/dynamic/private';
import nodemailer, { type Transporter } from 'nodemailer';
import * as notices from '$lib/server/api/notices';
import { sendNotices, withoutAddresses } from './notice-mail';

export function noticesEnabled(): boolean {
	return Boolean(env.KLANKBORD_SMTP_URL?.trim() && env.KLANKBORD_MAIL_FROM?.trim());
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
	if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
	return transport.transporter;
}

let queue: Promise<void> = Promise.resolve();

/** Tell the round's interviewers who asked for it that this response was posted. Never throws. */
export function queueNotices(responseId: string, origin: string): void {
	if (!noticesEnabled()) return;
	const url = env.KLANKBORD_SMTP_URL!.trim();
	const from = env.KLANKBORD_MAIL_FROM!.trim();
	queue = queue.then(async () => {
		try {
			const list = await notices.recipients(responseId);
			if (list.recipients.length > 0) {
				await sendNotices(transporterFor(url), from, list, origin);
			}
		} catch (cause) {
			console.error(
				`Klankbord: the e-mail notices of response ${responseId} were not sent:`,
				withoutAddresses(cause)
			);
		}
	});
}

/** When every queued notice has been tried (for a clean shutdown and for tests). */
export const noticesSettled = (): Promise<void> => queue;
