// `npm run verify -- <code> [--url http://localhost:5173] [--vingerafdruk 3F9A-0C1B-77D2-E4A8]`
// Fetches a round's public verification data and checks it with the very verifier the page runs
// (src/lib/verify), on your own machine: you need not trust the server's word, only its data.
// Exit code: 0 klopt, 1 klopt niet, 2 could not check (no connection, unknown code, still sealed).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { verifyChain } from '../src/lib/verify/index.js';

const USAGE =
	'Gebruik: npm run verify -- <code van de avond> [--url https://klankbord.example] [--vingerafdruk XXXX-XXXX-XXXX-XXXX]';

/** @param {string[]} argv @param {(line: string) => void} print */
export async function main(argv, print = console.log) {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: { url: { type: 'string' }, vingerafdruk: { type: 'string' } }
		});
	} catch {
		print(USAGE);
		return 2;
	}
	const [rawCode] = parsed.positionals;
	if (!rawCode) {
		print(USAGE);
		return 2;
	}
	const code = rawCode.replace(/[\s-]/g, '').toUpperCase();
	const base = parsed.values.url || process.env.KLANKBORD_URL || 'http://localhost:5173';
	const address = new URL(`/verifieer/${encodeURIComponent(code)}/gegevens`, base);

	let data;
	try {
		const response = await fetch(address, { headers: { accept: 'application/json' } });
		if (response.status === 404) {
			print(`Geen avond met code ${code} op ${address.origin}.`);
			return 2;
		}
		if (!response.ok) {
			print(`Kon de gegevens niet ophalen van ${address} (HTTP ${response.status}).`);
			return 2;
		}
		data = await response.json();
	} catch (error) {
		print(`Kon ${address} niet bereiken: ${error instanceof Error ? error.message : error}`);
		return 2;
	}
	if (data?.sealed === true) {
		print(
			`${data.round?.title ?? code}: de avond is nog niet geopend. Controleren kan zodra de avond begint.`
		);
		return 2;
	}

	const verdict = await verifyChain(data, parsed.values.vingerafdruk ?? null);
	print(`Ronde: ${data?.round?.title ?? '?'} (avond ${code})`);
	print(`Vingerafdruk: ${verdict.fingerprint ?? 'geen'}`);
	const { entries, published, withdrawn, erased } = verdict.counts;
	print(
		`Nagerekend: ${entries} regels in het logboek, ${published} bevindingen (ingetrokken: ${withdrawn}, gewist na bewaartermijn: ${erased}).`
	);
	if (verdict.ok) {
		if (verdict.shownSeq !== null && verdict.shownSeq !== entries) {
			print(
				`De opgegeven vingerafdruk hoort bij regel ${verdict.shownSeq}; daarna is er iets bijgekomen.`
			);
		}
		print('Uitkomst: klopt.');
		return 0;
	}
	print(`Uitkomst: klopt NIET. ${verdict.problems.length} verschil(len):`);
	for (const problem of verdict.problems) print(`- ${problem.detail}`);
	return 1;
}

// Run when called as a script; tests import main() instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = await main(process.argv.slice(2));
}
