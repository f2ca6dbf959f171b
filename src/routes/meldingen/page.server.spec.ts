// Without SMTP no address can be left: the page says so and the action refuses, whatever is
// posted; an address left before SMTP was turned off can still be removed.
import { beforeEach, describe, expect, test, vi } from 'vitest';

const env: Record<string, string | undefined> = {};
vi.mock('$env/dynamic/private', () => ({ env }));
const api = { address: vi.fn(), leave: vi.fn(), remove: vi.fn() };
vi.mock('$lib/server/api/notices', () => api);
const noor = { kind: 'interviewer', id: 'noor', sessionId: 's' };
vi.mock('$lib/server/api/interviews', () => ({ requireInterviewer: () => noor }));

const { actions, load } = await import('./+page.server');

const post = (email: string) =>
	({
		locals: { person: noor },
		request: new Request('http://x/meldingen?/save', {
			method: 'POST',
			body: new URLSearchParams({ email })
		})
	}) as unknown as Parameters<typeof actions.save>[0];

describe('/meldingen without SMTP', () => {
	beforeEach(() => {
		delete env.KLANKBORD_SMTP_URL;
		delete env.KLANKBORD_MAIL_FROM;
		for (const fn of Object.values(api)) fn.mockReset();
		api.address.mockResolvedValue({ email: null });
	});

	test('the page offers no form', async () => {
		const data = await load({
			locals: { person: noor },
			url: new URL('http://x/meldingen')
		} as unknown as Parameters<typeof load>[0]);
		expect(data).toMatchObject({ enabled: false, email: null });
	});

	test('a posted address is refused in Dutch and never reaches the database', async () => {
		const result = await actions.save(post('noor@voorbeeld.example'));
		expect(result).toMatchObject({
			status: 400,
			data: {
				errors: { email: 'Deze installatie stuurt geen e-mail. Je kunt geen adres achterlaten.' }
			}
		});
		expect(api.leave).not.toHaveBeenCalled();
	});

	test('removing still works', async () => {
		await expect(
			actions.remove({ locals: { person: noor } } as unknown as Parameters<
				typeof actions.remove
			>[0])
		).rejects.toMatchObject({ status: 303, location: '/meldingen?melding=weg' });
		expect(api.remove).toHaveBeenCalledWith(noor);
	});

	test('with SMTP set, the address goes to the database', async () => {
		env.KLANKBORD_SMTP_URL = 'smtp://127.0.0.1:1';
		env.KLANKBORD_MAIL_FROM = 'klankbord@voorbeeld.example';
		await expect(actions.save(post('noor@voorbeeld.example'))).rejects.toMatchObject({
			status: 303
		});
		expect(api.leave).toHaveBeenCalledWith(noor, 'noor@voorbeeld.example');
	});
});
