// E-mail notices of new responses, on only when the installation has a mail server
// ($lib/server/mail). Without one, no address can be left and nothing is sent.
//
// Sending never holds up or fails the response: the route queues the notice and answers at once;
// one job at a time runs behind it, and a failure is logged (without an address), never thrown.
import * as notices from '$lib/server/api/notices';
import { mailEnabled, mailer } from '$lib/server/mail';
import { sendNotices, withoutAddresses } from './notice-mail';

export const noticesEnabled = mailEnabled;

let queue: Promise<void> = Promise.resolve();

/** Tell the round's interviewers who asked for it that this response was posted. Never throws. */
export function queueNotices(responseId: string, origin: string): void {
	const mail = mailer();
	if (!mail) return;
	queue = queue.then(async () => {
		try {
			const list = await notices.recipients(responseId);
			if (list.recipients.length > 0) {
				await sendNotices(mail.transporter, mail.from, list, origin);
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
