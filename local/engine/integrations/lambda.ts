import { randomUUID } from 'node:crypto';
import type { LambdaInvoker, TaskOutcome } from '../contract.ts';
import { sdkMetadata } from './resource.ts';

const functionArnPattern = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(?::[\w$-]+)?$/;

export const isFunctionArn = (resource: string) => functionArnPattern.test(resource);

/** Accepts a name, a partial ARN (`123456789012:function:name`) or a full ARN, as Lambda does. */
export function functionArnOf(functionName: string, region: string, accountId: string): string {
  if (functionName.startsWith('arn:')) return functionName;
  if (functionName.includes(':function:')) return `arn:aws:lambda:${region}:${functionName}`;
  return `arn:aws:lambda:${region}:${accountId}:function:${functionName}`;
}

/** A function error as Step Functions reports it: the error type, and the Lambda error document as cause. */
function functionError(error: unknown): TaskOutcome {
  const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
  return {
    ok: false,
    error: name,
    cause: JSON.stringify({ errorType: name, errorMessage: message, trace: [] }),
  };
}

// Not an async function: one frame and one promise less per task (see session.ts runTask).
export function invokeLambda(
  invoker: LambdaInvoker | undefined,
  functionArn: string,
  payload: unknown,
  shape: 'raw' | 'invoke',
): Promise<TaskOutcome> {
  if (!invoker)
    return Promise.resolve({
      ok: false,
      error: 'Lambda.ServiceException',
      cause: 'No Lambda invoker is configured in the local engine.',
    });
  let pending: Promise<unknown>;
  try {
    pending = Promise.resolve(invoker(functionArn, payload));
  } catch (error) {
    return Promise.resolve(functionError(error));
  }
  if (shape === 'raw') return pending.then((result) => ({ ok: true, output: result ?? null }), functionError);
  return pending.then(
    (result) => ({
      ok: true,
      output: {
        ExecutedVersion: '$LATEST',
        Payload: result ?? null,
        ...sdkMetadata(randomUUID()),
        StatusCode: 200,
      },
    }),
    functionError,
  );
}
