import QRCode from 'qrcode';
import { loadBoard } from '../board.server';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, url }) => {
	const board = await loadBoard(params.code, url);
	const audienceUrl = `${url.origin}/avond/${params.code}`;
	// A data: URL (the CSP allows img-src data:), made here so the projector needs no extra request.
	const qr = await QRCode.toDataURL(audienceUrl, {
		margin: 1,
		width: 480,
		errorCorrectionLevel: 'M'
	});
	return { code: params.code, board, audienceUrl, qr };
}) satisfies PageServerLoad;
