// The organisation page's functions: a coordinator changes the name, the themes and the
// municipalities of their own organisation; municipal users look; nobody reaches another
// organisation's municipalities. Bad input changes nothing.
import { beforeAll, describe, expect, test } from 'vitest';
import { describeBackends } from './harness';
import { createOrganisation, createRound, createStaff, uid, type Staff } from './fixtures';

describeBackends('the organisation page', (backend) => {
	let org: Awaited<ReturnType<typeof createOrganisation>>;
	let otherOrg: Awaited<ReturnType<typeof createOrganisation>>;
	let coordinator: Staff;
	let officer: Staff;
	let otherCoordinator: Staff;
	beforeAll(async () => {
		org = await createOrganisation(backend());
		otherOrg = await createOrganisation(backend());
		coordinator = await createStaff(backend(), org.id, 'coordinator');
		officer = await createStaff(backend(), org.id, 'municipal', org.municipalityIds.slice(0, 1));
		otherCoordinator = await createStaff(backend(), otherOrg.id, 'coordinator');
		await createRound(backend(), org, 'veldwerk'); // works in the first two municipalities
	});

	const get = async (who: Staff) => {
		const { data, error } = await backend().rpc(who.claims, 'organisation_get');
		expect(error).toBeNull();
		return data as {
			name: string;
			themes: string[];
			municipalities: { id: string; name: string; cbs_code: string | null; in_use: boolean }[];
		};
	};

	test('every new organisation starts with the B1 themes', async () => {
		expect((await get(officer)).themes).toEqual([
			'Toegang',
			'Bejegening',
			'Samenwerking',
			'Wachttijd',
			'Resultaat'
		]);
	});

	test('a coordinator renames and changes the themes; they are trimmed and without repeats', async () => {
		const name = `Hernoemd ${uid()}`;
		const { error } = await backend().rpc(coordinator.claims, 'organisation_update', {
			p_name: ` ${name} `,
			p_themes: [' Toegang ', 'toegang', '', 'Inspraak']
		});
		expect(error).toBeNull();
		expect(await get(coordinator)).toMatchObject({ name, themes: ['Toegang', 'Inspraak'] });
	});

	describe('bad input changes nothing', () => {
		test.each([
			['no theme', { p_themes: [' '] }, 'themes'],
			['a theme of 61 characters', { p_themes: ['x'.repeat(61)] }, 'themes'],
			['a name of one letter', { p_name: 'X' }, 'name']
		])('%s', async (_what, change, hint) => {
			const before = await get(coordinator);
			const { error } = await backend().rpc(coordinator.claims, 'organisation_update', {
				p_name: before.name,
				p_themes: before.themes,
				...change
			});
			expect(error).toMatchObject({ code: 'P0001', message: 'invalid_input', hint });
			expect(await get(coordinator)).toEqual(before);
		});

		test.each([
			['a code that is no CBS code', 'GM12', 'Nepstad'],
			['an empty name', 'GM0344', ' ']
		])('a municipality with %s', async (_what, code, name) => {
			const before = await get(coordinator);
			const { error } = await backend().rpc(coordinator.claims, 'municipality_add', {
				p_cbs_code: code,
				p_name: name
			});
			expect(error).toMatchObject({ message: 'invalid_input', hint: 'municipalities' });
			expect(await get(coordinator)).toEqual(before);
		});
	});

	test('a coordinator adds a municipality once; a second time says it is there already', async () => {
		const add = () =>
			backend().rpc(coordinator.claims, 'municipality_add', {
				p_cbs_code: 'GM0344',
				p_name: 'Utrecht'
			});
		expect((await add()).error).toBeNull();
		expect((await get(coordinator)).municipalities).toContainEqual(
			expect.objectContaining({ name: 'Utrecht', cbs_code: 'GM0344', in_use: false })
		);
		expect((await add()).error).toMatchObject({ message: 'municipality_exists' });
	});

	test('a municipality a round works in stays; one without rounds can go', async () => {
		const inUse = org.municipalityIds[0];
		const free = org.municipalityIds[2];
		const remove = (id: string) =>
			backend().rpc(coordinator.claims, 'municipality_remove', { p_municipality_id: id });
		expect((await remove(inUse)).error).toMatchObject({ message: 'municipality_in_use' });
		expect((await remove(free)).error).toBeNull();
		const ids = (await get(coordinator)).municipalities.map((m) => m.id);
		expect(ids).toContain(inUse);
		expect(ids).not.toContain(free);
	});

	test('a municipal user looks but changes nothing', async () => {
		for (const [fn, args] of [
			['organisation_update', { p_name: 'Van de gemeente', p_themes: ['Toegang'] }],
			['municipality_add', { p_cbs_code: 'GM0363', p_name: 'Amsterdam' }],
			['municipality_remove', { p_municipality_id: org.municipalityIds[1] }]
		] as const) {
			const { error } = await backend().rpc(officer.claims, fn, args);
			expect(error).toMatchObject({ code: '42501', message: 'not_allowed' });
		}
	});

	test('another organisation’s coordinator cannot remove our municipality nor see it', async () => {
		const { error } = await backend().rpc(otherCoordinator.claims, 'municipality_remove', {
			p_municipality_id: org.municipalityIds[1]
		});
		expect(error).toMatchObject({ code: 'P0002', message: 'not_found' });
		const theirs = (await get(otherCoordinator)).municipalities.map((m) => m.id);
		expect(theirs.some((id) => org.municipalityIds.includes(id))).toBe(false);
		const [row] = await backend().sql<{ n: number }>(
			`select count(*)::int as n from app.municipalities where id = $1`,
			[org.municipalityIds[1]]
		);
		expect(row.n).toBe(1);
	});
});
