import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { invokeAsync } from '../lambda/async-invoke.ts';
import type { LambdaErrorPayload } from '../lambda/lambda-errors.ts';
import type { LambdaRunner } from '../lambda/lambda-runner.ts';
import type { EventTargets } from './notifications.ts';

/** Notification deliveries as AWS makes them: asynchronous Lambda invocations, and StartExecution for rule targets. */
export function notificationTargets(options: {
  runner: LambdaRunner;
  sfnClient: SFNClient;
  log(message: string): void;
  deadLetter(functionArn: string, event: unknown, error: LambdaErrorPayload): void;
  retryDelaysMs?: number[];
}): EventTargets {
  const { runner, sfnClient, log } = options;
  const asyncOptions = {
    log,
    deadLetter: options.deadLetter,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  };
  return {
    invokeAsync: (arn, event) => void invokeAsync(runner, arn, event, asyncOptions),
    startExecution: (arn, input) =>
      void sfnClient
        .send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify(input) }))
        .catch((error: Error) => log(`EventBridge → ${arn}: ${error.name}: ${error.message}`)),
    log,
  };
}
