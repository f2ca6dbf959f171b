import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { IdentifyingKind } from '$lib/pii';
import type {
	AgeBand,
	QuestionKind,
	RoundState,
	TargetGroup,
	consentForms,
	intervieweeGroups,
	ResponseStatus,
	StaffRole,
	VerdictKind
} from '$lib/schemas/domain';

/**
 * Words for the codes the pages show (schemas/domain.ts), in the language of the request. A code
 * the database adds later is shown as itself rather than breaking the page.
 */

type Words<K extends string> = Record<K, () => string>;
const wordFor =
	<K extends string>(words: Words<K>) =>
	(code: string): string =>
		(Object.hasOwn(words, code) ? words[code as K] : () => code)();

export const AGE_LABELS: Words<AgeBand> = {
	onder_12: m.field_age_onder_12,
	'12_15': m.field_age_12_15,
	'16_17': m.field_age_16_17,
	'18_23': m.field_age_18_23,
	'24_plus': m.field_age_24_plus
};
export const ageLabel = wordFor(AGE_LABELS);

export const CONSENT_FORM_LABELS: Words<(typeof consentForms)[number]> = {
	mondeling: m.field_consent_mondeling,
	schriftelijk: m.field_consent_schriftelijk
};

export const INTERVIEWEE_GROUP_LABELS: Words<(typeof intervieweeGroups)[number]> = {
	ouder: m.field_group_ouder,
	jongere: m.field_group_jongere
};

export const intervieweeGroupLabel = wordFor(INTERVIEWEE_GROUP_LABELS);

export const PII_LABELS: Words<IdentifyingKind> = {
	phone: m.field_pii_kind_phone,
	email: m.field_pii_kind_email,
	bsn: m.field_pii_kind_bsn,
	postcode: m.field_pii_kind_postcode,
	birthdate: m.field_pii_kind_birthdate,
	iban: m.field_pii_kind_iban,
	name: m.field_pii_kind_name
};

/** What one tap puts in place of an identifying span: "[naam]", "[telefoon]". */
export const PII_PLACEHOLDERS: Words<IdentifyingKind> = {
	phone: m.field_pii_placeholder_phone,
	email: m.field_pii_placeholder_email,
	bsn: m.field_pii_placeholder_bsn,
	postcode: m.field_pii_placeholder_postcode,
	birthdate: m.field_pii_placeholder_birthdate,
	iban: m.field_pii_placeholder_iban,
	name: m.field_pii_placeholder_name
};

export const roundStateLabel = wordFor<RoundState>({
	concept: m.staff_state_concept,
	veldwerk: m.staff_state_veldwerk,
	avond: m.staff_state_avond,
	gepubliceerd: m.staff_state_gepubliceerd,
	gearchiveerd: m.staff_state_gearchiveerd
});

export const targetGroupLabel = wordFor<TargetGroup>({
	ouders: m.staff_group_ouders,
	jongeren: m.staff_group_jongeren
});

export const QUESTION_KIND_LABELS: Words<QuestionKind> = {
	open: m.staff_kind_open,
	scale: m.staff_kind_scale,
	single: m.staff_kind_single,
	multi: m.staff_kind_multi
};
export const questionKindLabel = wordFor(QUESTION_KIND_LABELS);

export const formatDate = (iso: string) =>
	new Intl.DateTimeFormat(getLocale(), { day: 'numeric', month: 'long', year: 'numeric' }).format(
		new Date(iso)
	);

export const STATUS_LABELS: Words<ResponseStatus> = {
	wordt_opgepakt: m.after_status_wordt_opgepakt,
	in_onderzoek: m.after_status_in_onderzoek,
	niet_mogelijk: m.after_status_niet_mogelijk,
	afgerond: m.after_status_afgerond
};
export const statusLabel = wordFor(STATUS_LABELS);

/** Who answered, by role only: a response never names a person. */
export const AUTHOR_ROLE_LABELS: Words<StaffRole> = {
	coordinator: m.after_role_coordinator,
	municipal: m.after_role_municipal
};
export const authorRoleLabel = wordFor(AUTHOR_ROLE_LABELS);

export const VERDICT_LABELS: Words<VerdictKind> = {
	helpt: m.after_verdict_helpt,
	helpt_nog_niet: m.after_verdict_helpt_nog_niet,
	gaat_langs_ons_heen: m.after_verdict_gaat_langs_ons_heen
};
export const verdictLabel = wordFor(VERDICT_LABELS);
