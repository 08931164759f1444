import { StatesError } from './errors.ts';
import { type Branch, childKeyPrefix, type ExecutionRun, type StateVisit } from './execution-run.ts';
import { BranchCancelledError, runStates, type StatesDefinition } from './run-states.ts';
import { childScope, rootScope } from './variables.ts';

/**
 * Runs the children of a Parallel or Map state with at most `concurrency` at a time (0: no
 * bound). When a child fails and `tolerate` does not absorb it, the others are cancelled at their
 * next transition and the first failure is thrown.
 */
export interface ChildRun {
  machine: StatesDefinition;
  input: unknown;
  mapItem?: { Index: number; Value: unknown };
  /** A Distributed Map's child workflows cannot read the variables around the Map. */
  isolatedScope?: boolean;
  /** A Distributed Map child runs as an execution of its own (context object, history budget). */
  run?: ExecutionRun;
  /** The event the child's first event follows (ParallelStateStarted, MapIterationStarted). */
  previousKey?: string;
}

export interface ChildHooks {
  started?(index: number): void;
  succeeded?(index: number): void;
  failed?(index: number, error: StatesError): void;
  /** Return true to record the failure and go on (Distributed Map tolerance). */
  tolerate?(index: number, error: StatesError): boolean;
}

export async function runChildren(
  visit: StateVisit,
  children: ChildRun[],
  concurrency: number,
  hooks: ChildHooks = {},
): Promise<unknown[]> {
  const results: unknown[] = new Array(children.length);
  const cancellation = { cancelled: false };
  let failure: unknown;
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (!cancellation.cancelled && nextIndex < children.length) {
      const index = nextIndex++;
      const child = children[index]!;
      const branch: Branch = {
        run: child.run ?? visit.branch.run,
        keyPrefix: childKeyPrefix(visit, index),
        visits: new Map(),
        scope: child.isolatedScope ? rootScope() : childScope(visit.branch.scope),
        ...(child.mapItem ? { mapItem: child.mapItem } : {}),
      };
      hooks.started?.(index);
      branch.lastEventKey = child.previousKey ?? visit.branch.lastEventKey;
      try {
        results[index] = await runStates(branch, child.machine, child.input, cancellation);
        hooks.succeeded?.(index);
      } catch (error) {
        if (error instanceof BranchCancelledError) return;
        if (error instanceof StatesError && !cancellation.cancelled) {
          hooks.failed?.(index, error);
          if (hooks.tolerate?.(index, error)) {
            results[index] = {
              Error: error.error,
              ...(error.causeText !== undefined ? { Cause: error.causeText } : {}),
            };
            continue;
          }
        }
        if (failure === undefined) failure = error;
        cancellation.cancelled = true;
        return;
      }
    }
  };
  const width = concurrency > 0 ? Math.min(concurrency, children.length) : children.length;
  // The state fails as soon as one child fails, as on AWS: a sibling blocked on a long task (a
  // callback can wait for days) must not hold the failure back. Siblings stop at their next transition.
  let signalFailure: () => void = () => {};
  const failed = new Promise<void>((resolve) => {
    signalFailure = resolve;
  });
  const workers = Array.from({ length: width }, () =>
    worker().then(
      () => {
        if (failure !== undefined) signalFailure();
      },
      (error: unknown) => {
        failure ??= error;
        cancellation.cancelled = true;
        signalFailure();
      },
    ),
  );
  await Promise.race([Promise.all(workers), failed]);
  if (failure !== undefined) throw failure;
  return results;
}
