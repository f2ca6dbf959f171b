// The vocabulary of the matrix: what one cell may say, and small helpers that keep the table in
// expectations.ts short enough to read as documentation.
import { ROLES, type Role } from './roles';

export const PHASES = ['fieldwork', 'evening', 'closed', 'published', 'archived'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * A table cell. For select/update/delete: the world rows the role reaches (names from rowNames(),
 * `'all'` = every world row the superuser sees), or `'no grant'` (42501, permission denied: no
 * privilege at all). For insert: `'ok'`, `'no grant'`, `'rls'` (42501, refused by a policy), or
 * `'error <sqlstate>'` for a constraint that refuses even a role that may write.
 */
export type Rows = readonly string[] | 'all';
export type TableCell = Rows | 'no grant' | 'rls' | 'ok' | `error ${string}`;

/**
 * A function cell. `'ok'`: it answers, and nothing of round A's sealed text (finding statement,
 * quote, answer) is in the answer. `'text'`: it answers WITH round A's text (allowed only where
 * the promises say so). `'sealed'`: it answers `{sealed: true, …}` without text. `'denied'`: no
 * EXECUTE privilege. Anything else: the reason code the function raises (API.md), e.g.
 * `'not_allowed'`, `'not_found'`, `'wrong_state'`; or `'answer <code>'` for a function that
 * answers `{error: <code>}` instead of raising (session_join).
 */
export type FunctionCell = 'ok' | 'text' | 'denied' | string;

export type ByRole<C> = Record<Role, C>;
/** The same for all phases, or one per phase. */
export type Phased<C> = ByRole<C> | Record<Phase, ByRole<C>>;

/** Every role gets `base`, except the ones named. */
export function roles<C>(base: C, except: Partial<ByRole<C>> = {}): ByRole<C> {
	return Object.fromEntries(ROLES.map((r) => [r, r in except ? except[r] : base])) as ByRole<C>;
}

export function phased<C>(cells: Record<Phase, ByRole<C>>): Record<Phase, ByRole<C>> {
	return cells;
}

/** One value before the evening is opened, another from then on. */
export function opened<C>(before: ByRole<C>, after: ByRole<C>): Record<Phase, ByRole<C>> {
	return { fieldwork: before, evening: after, closed: after, published: after, archived: after };
}

/** One value until the round is published, another after. */
export function untilPublished<C>(before: ByRole<C>, after: ByRole<C>): Record<Phase, ByRole<C>> {
	return { fieldwork: before, evening: before, closed: before, published: after, archived: after };
}

/** One value until retention archived the round, another after. */
export function untilArchived<C>(before: ByRole<C>, after: ByRole<C>): Record<Phase, ByRole<C>> {
	return { fieldwork: before, evening: before, closed: before, published: before, archived: after };
}

/** Retention erased the free text: where round A's text was shown, the same call now shows none. */
export function erasedOnceArchived(
	cells: Phased<FunctionCell>
): Record<Phase, ByRole<FunctionCell>> {
	const byPhase = Object.fromEntries(PHASES.map((p) => [p, atPhase(cells, p)])) as Record<
		Phase,
		ByRole<FunctionCell>
	>;
	const archived = Object.fromEntries(
		Object.entries(byPhase.archived).map(([role, cell]) => [role, cell === 'text' ? 'ok' : cell])
	) as ByRole<FunctionCell>;
	return { ...byPhase, archived };
}

export function atPhase<C>(cells: Phased<C>, phase: Phase): ByRole<C> {
	return 'fieldwork' in cells ? (cells as Record<Phase, ByRole<C>>)[phase] : (cells as ByRole<C>);
}

/** Only the server itself. */
export const serviceOnly = <C>(service: C, others: C) => roles(others, { service_role: service });
