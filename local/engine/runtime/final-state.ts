import type { ExecutionResult } from '../contract.ts';
import type { ExecutionStatus } from './store/rows.ts';

/** How an execution ended, whoever ended it (the interpreter, StopExecution, a timeout, a limit). */
export interface FinalState {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: unknown;
  error?: string;
  cause?: string;
}

export function finalStateOf(result: ExecutionResult): FinalState {
  if (result.status === 'SUCCEEDED') return { status: 'SUCCEEDED', output: result.output };
  if (result.status === 'FAILED') return optional({ status: 'FAILED' }, result.error, result.cause);
  return { status: 'ABORTED' };
}

export function optional(
  state: FinalState,
  error: string | undefined,
  cause: string | undefined,
): FinalState {
  if (error !== undefined) state.error = error;
  if (cause !== undefined) state.cause = cause;
  return state;
}

const terminalEventTypes: Record<FinalState['status'], string> = {
  SUCCEEDED: 'ExecutionSucceeded',
  FAILED: 'ExecutionFailed',
  TIMED_OUT: 'ExecutionTimedOut',
  ABORTED: 'ExecutionAborted',
};

export const isTerminalEventType = (type: string) =>
  type === 'ExecutionSucceeded' ||
  type === 'ExecutionFailed' ||
  type === 'ExecutionTimedOut' ||
  type === 'ExecutionAborted';

/** The closing history event as AWS writes it. */
export function terminalEvent(state: FinalState, output: string | null) {
  const type = terminalEventTypes[state.status];
  const errorDetails = {
    ...(state.error !== undefined && { error: state.error }),
    ...(state.cause !== undefined && { cause: state.cause }),
  };
  switch (state.status) {
    case 'SUCCEEDED':
      return {
        type,
        details: { executionSucceededEventDetails: { output, outputDetails: { truncated: false } } },
      };
    case 'FAILED':
      return { type, details: { executionFailedEventDetails: errorDetails } };
    case 'TIMED_OUT':
      return { type, details: { executionTimedOutEventDetails: errorDetails } };
    case 'ABORTED':
      return { type, details: { executionAbortedEventDetails: errorDetails } };
  }
}
