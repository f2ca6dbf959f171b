// What a process used, read from /proc (Linux): one home for the benches' CPU and memory figures.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
export const TICK =
	Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU ticks (user + system) and resident memory of a process. */
export function usage(pid) {
	const { cpu } = stat(pid);
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return { cpu, rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) };
}

/** CPU seconds (user + system) a process used so far; NaN once it is gone. */
export function cpuSeconds(pid) {
	try {
		return stat(pid).cpu / TICK;
	} catch {
		return NaN;
	}
}

/**
 * CPU seconds of every process with this name (Postgres is one process per connection), so far.
 * A process that exits between two readings takes its share with it: PostgREST keeps its pool's
 * connections open, so for the benches' Postgres that share is small.
 */
export function cpuSecondsNamed(name) {
	let ticks = 0;
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const one = stat(entry);
			if (one.name === name) ticks += one.cpu;
		} catch {
			// gone while we looked
		}
	}
	return ticks / TICK;
}

function stat(pid) {
	const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
	const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
	return { name, cpu: Number(fields[11]) + Number(fields[12]) };
}
