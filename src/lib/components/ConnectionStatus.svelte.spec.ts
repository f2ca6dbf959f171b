import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ConnectionStatus from './ConnectionStatus.svelte';

const said = () => page.getByRole('status').element().textContent?.trim();

describe('ConnectionStatus', () => {
	test('says nothing while the board is live, but is there for screen readers', async () => {
		await render(ConnectionStatus, { connection: 'live' });
		await expect.element(page.getByRole('status')).toBeInTheDocument();
		expect(said()).toBe('');
	});

	test('says calmly that it reconnects when the connection dropped, and stops once it is back', async () => {
		const screen = await render(ConnectionStatus, { connection: 'live' });
		await screen.rerender({ connection: 'reconnecting' });
		await expect.element(page.getByRole('status')).toHaveTextContent('Opnieuw verbinden…');
		await screen.rerender({ connection: 'live' });
		await expect.poll(said).toBe('');
	});

	test('says nothing while it is still connecting the first time', async () => {
		await render(ConnectionStatus, { connection: 'connecting' });
		expect(said()).toBe('');
	});
});
