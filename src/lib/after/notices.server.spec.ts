// The queue behind the response form: it answers at once whatever the mail server does, sends
// through SMTP only when the installation has it, and logs (never throws) when sending fails.
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';

const env: Record<string, string | undefined> = {};
vi.mock('$env/dynamic/private', () => ({ env }));
const recipients = vi.fn();
vi.mock('$lib/server/api/notices', () => ({ recipients }));

const { noticesEnabled, noticesSettled, queueNotices } = await import('./notices.server');

const NOTICES = {
	round_title: 'Pleegouders aan het woord 2027',
	finding_id: '10000000-0000-4000-8000-000000000401',
	response_id: '20000000-0000-4000-8000-000000000001',
	status: 'afgerond',
	recipients: ['noor@voorbeeld.example']
};

describe('queueing e-mail notices', () => {
	// An SMTP server that greets and then never answers again: a mail server that hangs.
	const hanging = createServer((socket) => socket.write('220 traag\r\n'));
	// One that takes a whole message.
	const messages: string[] = [];
	const working = createServer((socket) => {
		let data = false;
		socket.write('220 ok\r\n');
		socket.on('data', (chunk) => {
			for (const line of chunk.toString().split('\r\n').filter(Boolean)) {
				if (data) {
					if (line === '.') {
						data = false;
						socket.write('250 ok\r\n');
					} else messages.push(line);
				} else if (/^DATA/i.test(line)) {
					data = true;
					socket.write('354 go\r\n');
				} else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
				else socket.write('250 ok\r\n');
			}
		});
	});
	const portOf = (server: typeof working) => (server.address() as { port: number }).port;

	beforeAll(async () => {
		for (const server of [hanging, working]) {
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		}
	});
	afterAll(() => {
		hanging.close();
		working.close();
	});
	beforeEach(() => {
		recipients.mockReset();
		delete env.KLANKBORD_SMTP_URL;
		delete env.KLANKBORD_MAIL_FROM;
	});

	test('without SMTP nothing is looked up and nothing is sent', async () => {
		expect(noticesEnabled()).toBe(false);
		env.KLANKBORD_SMTP_URL = `smtp://127.0.0.1:${portOf(working)}`;
		expect(noticesEnabled()).toBe(false); // a sender address is needed too
		delete env.KLANKBORD_SMTP_URL;
		queueNotices(NOTICES.response_id, 'https://klankbord.example');
		await noticesSettled();
		expect(recipients).not.toHaveBeenCalled();
	});

	test('with SMTP the notice goes out, behind the request', async () => {
		env.KLANKBORD_SMTP_URL = `smtp://127.0.0.1:${portOf(working)}?ignoreTLS=true`;
		env.KLANKBORD_MAIL_FROM = 'klankbord@voorbeeld.example';
		recipients.mockResolvedValue(NOTICES);
		queueNotices(NOTICES.response_id, 'https://klankbord.example');
		await noticesSettled();
		expect(recipients).toHaveBeenCalledWith(NOTICES.response_id);
		const mail = messages.join('\n').replace(/=\n/g, '');
		expect(mail).toContain('To: noor@voorbeeld.example');
		expect(mail).toContain(`/bevinding/${NOTICES.finding_id}#antwoord-${NOTICES.response_id}`);
	});

	test('a hanging mail server does not hold up the caller', async () => {
		env.KLANKBORD_SMTP_URL = `smtp://127.0.0.1:${portOf(hanging)}?ignoreTLS=true&greetingTimeout=300&socketTimeout=300`;
		env.KLANKBORD_MAIL_FROM = 'klankbord@voorbeeld.example';
		recipients.mockResolvedValue(NOTICES);
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		let settled = false;
		// Returns before anything was sent: the response's redirect does not wait for mail.
		expect(queueNotices(NOTICES.response_id, 'https://klankbord.example')).toBeUndefined();
		const done = noticesSettled().then(() => (settled = true));
		expect(settled).toBe(false);
		await done;
		// The failure is logged, not thrown, and without the address.
		expect(errors).toHaveBeenCalled();
		expect(JSON.stringify(errors.mock.calls)).not.toContain('noor@');
		errors.mockRestore();
	});

	test('a database failure is logged, not thrown', async () => {
		env.KLANKBORD_SMTP_URL = `smtp://127.0.0.1:${portOf(working)}`;
		env.KLANKBORD_MAIL_FROM = 'klankbord@voorbeeld.example';
		recipients.mockRejectedValue(new Error('not_found'));
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		queueNotices(NOTICES.response_id, 'https://klankbord.example');
		await expect(noticesSettled()).resolves.toBeUndefined();
		expect(errors).toHaveBeenCalledTimes(1);
		errors.mockRestore();
	});
});
