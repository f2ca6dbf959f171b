import { afterEach, describe, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { setLocale } from '$lib/paraglide/runtime';
import LanguageSwitch from './LanguageSwitch.svelte';

// The page the switch is on, with a query the person must not lose.
vi.mock('$app/state', () => ({
	page: { url: new URL('https://klankbord.example/gesprekken?melding=bevinding-opgeslagen') }
}));

const switcher = (name = 'Taal') => page.getByRole('form', { name });

afterEach(() => setLocale('nl', { reload: false }));

describe('LanguageSwitch', () => {
	test('offers Dutch and English, each in its own language, with Dutch chosen by default', async () => {
		await render(LanguageSwitch);
		const dutch = switcher().getByRole('button', { name: 'Nederlands' });
		const english = switcher().getByRole('button', { name: 'English' });
		await expect.element(dutch).toHaveAttribute('aria-pressed', 'true');
		await expect.element(english).toHaveAttribute('aria-pressed', 'false');
		await expect.element(dutch).toHaveAttribute('lang', 'nl');
		await expect.element(english).toHaveAttribute('lang', 'en');
	});

	test('works without JavaScript: a form that posts the choice and the page to come back to', async () => {
		await render(LanguageSwitch);
		const form = switcher().element() as HTMLFormElement;
		expect(form.method).toBe('post');
		expect(new URL(form.action).pathname).toBe('/taal');
		const data = new FormData(
			form,
			switcher().getByRole('button', { name: 'English' }).element() as HTMLButtonElement
		);
		expect(Object.fromEntries(data)).toEqual({
			redirect: '/gesprekken?melding=bevinding-opgeslagen',
			locale: 'en'
		});
	});

	test('in English it is labelled in English and marks English as chosen', async () => {
		await setLocale('en', { reload: false });
		await render(LanguageSwitch);
		const english = switcher('Language').getByRole('button', { name: 'English' });
		const dutch = switcher('Language').getByRole('button', { name: 'Nederlands' });
		await expect.element(english).toHaveAttribute('aria-pressed', 'true');
		await expect.element(dutch).toHaveAttribute('aria-pressed', 'false');
	});
});
