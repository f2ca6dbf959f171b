import { loadRehearsal } from './rehearsal.server';
import type { PageServerLoad } from './$types';

/** A presenter's phone during the rehearsal: the slide, next and previous, the reactions. */
export const load = (async ({ locals }) => loadRehearsal(locals.person)) satisfies PageServerLoad;
