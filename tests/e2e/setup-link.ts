import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_DATA_DIR } from '../../playwright.config';

/** The one-time setup link the server printed (and wrote down) at its first start. */
export async function readSetupLink(dataDir = E2E_DATA_DIR): Promise<string> {
	const file = join(dataDir, 'setup-link.txt');
	for (let attempt = 0; attempt < 50; attempt++) {
		try {
			const link = (await readFile(file, 'utf8')).trim();
			if (link) return new URL(link).pathname;
		} catch {
			// Not written yet: the server writes it just after it starts listening.
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no setup link in ${file}`);
}
