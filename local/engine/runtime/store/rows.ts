/** Rows as the store hands them out (camelCase, dates in epoch ms, JSON kept as text). */

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export interface StateMachineRow {
  arn: string;
  name: string;
  type: StateMachineType;
  roleArn: string;
  revisionId: string;
  description: string | null;
  logging: string | null;
  tracing: string | null;
  creationDate: number;
  lastVersion: number;
}

export interface RevisionRow {
  revisionId: string;
  stateMachineArn: string;
  definition: string;
  roleArn: string;
  created: number;
}

export interface VersionRow {
  arn: string;
  stateMachineArn: string;
  version: number;
  revisionId: string;
  description: string | null;
  creationDate: number;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRow {
  /** Integer key of the per-execution tables (events, journal, tokens, timers). */
  id: number;
  arn: string;
  stateMachineArn: string;
  versionArn: string | null;
  revisionId: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  startDate: number;
  stopDate: number | null;
  redriveCount: number;
  redriveDate: number | null;
  parentArn: string | null;
  /**
   * 1 when the execution's log holds its journal only: its history is rebuilt by replaying the
   * journal when it is read (sequential definitions); 0 when its events are stored as they happen.
   */
  historyByReplay: 0 | 1;
}

/** A history event; `details` is JSON text when written, the parsed object when read back. */
export interface EventRow<Details = string> {
  id: number;
  key: string;
  type: string;
  timestamp: number;
  details: Details;
  previousId: number;
}

export type TokenStatus = 'PENDING' | 'DONE' | 'TIMED_OUT';

export interface TokenRow {
  token: string;
  executionId: number;
  /** Joined from the execution. */
  executionArn: string;
  key: string;
  status: TokenStatus;
  heartbeatSeconds: number | null;
  heartbeatDeadline: number | null;
}
