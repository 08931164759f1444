import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { invokeAsync, pause } from '../lambda/async-invoke.ts';
import type { AsyncQueue, Deliver, DeliveryResult, QueuedDelivery } from '../lambda/async-queue.ts';
import type { LambdaErrorPayload } from '../lambda/lambda-errors.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { EventTargets } from './notifications.ts';

/**
 * Notification deliveries as AWS makes them: asynchronous Lambda invocations, and StartExecution
 * for rule targets. Each is stored in the durable queue before it is acted on (see `openAsyncQueue`),
 * so S3 notifications, EventBridge rule targets and Event invocations survive a kill.
 */
export function notificationTargets(options: {
  queue: Pick<AsyncQueue, 'enqueue'>;
  log(message: string): void;
}): EventTargets {
  const { queue } = options;
  return {
    invokeAsync: (arn, event) => queue.enqueue('lambda-invoke', arn, event),
    startExecution: (arn, input) => queue.enqueue('start-execution', arn, input),
    log: options.log,
  };
}

/** A failure worth trying again: throttling, a server fault, or no answer at all (the engine not reachable). */
function retryable(
  error: Error & { $retryable?: unknown; $fault?: string; $metadata?: { httpStatusCode?: number } },
) {
  return (
    error.$retryable !== undefined ||
    error.$fault === 'server' ||
    error.$metadata?.httpStatusCode === undefined
  );
}

/**
 * Runs what the queue holds. A Lambda delivery is an asynchronous invocation (retried, then
 * dead-lettered); it is kept when the runtime stops first. A StartExecution names the execution
 * after the delivery, so a redelivery after a crash finds the execution it started instead of
 * starting another; a refusal (unknown machine, bad input) is logged and dropped, as EventBridge
 * would after its retries; a retryable failure is retried, then kept for the next start.
 */
export function asyncDeliverer(options: {
  runner: LambdaRunner;
  sfnClient: SFNClient;
  log(message: string): void;
  deadLetter(functionArn: string, event: unknown, error: LambdaErrorPayload): void;
  retryDelaysMs?: number[];
}): Deliver {
  const { runner, sfnClient, log } = options;
  const delays = options.retryDelaysMs ?? [1000, 2000];

  const startExecution = async (
    delivery: QueuedDelivery,
    signal: AbortSignal,
    attempt = 0,
  ): Promise<DeliveryResult> => {
    if (signal.aborted) return 'keep';
    const arn = delivery.targetArn;
    try {
      await sfnClient.send(
        new StartExecutionCommand({
          stateMachineArn: arn,
          name: delivery.deliveryId,
          input: JSON.stringify(delivery.event),
        }),
        { abortSignal: signal },
      );
      return 'done';
    } catch (caught) {
      if (signal.aborted) return 'keep';
      const error = caught as Error;
      // Only a redelivery meets its own name again: an earlier run started it, and it has ended since.
      if (error.name === 'ExecutionAlreadyExists') {
        log(`EventBridge → ${arn}: execution ${delivery.deliveryId} was started by an earlier delivery`);
        return 'done';
      }
      log(`EventBridge → ${arn}: ${error.name}: ${error.message}`);
      if (!retryable(error)) return 'done';
      const delay = delays[attempt];
      if (delay === undefined) {
        log(`EventBridge → ${arn}: kept for the next start after ${attempt + 1} attempts`);
        return 'keep';
      }
      await pause(delay, signal);
      return startExecution(delivery, signal, attempt + 1);
    }
  };

  return async (delivery, signal) => {
    if (delivery.kind === 'start-execution') return startExecution(delivery, signal);
    const outcome = await invokeAsync(runner, delivery.targetArn, delivery.event, {
      log,
      deadLetter: options.deadLetter,
      signal,
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
    return outcome === 'stopped' ? 'keep' : 'done';
  };
}
