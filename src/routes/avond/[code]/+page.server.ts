import { loadBoard } from './board.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => ({
	code: params.code,
	board: await loadBoard(params.code, url)
})) satisfies PageServerLoad;
