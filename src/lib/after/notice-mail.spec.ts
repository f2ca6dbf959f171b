// The notice through a real SMTP conversation with a tiny SMTP server (tests/unit/smtp-server).
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { smtpServer, type Received } from '../../../tests/unit/smtp-server';
import { composeNotice, sendNotices } from './notice-mail';

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
