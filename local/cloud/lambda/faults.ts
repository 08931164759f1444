import { createDynamoDbFaults, type DynamoDbFaults } from '../dynamodb/dynamodb-faults.ts';

/**
 * Fault injection for hardening tests: make a function fail as Lambda can fail, without
 * touching its code. Set per function name; a fault with `times` applies that many
 * invocations and then clears itself.
 *
 * - `throw`: the invocation fails with `errorType` (default `Error`) and `errorMessage`.
 * - `timeout`: the invocation fails as a timed-out one (`Sandbox.Timedout`), after `afterMs` (default 0).
 * - `throttle`: the invocation is refused with `TooManyRequestsException`, as under exhausted concurrency.
 *
 * DynamoDB faults (throttled requests, see {@link DynamoDbFaults}) live beside them, so one
 * `clear()` ends every fault.
 */
export type Fault =
  | { kind: 'throw'; errorType?: string; errorMessage?: string; times?: number }
  | { kind: 'timeout'; afterMs?: number; times?: number }
  | { kind: 'throttle'; times?: number };

export interface FaultInjector {
  set(functionName: string, fault: Fault): void;
  /** Clears one function's fault; without a name, every fault, DynamoDB's included. */
  clear(functionName?: string): void;
  /** The fault to apply to this invocation, if any (consumes one of `times`). */
  take(functionName: string): Fault | undefined;
  /** The function faults in force, with what is left of their `times` (`null`: unlimited). */
  list(): { functionName: string; fault: Fault; remaining: number | null }[];
  dynamodb: DynamoDbFaults;
}

/** @param tableLogicalIdOf lets a DynamoDB fault name a table by its logical id. */
export function createFaultInjector(
  tableLogicalIdOf?: (tableName: string) => string | undefined,
): FaultInjector {
  const faults = new Map<string, Fault & { remaining: number }>();
  const dynamodb = createDynamoDbFaults(tableLogicalIdOf);
  return {
    set: (functionName, fault) => faults.set(functionName, { ...fault, remaining: fault.times ?? Infinity }),
    clear: (functionName) => {
      if (functionName) faults.delete(functionName);
      else {
        faults.clear();
        dynamodb.clear();
      }
    },
    take: (functionName) => {
      const fault = faults.get(functionName);
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults.delete(functionName);
      return fault;
    },
    list: () =>
      [...faults].map(([functionName, { remaining, ...fault }]) => ({
        functionName,
        fault,
        remaining: Number.isFinite(remaining) ? remaining : null,
      })),
    dynamodb,
  };
}
