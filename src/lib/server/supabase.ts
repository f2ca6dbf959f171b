// Placeholder signature so other modules type-check; the runtime helper replaces the body.
import type { SupabaseClient } from '@supabase/supabase-js';

export type Claims =
	| { role: 'anon' }
	| { role: 'service_role' }
	| { role: 'authenticated'; sub: string; session_id: string };

export function clientFor(claims: Claims): SupabaseClient {
	throw new Error(`clientFor(${claims.role}) is not wired yet`);
}
