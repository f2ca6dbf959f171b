import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { IdentifyingKind } from '$lib/pii';

/** Words for the codes the interviewer's pages show; shared by /gesprekken and /bevindingen. */

export const AGE_LABELS: Record<string, () => string> = {
	onder_12: m.field_age_onder_12,
	'12_15': m.field_age_12_15,
	'16_17': m.field_age_16_17,
	'18_23': m.field_age_18_23,
	'24_plus': m.field_age_24_plus
};

export const ageLabel = (band: string) => (AGE_LABELS[band] ?? (() => band))();

export const PII_LABELS: Record<IdentifyingKind, () => string> = {
	phone: m.field_pii_kind_phone,
	email: m.field_pii_kind_email,
	bsn: m.field_pii_kind_bsn,
	postcode: m.field_pii_kind_postcode,
	birthdate: m.field_pii_kind_birthdate
};

export const formatDate = (iso: string) =>
	new Intl.DateTimeFormat(getLocale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(
		new Date(iso)
	);
