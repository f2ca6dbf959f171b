// The server's embedded database: PGlite in this process (instance.js), migrated at start with
// the SQL this build bundled (sources.ts).
import { embeddedInstance } from './instance.js';
import { bundledSources } from './sources';

const instance = embeddedInstance(bundledSources);

/** One PGlite per process, started on first use (a second would corrupt the data directory). */
export const embeddedDb = instance.db;

/** Close cleanly (checkpoint), so the next start needs no recovery. */
export const closeEmbeddedDb = instance.close;

// adapter-node emits this after SIGINT/SIGTERM once requests have drained.
process.once('sveltekit:shutdown' as 'exit', () => void closeEmbeddedDb());
