import { ValidationError } from '../../runtime/errors.ts';
import type { ServiceContext } from './context.ts';
import { maxPayloadBytes } from './executions.ts';
import { required } from './paging.ts';

export function sendTaskSuccess(context: ServiceContext, input: { taskToken: string; output: string }) {
  const output = required(input.output, 'output');
  if (Buffer.byteLength(output, 'utf8') > maxPayloadBytes)
    throw new ValidationError(
      "1 validation error detected: Value at 'output' failed to satisfy constraint: Member must have length less than or equal to 262144",
    );
  context.runtime.sendTaskSuccess(required(input.taskToken, 'taskToken'), output);
  return {};
}

export function sendTaskFailure(
  context: ServiceContext,
  input: { taskToken: string; error?: string; cause?: string },
) {
  context.runtime.sendTaskFailure(required(input.taskToken, 'taskToken'), input.error, input.cause);
  return {};
}

export function sendTaskHeartbeat(context: ServiceContext, input: { taskToken: string }) {
  context.runtime.sendTaskHeartbeat(required(input.taskToken, 'taskToken'));
  return {};
}
