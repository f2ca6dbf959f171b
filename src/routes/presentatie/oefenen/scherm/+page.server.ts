import QRCode from 'qrcode';
import { loadRehearsal } from '../rehearsal.server';
import type { PageServerLoad } from './$types';

/**
 * The private rehearsal wall. Its QR code leads to the rehearsal phone page, so the presenters
 * try the evening with their own phones; anyone else who scans it is refused there.
 */
export const load = (async ({ locals, url }) => {
	const rehearsal = await loadRehearsal(locals.person);
	const joinUrl = `${url.origin}/presentatie/oefenen`;
	const qr = await QRCode.toDataURL(joinUrl, { margin: 1, width: 480, errorCorrectionLevel: 'M' });
	return { ...rehearsal, joinUrl, qr };
}) satisfies PageServerLoad;
