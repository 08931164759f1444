/**
 * Fault injection for hardening tests: make a function fail as Lambda can fail, without
 * touching its code. Set per function name; a fault with `times` applies that many
 * invocations and then clears itself.
 *
 * - `throw`: the invocation fails with `errorType` (default `Error`) and `errorMessage`.
 * - `timeout`: the invocation fails as a timed-out one (`Sandbox.Timedout`), after `afterMs` (default 0).
 * - `throttle`: the invocation is refused with `TooManyRequestsException`, as under exhausted concurrency.
 */
export type Fault =
  | { kind: 'throw'; errorType?: string; errorMessage?: string; times?: number }
  | { kind: 'timeout'; afterMs?: number; times?: number }
  | { kind: 'throttle'; times?: number };

export interface FaultInjector {
  set(functionName: string, fault: Fault): void;
  clear(functionName?: string): void;
  /** The fault to apply to this invocation, if any (consumes one of `times`). */
  take(functionName: string): Fault | undefined;
}

export function createFaultInjector(): FaultInjector {
  const faults = new Map<string, Fault & { remaining: number }>();
  return {
    set: (functionName, fault) => faults.set(functionName, { ...fault, remaining: fault.times ?? Infinity }),
    clear: (functionName) => (functionName ? faults.delete(functionName) : faults.clear()),
    take: (functionName) => {
      const fault = faults.get(functionName);
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults.delete(functionName);
      return fault;
    },
  };
}
