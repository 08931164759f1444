/**
 * At most `limit` holders at a time; the rest wait in arrival order. Keeps a Distributed Map
 * with a high MaxConcurrency from starting hundreds of worker threads on a small machine.
 */
export function createConcurrencyGate(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  };
  return {
    acquire(): Promise<() => void> {
      if (active < limit) {
        active += 1;
        return Promise.resolve(release);
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)));
    },
    get waiting() {
      return waiting.length;
    },
  };
}
