// The verifier, for the page /verifieer/[code] and for `npm run verify` alike.
export { encode, sha256hex } from './encode.js';
export { GENESIS, entryHash, findingHash, fingerprintOf, normaliseFingerprint } from './hashes.js';
export { verifyChain } from './chain.js';
