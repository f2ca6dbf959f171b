import { m } from '$lib/paraglide/messages';
import type { ReactionKind } from '$lib/schemas/evening';

const LABELS: Record<ReactionKind, () => string> = {
	herkenbaar: m.reaction_herkenbaar,
	verrast: m.reaction_verrast,
	meer_weten: m.reaction_meer_weten
};

/** The words of a reaction, in the page's language. */
export const reactionLabel = (kind: ReactionKind): string => LABELS[kind]();
