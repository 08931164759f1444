import { type LambdaErrorPayload, RunnerStoppedError } from './lambda-errors.ts';
import type { LambdaRunner } from './lambda-runner.ts';

/**
 * An asynchronous (Event) invocation as Lambda makes it for S3 and EventBridge: the caller does
 * not wait, and a failed attempt is retried twice. AWS waits about 1 and 2 minutes between
 * attempts; locally `retryDelaysMs` keeps it short.
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
  },
): Promise<void> {
  const delays = options.retryDelaysMs ?? [1000, 2000];
  const attempt = async (n: number): Promise<void> => {
    const outcome = await runner.invoke(functionArn, event).catch((error: Error) => ({
      ok: false as const,
      stopped: error instanceof RunnerStoppedError,
      error: { errorType: error.name, errorMessage: error.message, trace: [] },
    }));
    if (outcome.ok) return;
    // Shut down meanwhile: the event is not delivered, as with a local cloud stopped mid-retry.
    if ('stopped' in outcome && outcome.stopped) return;
    const delay = delays[n];
    options.log(
      `async invoke of ${functionArn} failed (attempt ${n + 1}): ${outcome.error.errorType}: ${outcome.error.errorMessage}` +
        (delay === undefined ? ' — giving up' : ''),
    );
    if (delay === undefined) {
      options.deadLetter?.(functionArn, event, outcome.error);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    return attempt(n + 1);
  };
  return attempt(0);
}
