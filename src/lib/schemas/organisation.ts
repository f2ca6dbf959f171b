// The organisation's name, themes and municipalities, as the setup wizard and the organisation
// page read them. Built per call, so messages come out in the request's language.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { municipalityByCode, type OfficialMunicipality } from '$lib/data/municipalities';

export const THEME_MAX = 60;
export const THEMES_MAX = 20;
/**
 * What a new organisation starts with (B1: short everyday words). The database's default for
 * app.organisations.themes is the same list, for organisations made another way.
 */
export const DEFAULT_THEMES = ['Toegang', 'Bejegening', 'Samenwerking', 'Wachttijd', 'Resultaat'];

/** One theme a line, as typed in the textarea; blank lines and repeats (any case) drop out. */
export function themeLines(text: string): string[] {
	const seen = new Set<string>();
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => {
			if (line === '' || seen.has(line.toLowerCase())) return false;
			seen.add(line.toLowerCase());
			return true;
		});
}

export function themesSchema() {
	return z
		.string()
		.transform(themeLines)
		.pipe(
			z
				.array(z.string().max(THEME_MAX, m.org_error_theme_long({ max: THEME_MAX })))
				.min(1, m.org_error_themes_none())
				.max(THEMES_MAX, m.org_error_themes_many({ max: THEMES_MAX }))
		);
}

/** CBS codes from the official list; at least one. An unknown code is refused by name. */
export function municipalityCodesSchema() {
	return z
		.array(z.string())
		.min(1, m.org_error_municipalities_none())
		.transform((codes, ctx) => {
			const found: OfficialMunicipality[] = [];
			for (const code of new Set(codes)) {
				const municipality = municipalityByCode(code);
				if (!municipality) {
					ctx.addIssue({ code: 'custom', message: m.org_error_municipality_unknown() });
					return z.NEVER;
				}
				found.push(municipality);
			}
			return found;
		});
}

export function organisationSchema() {
	return z.object({
		name: z.string().trim().min(2, m.staff_error_org_empty()).max(120, m.staff_error_org_long()),
		themes: themesSchema()
	});
}
