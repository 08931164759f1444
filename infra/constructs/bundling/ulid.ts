/**
 * Stands in for `ulid` in the Lambda bundles (an esbuild alias set by AppFunction; the type
 * checker, unit tests and local tools keep the real package). functions/ calls `ulid()`; this is
 * the package's `ulid(seedTime?, prng?)` (dist/node/index.js): the time in ten Crockford base-32
 * characters with the same checks and errors, then sixteen random ones drawn the same way from the
 * same source (Web Crypto, one byte per character).
 *
 * Why: the package's PRNG detection, monotonic factory, UUID conversion and base-32 codec are
 * ≈ 2 KB of each bundle that writes an audit record, in a 128 KB budget (issue 11).
 * test/unit/bundling/ulid.test.ts compares both for the same times and random draws.
 */

const ENCODING = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_MAX = 281474976710655;

export class ULIDError extends Error {
  code: string;
  constructor(code: string, message: string) {
    super(`${message} (${code})`);
    this.name = 'ULIDError';
    this.code = code;
  }
}

function encodeTime(now: number): string {
  // biome-ignore lint/suspicious/noGlobalIsNan: the package's own coercing check.
  if (isNaN(now)) throw new ULIDError('ENC_TIME_MALFORMED', `Time must be a number: ${now}`);
  if (now > TIME_MAX)
    throw new ULIDError('ENC_TIME_SIZE_EXCEED', `Cannot encode a time larger than ${TIME_MAX}: ${now}`);
  if (now < 0) throw new ULIDError('ENC_TIME_NEG', `Time must be positive: ${now}`);
  if (!Number.isInteger(now)) throw new ULIDError('ENC_TIME_MALFORMED', `Time must be an integer: ${now}`);
  let encoded = '';
  for (let length = 10; length > 0; length--) {
    const mod = now % 32;
    encoded = ENCODING.charAt(mod) + encoded;
    now = (now - mod) / 32;
  }
  return encoded;
}

/** The package's PRNG on Node: one byte of Web Crypto over 256. */
function webCryptoPrng(): number {
  const buffer = new Uint8Array(1);
  globalThis.crypto.getRandomValues(buffer);
  return (buffer[0] as number) / 256;
}

export function ulid(seedTime?: number, prng: () => number = webCryptoPrng): string {
  // biome-ignore lint/suspicious/noGlobalIsNan: the package's own coercing check.
  const seed = !seedTime || isNaN(seedTime) ? Date.now() : seedTime;
  // The time first: an invalid one throws before any random draw, as in the package.
  let id = encodeTime(seed);
  let random = '';
  for (let length = 16; length > 0; length--) random = ENCODING.charAt(Math.floor(prng() * 32) % 32) + random;
  id += random;
  return id;
}
