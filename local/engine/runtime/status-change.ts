import type { ExecutionRow } from './store/rows.ts';

/**
 * The `detail` of the "Step Functions Execution Status Change" event EventBridge receives from
 * Step Functions (source `aws.states`), as AWS documents it: dates in epoch milliseconds, input
 * and output as JSON text, null where a field has no value yet.
 */
export interface ExecutionStatusChangeDetail {
  executionArn: string;
  stateMachineArn: string;
  stateMachineVersionArn?: string;
  name: string;
  status: ExecutionRow['status'];
  startDate: number;
  stopDate: number | null;
  input: string;
  inputDetails: { included: boolean };
  output: string | null;
  outputDetails: { included: boolean } | null;
  error: string | null;
  cause: string | null;
  redriveCount: number;
  redriveDate: number | null;
  redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  redriveStatusReason: string | null;
}

/**
 * Called when an execution starts, ends (any way) or is redriven, once the change is committed.
 * The event is stored until the listener has taken it: when it returns, or when the promise it
 * returns resolves; if it throws or rejects, the event is handed over again at the next start
 * (at least once, as EventBridge).
 */
export type ExecutionStatusChangeListener = (detail: ExecutionStatusChangeDetail) => unknown;

export function statusChangeDetail(row: ExecutionRow): ExecutionStatusChangeDetail {
  const redrivable = row.status !== 'RUNNING' && row.status !== 'SUCCEEDED';
  return {
    executionArn: row.arn,
    stateMachineArn: row.stateMachineArn,
    ...(row.versionArn !== null && { stateMachineVersionArn: row.versionArn }),
    name: row.name,
    status: row.status,
    startDate: row.startDate,
    stopDate: row.stopDate,
    input: row.input,
    inputDetails: { included: true },
    output: row.output,
    outputDetails: row.output === null ? null : { included: true },
    error: row.error,
    cause: row.cause,
    redriveCount: row.redriveCount,
    redriveDate: row.redriveDate,
    redriveStatus: redrivable ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
    redriveStatusReason: redrivable ? null : `Execution is ${row.status} and cannot be redriven`,
  };
}
