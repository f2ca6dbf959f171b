import { describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ComponentProps } from 'svelte';
import type { GroupFinding } from '$lib/server/api/findings';
import Page from './+page.svelte';

// The states of "Bevindingen van de groep" the e2e cannot reach with the demo's rounds: a round
// without findings yet, and a round whose evening has begun.
type Data = ComponentProps<typeof Page>['data'];

const finding = (over: Partial<GroupFinding>): GroupFinding => ({
	id: null,
	own: false,
	statement: 'Ouders wachten lang op een eerste gesprek.',
	quote: null,
	theme: 'Wachttijd',
	created_at: '2026-11-20T10:00:00Z',
	updated_at: '2026-11-20T10:00:00Z',
	...over
});

const show = (group: Data['group']) =>
	render(Page, { data: { group } as Data, params: {} } as ComponentProps<typeof Page>);

describe('Bevindingen van de groep', () => {
	test('no findings yet: a calm sentence and the way to write one', async () => {
		await show({ editable: true, readable: true, groups: [] });
		await expect
			.element(page.getByText('Er zijn nog geen bevindingen in jullie ronde.', { exact: false }))
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Nieuwe bevinding' }))
			.toHaveAttribute('href', '/bevindingen/nieuw');
		await expect.element(page.getByRole('heading', { level: 2 })).not.toBeInTheDocument();
	});

	test('joined but nothing sent yet: why the list is closed, and the way to an interview', async () => {
		await show({ editable: true, readable: false, groups: [] });
		await expect
			.element(
				page.getByText('Je kunt de bevindingen van de groep lezen als je zelf', { exact: false })
			)
			.toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Nieuw gesprek' }))
			.toHaveAttribute('href', '/gesprekken/nieuw');
		await expect
			.element(page.getByText('Er zijn nog geen bevindingen', { exact: false }))
			.not.toBeInTheDocument();
	});

	test('the evening has begun: said once, and no edit link, not even for one’s own', async () => {
		await show({
			editable: false,
			readable: true,
			groups: [
				{
					theme: null,
					findings: [
						finding({
							id: 'f1',
							own: true,
							quote: '„Bel me terug.”',
							updated_at: '2026-11-22T10:00:00Z'
						})
					]
				}
			]
		});
		await expect.element(page.getByText('De avond is begonnen.', { exact: false })).toBeVisible();
		await expect.element(page.getByText('Jouw bevinding')).toBeVisible();
		await expect
			.element(page.getByRole('link', { name: 'Aanpassen of intrekken' }))
			.not.toBeInTheDocument();
		await expect
			.element(page.getByRole('heading', { level: 2, name: 'Zonder thema' }))
			.toBeVisible();
		// One pair of marks, the ones typed taken off; a correction days later says so.
		await expect.element(page.getByText('“Bel me terug.”', { exact: true })).toBeVisible();
		await expect.element(page.getByText('Aangepast op 22 november 2026')).toBeVisible();
	});

	test('fieldwork: only one’s own has the edit link, to its own page', async () => {
		await show({
			editable: true,
			readable: true,
			groups: [
				{
					theme: 'Wachttijd',
					findings: [
						finding({}),
						finding({ id: 'f2', own: true, statement: 'Mijn eigen bevinding.' })
					]
				}
			]
		});
		const links = page.getByRole('link', { name: 'Aanpassen of intrekken' });
		await expect.element(links).toHaveAttribute('href', '/bevindingen/f2');
		expect(links.all()).toHaveLength(1);
		await expect.element(page.getByText('Jouw bevinding')).toBeVisible();
		await expect.element(page.getByText('Geschreven op 20 november 2026').first()).toBeVisible();
	});
});
