import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import FindingForm from './FindingForm.svelte';

const statement = () => page.getByLabelText('Bevinding', { exact: true });
const confirm = () =>
	page.getByRole('checkbox', { name: 'Ik heb het gecontroleerd. Toch opslaan.' });

describe('FindingForm', () => {
	test('counts the characters while the interviewer types', async () => {
		await render(FindingForm, { initial: {}, themes: ['Wachttijd'] });
		await expect.element(statement()).toHaveAccessibleDescription(/0 van 600 tekens/);
		await statement().fill('Ouders wachtten maanden.');
		await expect.element(statement()).toHaveAccessibleDescription(/24 van 600 tekens/);
	});

	test('warns about a phone number as it is typed, and one tap takes it out of the field', async () => {
		await render(FindingForm, { initial: {}, themes: [] });
		await statement().fill('Ouders wachtten maanden. Bel 06-12345678.');
		await expect.element(page.getByText(/een telefoonnummer/)).toBeVisible();
		// Warned, never blocked: saving anyway stays possible.
		await expect.element(confirm()).toBeInTheDocument();

		await page.getByRole('button', { name: /door \[telefoon\]/ }).click();
		await expect.element(statement()).toHaveValue('Ouders wachtten maanden. Bel [telefoon].');
		await expect.element(page.getByText(/een telefoonnummer/)).not.toBeInTheDocument();
		await expect.element(confirm()).not.toBeInTheDocument();
	});

	test('shows the server’s message at its field and keeps what was sent', async () => {
		await render(FindingForm, {
			initial: { statement: 'x'.repeat(601), quote: '', theme: 'Wachttijd' },
			errors: { statement: 'Je bevinding is te lang.' },
			themes: ['Wachttijd']
		});
		await expect.element(statement()).toHaveValue('x'.repeat(601));
		await expect.element(statement()).toHaveAttribute('aria-invalid', 'true');
		await expect.element(statement()).toHaveAccessibleDescription(/Je bevinding is te lang\./);
		await expect.element(page.getByLabelText('Thema')).toHaveValue('Wachttijd');
	});
});
