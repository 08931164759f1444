import { setTimeout as wait } from 'node:timers/promises';
import { type LambdaErrorPayload, RunnerStoppedError } from './lambda-errors.ts';
import type { LambdaRunner } from './lambda-runner.ts';

/**
 * How an asynchronous invocation ended: the function ran successfully, every attempt failed and
 * the event went to the dead-letter sink, or the runtime stopped first (the event is neither run
 * nor dead-lettered: a durable queue keeps it for the next start).
 */
export type AsyncInvokeOutcome = 'delivered' | 'dead-lettered' | 'stopped';

/** Resolves after `ms`, or at once when `signal` aborts (Node clears the timer then). */
export const pause = (ms: number, signal: AbortSignal | undefined): Promise<void> =>
  wait(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

/**
 * An asynchronous (Event) invocation as Lambda makes it for S3 and EventBridge: the caller does
 * not wait, and a failed attempt is retried twice. AWS waits about 1 and 2 minutes between
 * attempts; locally `retryDelaysMs` keeps it short. `signal` aborts at shutdown: an attempt that
 * fails afterwards (its sandbox terminated) and a pending retry end as `stopped`, not as a dead letter.
 */
export function invokeAsync(
  runner: LambdaRunner,
  functionArn: string,
  event: unknown,
  options: {
    log(message: string): void;
    retryDelaysMs?: number[];
    /** Called with the event and last error once every attempt failed (the function's dead-letter queue on AWS). */
    deadLetter?: (functionArn: string, event: unknown, error: LambdaErrorPayload) => void;
    signal?: AbortSignal;
  },
): Promise<AsyncInvokeOutcome> {
  const delays = options.retryDelaysMs ?? [1000, 2000];
  const { signal } = options;
  const attempt = async (n: number): Promise<AsyncInvokeOutcome> => {
    if (signal?.aborted) return 'stopped';
    const outcome = await runner.invoke(functionArn, event).catch((error: Error) => ({
      ok: false as const,
      stopped: error instanceof RunnerStoppedError,
      error: { errorType: error.name, errorMessage: error.message, trace: [] },
    }));
    if (outcome.ok) return 'delivered';
    // Shut down meanwhile: the event is not delivered, as with a local cloud stopped mid-retry.
    if (('stopped' in outcome && outcome.stopped) || signal?.aborted) return 'stopped';
    const delay = delays[n];
    options.log(
      `async invoke of ${functionArn} failed (attempt ${n + 1}): ${outcome.error.errorType}: ${outcome.error.errorMessage}` +
        (delay === undefined ? ' — giving up' : ''),
    );
    if (delay === undefined) {
      options.deadLetter?.(functionArn, event, outcome.error);
      return 'dead-lettered';
    }
    await pause(delay, signal);
    return attempt(n + 1);
  };
  return attempt(0);
}
