import { randomUUID } from 'node:crypto';
import {
  executionArn,
  expressExecutionArn,
  isValidName,
  parseExecutionArn,
  parseStateMachineArn,
} from '../../runtime/arns.ts';
import {
  ExecutionAlreadyExistsError,
  ExecutionDoesNotExistError,
  InvalidExecutionInputError,
  InvalidNameError,
  StateMachineTypeNotSupportedError,
  ValidationError,
} from '../../runtime/errors.ts';
import type { ExecutionRow, ExecutionStatus } from '../../runtime/store/rows.ts';
import { timeOrderedUuid } from '../../runtime/time-ordered-uuid.ts';
import { dateOf, resolveStateMachine, type ServiceContext } from './context.ts';
import { decodePageToken, encodePageToken, pageSize, required } from './paging.ts';

/** AWS quota on execution input and output: 256 KiB of UTF-8. */
export const maxPayloadBytes = 256 * 1024;

const statuses = new Set<ExecutionStatus>(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

function parseInput(input: string | undefined): { text: string; value: unknown } {
  const text = input ?? '{}';
  if (typeof text !== 'string')
    throw new InvalidExecutionInputError('Invalid State Machine Execution Input: not a string');
  // UTF-8 takes at most 3 bytes per UTF-16 unit: most inputs need no count.
  if (text.length * 3 > maxPayloadBytes && Buffer.byteLength(text, 'utf8') > maxPayloadBytes)
    throw new ValidationError(
      "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
    );
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new InvalidExecutionInputError("Invalid State Machine Execution Input: 'Unexpected token'");
  }
}

function executionOrThrow(context: ServiceContext, arn: string | undefined) {
  const executionArnValue = required(arn, 'executionArn');
  parseExecutionArn(executionArnValue);
  const row = context.runtime.store.getExecution(executionArnValue);
  if (!row) throw new ExecutionDoesNotExistError(`Execution Does Not Exist: '${executionArnValue}'`);
  return row;
}

export interface StartExecutionInput {
  stateMachineArn: string;
  name?: string;
  input?: string;
  traceHeader?: string;
}

/** Starts an execution; with a name already used, AWS's idempotency rules apply. */
export function startExecution(
  context: ServiceContext,
  request: StartExecutionInput,
  parentArn: string | null = null,
) {
  const target = resolveStateMachine(context, required(request.stateMachineArn, 'stateMachineArn'));
  const name = request.name ?? timeOrderedUuid();
  if (!isValidName(name)) throw new InvalidNameError(`Invalid Name: '${name}'`);
  const input = parseInput(request.input);
  const arn = executionArn(parseStateMachineArn(target.machine.arn), name);
  // A generated name is new (time-ordered and random; the ARN is unique in the store anyway).
  const existing = request.name === undefined ? undefined : context.runtime.store.getExecution(arn);
  if (existing) {
    // AWS: the same name and input while the execution runs return it again; otherwise it is a conflict.
    const sameChild = parentArn !== null && existing.parentArn === parentArn;
    if (sameChild || (existing.status === 'RUNNING' && existing.input === input.text)) return existing;
    throw new ExecutionAlreadyExistsError(`Execution Already Exists: '${arn}'`);
  }
  return context.runtime.start({
    arn,
    name,
    stateMachine: target.machine,
    versionArn: target.versionArn,
    revisionId: target.revisionId,
    input: input.text,
    parsedInput: input.value,
    parentArn,
  });
}

export function startExecutionOperation(context: ServiceContext, request: StartExecutionInput) {
  const row = startExecution(context, request);
  return { executionArn: row.arn, startDate: dateOf(row.startDate) };
}

function describeRow(row: ExecutionRow) {
  return {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    name: row.name,
    status: row.status,
    startDate: dateOf(row.startDate),
    ...(row.stopDate !== null && { stopDate: dateOf(row.stopDate) }),
    input: row.input,
    inputDetails: { included: true },
    ...(row.output !== null && { output: row.output, outputDetails: { included: true } }),
    ...(row.error !== null && { error: row.error }),
    ...(row.cause !== null && { cause: row.cause }),
    ...(row.versionArn !== null && { stateMachineVersionArn: row.versionArn }),
    redriveCount: row.redriveCount,
    ...(row.redriveDate !== null && { redriveDate: dateOf(row.redriveDate) }),
    ...redriveStatus(row),
  };
}

function redriveStatus(row: ExecutionRow) {
  if (row.status === 'RUNNING')
    return {
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is RUNNING and cannot be redriven',
    };
  if (row.status === 'SUCCEEDED')
    return {
      redriveStatus: 'NOT_REDRIVABLE',
      redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    };
  return { redriveStatus: 'REDRIVABLE' };
}

export function describeExecution(context: ServiceContext, input: { executionArn: string }) {
  return describeRow(executionOrThrow(context, input.executionArn));
}

export function listExecutions(
  context: ServiceContext,
  input: {
    stateMachineArn?: string;
    statusFilter?: ExecutionStatus;
    maxResults?: number;
    nextToken?: string;
    redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN';
    mapRunArn?: string;
  },
) {
  const target = resolveStateMachine(context, required(input.stateMachineArn, 'stateMachineArn'));
  if (input.statusFilter !== undefined && !statuses.has(input.statusFilter))
    throw new ValidationError(
      `1 validation error detected: Value '${input.statusFilter}' at 'statusFilter' is not valid`,
    );
  const limit = pageSize(input.maxResults);
  const after = decodePageToken(
    input.nextToken,
    (value): value is { startDate: number; arn: string } =>
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { startDate?: unknown }).startDate === 'number' &&
      typeof (value as { arn?: unknown }).arn === 'string',
  );
  const rows = context.runtime.store.listExecutions({
    stateMachineArn: target.machine.arn,
    ...(target.versionArn && { versionArn: target.versionArn }),
    ...(input.statusFilter && { status: input.statusFilter }),
    ...(input.redriveFilter && { redriven: input.redriveFilter === 'REDRIVEN' }),
    ...(after && { after }),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    executions: page.map((row) => ({
      executionArn: row.arn,
      stateMachineArn: row.stateMachineArn,
      name: row.name,
      status: row.status,
      startDate: dateOf(row.startDate),
      ...(row.stopDate !== null && { stopDate: dateOf(row.stopDate) }),
      ...(row.versionArn !== null && { stateMachineVersionArn: row.versionArn }),
      redriveCount: row.redriveCount,
      ...(row.redriveDate !== null && { redriveDate: dateOf(row.redriveDate) }),
    })),
    ...(rows.length > limit &&
      last && { nextToken: encodePageToken({ startDate: last.startDate, arn: last.arn }) }),
  };
}

export function stopExecution(
  context: ServiceContext,
  input: { executionArn: string; error?: string; cause?: string },
) {
  const row = executionOrThrow(context, input.executionArn);
  const stopped = context.runtime.stop(row.arn, input.error, input.cause);
  return { stopDate: dateOf(stopped.stopDate ?? context.runtime.clock.now()) };
}

export async function redriveExecution(
  context: ServiceContext,
  input: { executionArn: string; clientToken?: string },
) {
  const row = executionOrThrow(context, input.executionArn);
  const redriven = await context.runtime.redrive(row.arn);
  return { redriveDate: dateOf(redriven.redriveDate!) };
}

/** Express workflows run to the end in the request, in memory, as StartSyncExecution does on AWS. */
export async function startSyncExecution(
  context: ServiceContext,
  request: { stateMachineArn: string; name?: string; input?: string; traceHeader?: string },
) {
  const target = resolveStateMachine(context, required(request.stateMachineArn, 'stateMachineArn'));
  if (target.machine.type !== 'EXPRESS')
    throw new StateMachineTypeNotSupportedError(
      'This operation is not supported by this type of state machine',
    );
  const name = request.name ?? randomUUID();
  if (!isValidName(name)) throw new InvalidNameError(`Invalid Name: '${name}'`);
  const input = parseInput(request.input);
  const express = context.expressRuntime();
  const revision = context.runtime.store.getRevision(target.revisionId)!;
  express.store.insertStateMachine(target.machine, revision);
  const arn = expressExecutionArn(parseStateMachineArn(target.machine.arn), name, randomUUID());
  express.start({
    arn,
    name,
    stateMachine: target.machine,
    versionArn: target.versionArn,
    revisionId: target.revisionId,
    input: input.text,
    parsedInput: input.value,
    parentArn: null,
  });
  const row = await express.waitForExecution(arn);
  express.store.purgeExecution(row.id);
  const {
    redriveCount: _count,
    redriveStatus: _status,
    redriveStatusReason: _reason,
    ...described
  } = {
    redriveStatusReason: undefined,
    ...describeRow(row),
  };
  return { ...described, billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 } };
}
