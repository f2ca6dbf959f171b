// Just enough SMTP for tests: nodemailer talks to it over node:net and it keeps what it was
// sent, so a test reads a message as a mail server would.
import { createServer, type Server } from 'node:net';

export type Received = { from: string; to: string[]; data: string };

/** Just enough SMTP for one client: EHLO, MAIL, RCPT, DATA, QUIT. Refuses RCPT of `refuse`. */
export function smtpServer(received: Received[], refuse = 'weigert@voorbeeld.example'): Server {
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
