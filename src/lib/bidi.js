// Typed text inside one of our sentences, isolated: FIRST STRONG ISOLATE … POP DIRECTIONAL
// ISOLATE, the plain-text form of <bdi>. Whatever the text holds (a right-to-left override
// U+202E, Arabic, an unclosed embedding), it cannot reorder the words around it, in the browser
// and in a terminal alike; the closing U+2069 ends every override opened inside. Plain JS, so
// the verifier's command line (src/lib/verify) uses it too. In markup, use <bdi> instead.

/** @param {string} text */
export const isolate = (text) => `\u2068${text}\u2069`;
