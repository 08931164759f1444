/**
 * Keeps expensive summaries (execution counts, programme views) for a few seconds. Every open
 * console polls them, and on AWS ListExecutions has a small request bucket (refilling 2 a
 * second), so many operators must cost the API no more than one. A load in progress is shared.
 */
export function createTtlCache(ttlMs: number, now: () => number = Date.now) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key);
      if (entry && now() - entry.at < ttlMs) return entry.value as Promise<T>;
      const value = load();
      entries.set(key, { at: now(), value });
      // A failed load is not kept: the next poll tries again.
      value.catch(() => entries.delete(key));
      return value;
    },
    clear(): void {
      entries.clear();
    },
  };
}
