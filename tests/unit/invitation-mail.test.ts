// The invitation by e-mail through a real SMTP conversation (tests/unit/smtp-server): what the
// invitee receives, and that a refusing or silent mail server makes `false` and a log line
// without the address, never an error for the coordinator.
import { createServer, type Server, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { composeInvitation, sendInvitation } from '$lib/server/invitation-mail';
import { smtpServer, type Received } from './smtp-server';

const LINK = 'https://klankbord.example/uitnodiging/abcDEF123';
const FROM = 'Klankbord <klankbord@voorbeeld.example>';

const listen = (server: Server) =>
	new Promise<number>((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port))
	);
const transportAt = (port: number) =>
	nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

describe('an invitation by e-mail', () => {
	const received: Received[] = [];
	const server = smtpServer(received);
	// Takes the connection and never says a word, like a firewall that swallows it.
	const held: Socket[] = [];
	const silent = createServer((socket) => void held.push(socket));
	let port = 0;
	let silentPort = 0;

	beforeAll(async () => {
		port = await listen(server);
		silentPort = await listen(silent);
	});
	afterAll(async () => {
		await new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of held) socket.destroy();
		await new Promise<void>((resolve) => silent.close(() => resolve()));
	});

	test('the invitee gets the link and its last day, in plain Dutch', async () => {
		const sent = await sendInvitation(
			{ transporter: transportAt(port), from: FROM },
			'raadslid@ermelo.example',
			LINK,
			'2026-12-09T12:00:00Z'
		);
		expect(sent).toBe(true);
		expect(received).toHaveLength(1);
		expect(received[0].to).toEqual(['RCPT TO:<raadslid@ermelo.example>']);
		const body = received[0].data.replace(/=\r?\n/g, '');
		expect(body).toContain(LINK);
		const mail = composeInvitation(LINK, '2026-12-09T12:00:00Z');
		expect(mail.subject).toBe('Uw uitnodiging voor Klankbord');
		expect(mail.text).toContain('tot woensdag 9 december 2026');
		expect(mail.text).toContain('Vraag dan de coördinator om een nieuwe link.');
	});

	test('a refused address: false, and the log does not name it', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		const sent = await sendInvitation(
			{ transporter: transportAt(port), from: FROM },
			'weigert@voorbeeld.example',
			LINK,
			'2026-12-09T12:00:00Z'
		);
		expect(sent).toBe(false);
		expect(errors).toHaveBeenCalledTimes(1);
		expect(JSON.stringify(errors.mock.calls)).not.toContain('weigert@');
		errors.mockRestore();
	});

	test('a mail server that never answers: false after the wait, not a hanging page', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		const started = Date.now();
		const sent = await sendInvitation(
			{ transporter: transportAt(silentPort), from: FROM },
			'raadslid@ermelo.example',
			LINK,
			'2026-12-09T12:00:00Z',
			300
		);
		expect(sent).toBe(false);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(String(errors.mock.calls[0]?.[1])).toContain('no answer from the mail server');
		errors.mockRestore();
	});
});
