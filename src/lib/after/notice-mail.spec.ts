// The notice through a real SMTP conversation: nodemailer talks to a tiny SMTP server (node:net)
// that keeps what it was sent, so the test reads the message as a mail server would.
import { createServer, type Server } from 'node:net';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { composeNotice, sendNotices } from './notice-mail';

type Received = { from: string; to: string[]; data: string };

/** Just enough SMTP for one client: EHLO, MAIL, RCPT, DATA, QUIT. Refuses RCPT of `refuse`. */
function smtpServer(received: Received[], refuse = 'weigert@voorbeeld.example'): Server {
	return createServer((socket) => {
		let mail: Received = { from: '', to: [], data: '' };
		let inData = false;
		let buffer = '';
		socket.write('220 test ESMTP\r\n');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let end: number;
			while ((end = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						received.push(mail);
						mail = { from: '', to: [], data: '' };
						socket.write('250 queued\r\n');
					} else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
				else if (verb === 'MAIL') {
					mail.from = line;
					socket.write('250 ok\r\n');
				} else if (verb === 'RCPT') {
					// Like many servers, it names the address it refuses.
					if (line.includes(refuse)) socket.write(`550 <${refuse}> no such user\r\n`);
					else {
						mail.to.push(line);
						socket.write('250 ok\r\n');
					}
				} else if (verb === 'DATA') {
					inData = true;
					socket.write('354 go on\r\n');
				} else if (verb === 'RSET') socket.write('250 ok\r\n');
				else if (verb === 'QUIT') socket.end('221 bye\r\n');
				else socket.write('502 no\r\n');
			}
		});
	});
}

const NOTICES = {
	round_title: 'Pleegouders aan het woord 2027',
	finding_id: '10000000-0000-4000-8000-000000000401',
	response_id: '20000000-0000-4000-8000-000000000001',
	status: 'wordt_opgepakt' as const,
	recipients: ['noor@voorbeeld.example', 'weigert@voorbeeld.example', 'bas@voorbeeld.example']
};

describe('the e-mail notice of a new response', () => {
	const received: Received[] = [];
	const server = smtpServer(received);
	let port = 0;

	beforeAll(async () => {
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as { port: number }).port;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	test('one short mail per address, with the link and nothing of the finding', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		const transport = nodemailer.createTransport({
			host: '127.0.0.1',
			port,
			secure: false,
			ignoreTLS: true
		});
		const result = await sendNotices(
			transport,
			'Klankbord <klankbord@voorbeeld.example>',
			NOTICES,
			'https://klankbord.example'
		);
		// The refused address failed on its own, logged without the address; the others went.
		expect(result).toEqual({ sent: 2, failed: 1 });
		expect(errors).toHaveBeenCalledTimes(1);
		expect(JSON.stringify(errors.mock.calls)).not.toContain('weigert@');
		errors.mockRestore();

		expect(received.map((r) => r.to)).toEqual([
			['RCPT TO:<noor@voorbeeld.example>'],
			['RCPT TO:<bas@voorbeeld.example>']
		]);
		for (const [i, { data }] of received.entries()) {
			// Nobody sees who else asked: each mail names its own address only.
			const [own, other] = i === 0 ? ['noor@', 'bas@'] : ['bas@', 'noor@'];
			expect(data).toContain(own);
			expect(data).not.toContain(other);
			const body = data.replace(/=\r?\n/g, '');
			expect(body).toContain(
				'https://klankbord.example/bevinding/10000000-0000-4000-8000-000000000401#antwoord-20000000-0000-4000-8000-000000000001'
			);
			expect(body).toContain('https://klankbord.example/meldingen');
			expect(body).toContain('Wordt opgepakt');
		}
	});

	test('in plain Dutch, and without anyone’s address in the text', () => {
		// The finding's and the response's text never reach this module (api.response_notices
		// does not give them: tests/db/notices.test.ts); the addresses must not leak into the text.
		const mail = composeNotice(NOTICES, 'https://klankbord.example');
		expect(mail.subject).toBe('Nieuw antwoord in ‘Pleegouders aan het woord 2027’');
		expect(mail.text).toContain('Stand van zaken: Wordt opgepakt.');
		expect(mail.text).not.toContain('@');
	});
});
