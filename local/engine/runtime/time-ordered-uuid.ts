import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one draw per UUID costs more than the rest of a start.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

/**
 * A UUID version 7 (RFC 9562): the time in its first 48 bits, so that default execution names,
 * and so the ARNs indexed in the store, arrive in order. Random v4 names would land each new
 * execution on a different page of the index, and every commit would rewrite dozens of pages.
 */
export function timeOrderedUuid(now = Date.now()): string {
  // Within one millisecond a counter keeps the order (12 bits in the rand_a field).
  sequence = now === lastMs ? (sequence + 1) & 0xfff : 0;
  lastMs = now;
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
