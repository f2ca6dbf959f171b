import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import PiiWarning from './PiiWarning.svelte';

const redact = () => page.getByRole('button', { name: 'Vervang “123456782” door [bsn]' });

describe('PiiWarning', () => {
	test('says nothing about ordinary text', async () => {
		await render(PiiWarning, { id: 'statement-pii', text: 'We wachtten in 2024 en 2025 maanden.' });
		expect(page.getByRole('status').element().textContent?.trim()).toBe('');
		await expect.element(redact()).not.toBeInTheDocument();
	});

	test('warns, in words, about every kind of identifying text it sees', async () => {
		await render(PiiWarning, {
			id: 'statement-pii',
			text: 'Bel 06-12345678 of mail naar jan@example.nl.'
		});
		await expect
			.element(page.getByRole('status'))
			.toHaveTextContent(
				'Let op: hier staat misschien iets waarmee je iemand kunt herkennen: een telefoonnummer, een e-mailadres.'
			);
	});

	test('offers one tap per item, with its own placeholder', async () => {
		await render(PiiWarning, { id: 'open-pii', text: 'Daan belde 06-12345678.' });
		await expect.element(page.getByRole('status')).toHaveTextContent('een voornaam');
		await page.getByRole('button', { name: 'Vervang “Daan” door [naam]' }).click();
		await expect
			.element(page.getByRole('button', { name: 'Vervang “06-12345678” door [telefoon]' }))
			.toBeInTheDocument();
		await expect
			.element(page.getByRole('button', { name: 'Vervang “Daan” door [naam]' }))
			.not.toBeInTheDocument();
	});

	test('one tap on “Vervang door [bsn]” replaces it, and the warning goes (FindingForm: into the field)', async () => {
		await render(PiiWarning, { id: 'quote-pii', text: 'Haar BSN is 123456782, zei ze.' });
		await expect.element(page.getByRole('status')).toHaveTextContent('een BSN');
		await redact().click();
		await expect.element(redact()).not.toBeInTheDocument();
		expect(page.getByRole('status').element().textContent?.trim()).toBe('');
	});
});
