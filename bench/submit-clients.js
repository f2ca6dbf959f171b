// The simulated interviewers of bench/submit.js: each one a phone with its session cookie and an
// outbox of interviews, sending them one after the other (oldest first, as the outbox does) to the
// send endpoint, all phones at once. A failed send is tried again the way the outbox does it
// (src/lib/offline/outbox-item.ts: outcomeOf, backoffMs): no answer, a 5xx, 408 or 429 → again
// after 2 s, 4 s, 8 s … (+ up to a quarter at random); any other answer is final.
import { performance } from 'node:perf_hooks';

/** As backoffMs in outbox-item.ts. */
const backoffMs = (attempts) =>
	Math.round(Math.min(2000 * 2 ** attempts, 300_000) * (1 + Math.random() / 4));

const retryable = (status) => status >= 500 || status === 408 || status === 429;

/**
 * @param {{ base: string, phones: { token: string, items: object[] }[], onAnswer?: () => void }} options
 * @returns {Promise<Run>}
 * @typedef {{ wallMs: number, latencies: number[], created: number, again: number,
 *   refused: { status: number, reason?: string }[], retries: number, failures: string[] }} Run
 */
export async function sendAll({ base, phones, onAnswer }) {
	const run = {
		wallMs: 0,
		latencies: [],
		created: 0,
		again: 0,
		refused: [],
		retries: 0,
		failures: []
	};
	const started = performance.now();
	await Promise.all(
		phones.map(async (phone) => {
			for (const args of phone.items) {
				for (let attempts = 0; ; attempts++) {
					const t0 = performance.now();
					let status = 0;
					let body = {};
					try {
						const response = await fetch(`${base}/gesprekken/versturen`, {
							method: 'POST',
							headers: {
								cookie: `__Host-kb_session=${phone.token}`,
								origin: base,
								'content-type': 'application/json'
							},
							body: JSON.stringify({ kind: 'interview', args }),
							redirect: 'manual'
						});
						status = response.status;
						body = await response.json().catch(() => ({}));
					} catch (error) {
						run.failures.push(String(error?.cause?.code ?? error?.message ?? error));
					}
					if (status >= 200 && status < 300) {
						run.latencies.push(performance.now() - t0);
						if (body.created) run.created++;
						else run.again++;
						onAnswer?.();
						break;
					}
					if (status !== 0 && !retryable(status)) {
						run.refused.push({ status, reason: body.reason });
						onAnswer?.();
						break;
					}
					run.retries++;
					await new Promise((resolve) => setTimeout(resolve, backoffMs(attempts)));
				}
			}
		})
	);
	run.wallMs = performance.now() - started;
	return run;
}

export function percentile(values, share) {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** Answered sends per second over the whole run. */
export const throughput = (run) => ((run.created + run.again) / run.wallMs) * 1000;
