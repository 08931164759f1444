import { createHash } from 'node:crypto';
import type { TaskOutcome } from '../contract.ts';
import type { ExecutionRow } from '../runtime/store/rows.ts';
import type { IntegrationPattern } from './resource.ts';

/** What nested executions need from the engine they run in. */
export interface NestedExecutions {
  /** Starts a child (or returns the one already started under this name). */
  startChild(request: {
    stateMachineArn: string;
    name: string;
    input: string;
    parentArn: string;
  }): ExecutionRow;
  waitForExecution(arn: string): Promise<ExecutionRow>;
  stopExecution(arn: string, error: string, cause: string): void;
}

/** A deterministic name, so that replaying the parent finds the child it started instead of starting another. */
function childName(parentArn: string, key: string): string {
  const hex = createHash('sha256').update(`${parentArn}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The child as DescribeExecution shows it, which is what `.sync` returns (`.sync:2` with JSON values). */
function describeChild(row: ExecutionRow, parsed: boolean) {
  const json = (text: string | null) => (parsed && text !== null ? JSON.parse(text) : text);
  return {
    ExecutionArn: row.arn,
    Input: json(row.input),
    InputDetails: { Included: true },
    Name: row.name,
    ...(row.output !== null && { Output: json(row.output), OutputDetails: { Included: true } }),
    ...(row.error !== null && { Error: row.error }),
    ...(row.cause !== null && { Cause: row.cause }),
    RedriveCount: row.redriveCount,
    RedriveStatus: 'NOT_REDRIVABLE',
    StartDate: row.startDate,
    StateMachineArn: row.stateMachineArn,
    Status: row.status,
    StopDate: row.stopDate,
  };
}

/** `arn:aws:states:::states:startExecution` in its three patterns, against this same engine. */
export async function invokeStartExecution(
  nested: NestedExecutions,
  invocation: {
    parameters: unknown;
    pattern: IntegrationPattern;
    parentArn: string;
    key: string;
    signal: AbortSignal;
  },
): Promise<TaskOutcome> {
  const parameters = (invocation.parameters ?? {}) as {
    StateMachineArn?: string;
    Input?: unknown;
    Name?: string;
  };
  if (typeof parameters.StateMachineArn !== 'string')
    return {
      ok: false,
      error: 'States.Runtime',
      cause: 'StateMachineArn is required for states:startExecution.',
    };
  const input =
    parameters.Input === undefined
      ? '{}'
      : typeof parameters.Input === 'string'
        ? parameters.Input
        : JSON.stringify(parameters.Input);
  let child: ExecutionRow;
  try {
    child = nested.startChild({
      stateMachineArn: parameters.StateMachineArn,
      name: parameters.Name ?? childName(invocation.parentArn, invocation.key),
      input,
      parentArn: invocation.parentArn,
    });
  } catch (error) {
    const { awsType, message } = error as { awsType?: string; message?: string };
    return {
      ok: false,
      error: `StepFunctions.${awsType ?? 'SdkClientException'}`,
      cause: message ?? String(error),
    };
  }
  if (invocation.pattern === 'request-response' || invocation.pattern === 'callback')
    return { ok: true, output: { ExecutionArn: child.arn, StartDate: child.startDate } };
  // As on AWS, a `.sync` child is stopped with its parent.
  const stopChild = () =>
    nested.stopExecution(child.arn, 'States.Aborted', `Parent execution ${invocation.parentArn} stopped`);
  invocation.signal.addEventListener('abort', stopChild, { once: true });
  const closed = await nested.waitForExecution(child.arn);
  invocation.signal.removeEventListener('abort', stopChild);
  const description = describeChild(closed, invocation.pattern === 'sync2');
  if (closed.status === 'SUCCEEDED') return { ok: true, output: description };
  return { ok: false, error: 'States.TaskFailed', cause: JSON.stringify(description) };
}
