import { randomBytes } from 'node:crypto';

/** Source of random bytes; voucher and survivor codes must be unguessable, so adapters use a CSPRNG. */
export interface RandomBytes {
  /** Returns `size` uniformly random bytes. */
  bytes(size: number): Uint8Array;
}

/** The platform CSPRNG. */
export const cryptoRandom: RandomBytes = { bytes: (size) => new Uint8Array(randomBytes(size)) };
