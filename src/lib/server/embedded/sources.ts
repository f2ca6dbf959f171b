// The SQL is bundled into the server build (Vite inlines each file as a string), so `node build`
// needs no supabase/ folder beside it and always runs the migrations it was built with.
import { sourcesFromFiles } from './migrate.js';

const files = import.meta.glob(
	['/supabase/local/platform.sql', '/supabase/migrations/*.sql', '/supabase/seed.sql'],
	{ query: '?raw', import: 'default', eager: true }
) as Record<string, string>;

export const bundledSources = () => sourcesFromFiles(files);
