import { applyResultPath, evaluatePayloadTemplate } from './data-flow.ts';
import { ExecutionAbortedError, StatesError } from './errors.ts';
import { attemptKey, checkAborted, HistoryLimitError, runsAlone, type StateVisit } from './execution-run.ts';
import { BranchCancelledError, type StateResult } from './run-states.ts';
import { finishJsonata } from './state-output.ts';
import { assignVariables } from './variables.ts';

/**
 * Retry and Catch around a Task, Parallel or Map. Each retrier counts its own attempts; the delay
 * is IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, drawn in [0, delay] with
 * JitterStrategy FULL, and slept through effects so that virtual time and restarts work.
 */

type Retrier = {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
};

type Catcher = {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: unknown;
};

/** Errors that `States.ALL` does not match (States.DataLimitExceeded can still be named explicitly). */
const TERMINAL_ERRORS = new Set(['States.Runtime', 'States.DataLimitExceeded']);

export function errorMatches(errorEquals: string[], error: string): boolean {
  // "A States.Runtime error isn't retriable, and will always cause the execution to fail."
  if (error === 'States.Runtime') return false;
  if (errorEquals.includes(error)) return true;
  if (errorEquals.includes('States.ALL')) return !TERMINAL_ERRORS.has(error);
  if (errorEquals.includes('States.Timeout') && error === 'States.HeartbeatTimeout') return true;
  if (errorEquals.includes('States.TaskFailed')) {
    return !TERMINAL_ERRORS.has(error) && error !== 'States.Timeout' && error !== 'States.HeartbeatTimeout';
  }
  return false;
}

/** The delay before retry number `attempt` (0-based) of a retrier, in milliseconds, before jitter. */
export function retryDelayMs(retrier: Retrier, attempt: number): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let seconds = interval * backoff ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  return seconds * 1000;
}

function isUncatchable(error: unknown): boolean {
  return (
    error instanceof HistoryLimitError ||
    error instanceof ExecutionAbortedError ||
    error instanceof BranchCancelledError ||
    !(error instanceof StatesError)
  );
}

export function withRetryAndCatch(
  visit: StateVisit,
  input: unknown,
  attempt: (visit: StateVisit, input: unknown) => Promise<StateResult>,
): Promise<StateResult> {
  const retriers = visit.state['Retry'] as Retrier[] | undefined;
  const catchers = visit.state['Catch'] as Catcher[] | undefined;
  // Most states have neither: their attempt is the state, with no loop to wait on (see runsAlone).
  if (retriers === undefined && catchers === undefined && runsAlone(visit.branch))
    return attempt(visit, input);
  return retryAndCatch(visit, input, attempt, retriers ?? [], catchers ?? []);
}

async function retryAndCatch(
  visit: StateVisit,
  input: unknown,
  attempt: (visit: StateVisit, input: unknown) => Promise<StateResult>,
  retriers: Retrier[],
  catchers: Catcher[],
): Promise<StateResult> {
  const attemptsByRetrier = retriers.map(() => 0);
  for (;;) {
    try {
      return await attempt(visit, input);
    } catch (error) {
      if (isUncatchable(error)) throw error;
      const statesError = error as StatesError;
      const retrierIndex = retriers.findIndex((r) => errorMatches(r.ErrorEquals, statesError.error));
      const retrier = retriers[retrierIndex];
      if (retrier) {
        const done = attemptsByRetrier[retrierIndex]!;
        if (done < (retrier.MaxAttempts ?? 3)) {
          await sleepBeforeRetry(visit, retrier, done);
          attemptsByRetrier[retrierIndex] = done + 1;
          visit.retryCount++;
          visit.effectCounter = 0;
          continue;
        }
      }
      const catcher = catchers.find((c) => errorMatches(c.ErrorEquals, statesError.error));
      if (!catcher) throw error;
      return catchError(visit, input, catcher, statesError);
    }
  }
}

async function sleepBeforeRetry(visit: StateVisit, retrier: Retrier, done: number): Promise<void> {
  const { effects } = visit.branch.run;
  let delay = retryDelayMs(retrier, done);
  if (retrier.JitterStrategy === 'FULL') {
    // Drawn from a journaled UUID so that a replay waits until the same instant.
    const draw = Number.parseInt(
      effects
        .uuid(`${attemptKey(visit)}/jitter`)
        .replace(/-/g, '')
        .slice(0, 13),
      16,
    );
    delay = Math.floor((draw / 2 ** 52) * delay);
  }
  const now = effects.now(`${attemptKey(visit)}/retry-at`);
  await effects.sleepUntil(`${attemptKey(visit)}/retry`, new Date(now.getTime() + delay));
  checkAborted(visit.branch.run);
}

/** The error output AWS builds: `{ Error, Cause }`, Cause omitted when there is none. */
export function errorOutput(error: StatesError): Record<string, unknown> {
  const output: Record<string, unknown> = { Error: error.error };
  if (error.causeText !== undefined) output['Cause'] = error.causeText;
  return output;
}

async function catchError(
  visit: StateVisit,
  input: unknown,
  catcher: Catcher,
  error: StatesError,
): Promise<StateResult> {
  const caught = errorOutput(error);
  if (visit.queryLanguage === 'JSONata') {
    const fields = { assign: catcher.Assign, output: catcher.Output };
    return {
      ...(await finishJsonata(visit, { input, errorOutput: caught }, caught, fields)),
      next: catcher.Next,
    };
  }
  const output = applyResultPath(visit, input, caught, catcher.ResultPath);
  if (catcher.Assign === undefined) return { output, next: catcher.Next };
  const assigned = evaluatePayloadTemplate(visit, catcher.Assign, caught) as Record<string, unknown>;
  assignVariables(visit.branch.scope, assigned);
  return { output, assigned, next: catcher.Next };
}
