// The installation's mail server, when it has one: KLANKBORD_SMTP_URL (smtp:// or smtps://, with
// user and password if the server wants them) and KLANKBORD_MAIL_FROM. Without both, Klankbord
// sends no e-mail at all and every page works without it (README, "E-mail").
import { env } from '$env/dynamic/private';
import nodemailer, { type Transporter } from 'nodemailer';

export function mailEnabled(): boolean {
	return Boolean(env.KLANKBORD_SMTP_URL?.trim() && env.KLANKBORD_MAIL_FROM?.trim());
}

let transport: { url: string; transporter: Transporter } | undefined;

/** The transport and sender, or null without a mail server. One transport per URL. */
export function mailer(): { transporter: Transporter; from: string } | null {
	if (!mailEnabled()) return null;
	const url = env.KLANKBORD_SMTP_URL!.trim();
	if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
	return { transporter: transport.transporter, from: env.KLANKBORD_MAIL_FROM!.trim() };
}
