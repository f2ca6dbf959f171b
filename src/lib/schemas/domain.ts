import { z } from 'zod';

/**
 * The words of the domain exactly as the database stores them (supabase/API.md), and the limits
 * it enforces on typed text. One home each: forms, api wrappers, labels and pages import them.
 */

/** A round's life (PRODUCT.md, "A round's life"). */
export const roundStates = [
	'concept',
	'veldwerk',
	'avond',
	'gepubliceerd',
	'gearchiveerd'
] as const;
export const roundStateSchema = z.enum(roundStates);
export type RoundState = z.infer<typeof roundStateSchema>;

/** Who a round is for. */
export const targetGroups = ['ouders', 'jongeren'] as const;
export type TargetGroup = (typeof targetGroups)[number];

/**
 * Staff accounts: a coordinator runs the organisation's rounds; a municipal user (a municipal
 * officer or councillor, tied to municipalities) reads results and responds, and edits nothing.
 */
export const staffRoles = ['coordinator', 'municipal'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const questionKinds = ['open', 'scale', 'single', 'multi'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** How the interviewee gave consent. */
export const consentForms = ['mondeling', 'schriftelijk'] as const;
/** Who was interviewed. */
export const intervieweeGroups = ['ouder', 'jongere'] as const;
export const ageBands = ['onder_12', '12_15', '16_17', '18_23', '24_plus'] as const;
export type AgeBand = (typeof ageBands)[number];
/** Age bands that need a parent's or guardian's consent too (under 16). */
export const guardianBands: readonly string[] = ['onder_12', '12_15'];

/** Characters, as the database's check constraints count them. */
export const STATEMENT_MIN = 3;
export const STATEMENT_MAX = 600;
export const QUOTE_MAX = 400;
export const OPEN_ANSWER_MAX = 4000;
