import type { LambdaInvoker, TaskOutcome } from '../contract.ts';
import type { TaskInvocation } from '../runtime/session.ts';
import type { AwsClients } from './aws-clients.ts';
import { invokeAwsSdk, invokeOptimizedDynamoDb } from './aws-sdk.ts';
import { functionArnOf, invokeLambda, isFunctionArn } from './lambda.ts';
import { invokeStartExecution, type NestedExecutions } from './nested-execution.ts';
import { isCallbackResource, parseResource } from './resource.ts';

export { isCallbackResource };

export interface IntegrationDependencies {
  lambdaInvoker: LambdaInvoker | undefined;
  clients: AwsClients;
  nested: NestedExecutions;
  region: string;
  accountId: string;
}

const unsupported = (resource: string): TaskOutcome => ({
  ok: false,
  error: 'States.Runtime',
  cause: `The local engine does not support the resource '${resource}'.`,
});

/** Routes a Task to its integration by resource ARN. */
export function createTaskInvoker(deps: IntegrationDependencies) {
  // A plain function ARN (the most common Task) goes straight to the invoker, without an async frame.
  return function invokeTask(invocation: TaskInvocation): Promise<TaskOutcome> {
    const { resource } = invocation.request;
    if (isFunctionArn(resource))
      return invokeLambda(deps.lambdaInvoker, resource, invocation.request.parameters, 'raw');
    return invokeService(invocation);
  };

  async function invokeService(invocation: TaskInvocation): Promise<TaskOutcome> {
    const { request, signal } = invocation;
    const { base, pattern } = parseResource(request.resource);
    const parameters = request.parameters;
    if (isFunctionArn(base)) return invokeLambda(deps.lambdaInvoker, base, parameters, 'raw');
    const service = /^arn:aws[\w-]*:states:::(.+)$/.exec(base)?.[1];
    if (!service) return unsupported(request.resource);
    if (service === 'lambda:invoke') {
      const { FunctionName, Payload } = (parameters ?? {}) as { FunctionName?: string; Payload?: unknown };
      if (typeof FunctionName !== 'string')
        return { ok: false, error: 'States.Runtime', cause: 'FunctionName is required for lambda:invoke.' };
      const functionArn = functionArnOf(FunctionName, deps.region, deps.accountId);
      return invokeLambda(deps.lambdaInvoker, functionArn, Payload ?? {}, 'invoke');
    }
    if (service === 'states:startExecution')
      return invokeStartExecution(deps.nested, {
        parameters,
        pattern,
        parentArn: invocation.executionArn,
        key: invocation.key,
        signal,
      });
    const dynamodb = /^dynamodb:(\w+)$/.exec(service);
    if (dynamodb) return invokeOptimizedDynamoDb(deps.clients, dynamodb[1]!, parameters, signal);
    const sdk = /^aws-sdk:(\w+):(\w+)$/.exec(service);
    if (sdk) return invokeAwsSdk(deps.clients, sdk[1]!, sdk[2]!, parameters, signal);
    return unsupported(request.resource);
  }
}
