import type { ServiceContext } from './operations/context.ts';
import {
  describeExecution,
  listExecutions,
  redriveExecution,
  startExecutionOperation,
  startSyncExecution,
  stopExecution,
} from './operations/executions.ts';
import { getExecutionHistory } from './operations/history.ts';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  describeStateMachineForExecution,
  listStateMachines,
  updateStateMachine,
  validateStateMachineDefinition,
} from './operations/state-machines.ts';
import { listTagsForResource, tagResource, untagResource } from './operations/tags.ts';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './operations/tasks.ts';

/** The Step Functions API operations by their AWS names (the `X-Amz-Target` suffix). */
export const operations = {
  CreateStateMachine: createStateMachine,
  UpdateStateMachine: updateStateMachine,
  DescribeStateMachine: describeStateMachine,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecutionOperation,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  RedriveExecution: redriveExecution,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
} as const;

export type OperationName = keyof typeof operations;

export const isOperationName = (name: string): name is OperationName => Object.hasOwn(operations, name);

/** Calls an operation with a request body as the API received it. */
export async function callOperation(
  context: ServiceContext,
  name: OperationName,
  body: unknown,
): Promise<unknown> {
  const operation = operations[name] as (context: ServiceContext, input: unknown) => unknown;
  return operation(context, body ?? {});
}
