/**
 * A seeded random sample of allocation ids for post-distribution verification. The same ids, size
 * and seed always give the same sample (so the list can be regenerated and audited); the input
 * order does not matter. Returns every id when the size is at least their number.
 */
export function sampleForVerification(
  allocationIds: readonly string[],
  size: number,
  seed: string,
): string[] {
  const pool = [...new Set(allocationIds)].sort();
  const next = mulberry32(hashSeed(seed));
  const count = Math.min(Math.max(0, Math.floor(size)), pool.length);
  // Partial Fisher–Yates: the first `count` slots are a uniform sample.
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** FNV-1a over the seed text, as the PRNG's 32-bit state. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Small, well-distributed 32-bit PRNG; not for secrets, only for reproducible sampling. */
function mulberry32(state: number): () => number {
  let a = state;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
