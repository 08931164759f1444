/**
 * API Gateway's throttling: a bucket of `burst` tokens refilled at `rate` per second; a request
 * that finds it empty gets 429.
 */
export function createTokenBucket(rate: number, burst: number, now: () => number = Date.now) {
  let tokens = burst;
  let last = now();
  return (): boolean => {
    const at = now();
    tokens = Math.min(burst, tokens + ((at - last) / 1000) * rate);
    last = at;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
