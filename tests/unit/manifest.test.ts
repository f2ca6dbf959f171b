// The web app manifest: every icon it names is shipped, at the size it says, so a phone can put
// Klankbord on its home screen (Chrome wants a 192 and a 512 pixel PNG; Safari the Apple icon).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const STATIC = new URL('../../static/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.webmanifest', STATIC), 'utf8')) as {
	start_url: string;
	icons: { src: string; sizes: string; type: string; purpose: string }[];
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: URL): string {
	const bytes = readFileSync(file);
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('manifest.webmanifest', () => {
	test.each(manifest.icons.filter((icon) => icon.type === 'image/png'))(
		'$src is a PNG of $sizes',
		(icon) => {
			expect(pngSize(new URL(icon.src.slice(1), STATIC))).toBe(icon.sizes);
		}
	);

	test('it has what Chrome needs to install it: PNGs of 192 and 512 pixels, and a maskable one', () => {
		const sizes = manifest.icons.filter((icon) => icon.type === 'image/png').map((i) => i.sizes);
		expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
		expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
	});

	test("Safari's home-screen icon is linked from every page and shipped at 180 pixels", () => {
		const html = readFileSync(new URL('../../src/app.html', import.meta.url), 'utf8');
		expect(html).toContain('rel="apple-touch-icon" href="%sveltekit.assets%/apple-touch-icon.png"');
		expect(pngSize(new URL('apple-touch-icon.png', STATIC))).toBe('180x180');
	});
});
