import { createHash } from 'node:crypto';

/** Hashes a canonical string to a stable hex digest. */
export type Hasher = (canonical: string) => string;

/** SHA-256, hex encoded. */
export const sha256Hex: Hasher = (canonical) => createHash('sha256').update(canonical, 'utf8').digest('hex');
