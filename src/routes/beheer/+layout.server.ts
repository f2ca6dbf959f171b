import { requireStaff } from '$lib/server/session';
import type { LayoutServerLoad } from './$types';

// Guards every staff page's load. Form actions do not run layout loads: each action calls
// requireStaff itself.
export const load = (({ locals }) => {
	requireStaff(locals);
}) satisfies LayoutServerLoad;
