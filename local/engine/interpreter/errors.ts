/**
 * A Step Functions error as states see it: a name (`States.Runtime`, a task's error type, a Fail
 * state's Error) and a cause. Retry and Catch match on `error`.
 */
export class StatesError extends Error {
  /** The error name; empty when a Fail state gave none (the execution then fails without one). */
  readonly error: string;
  readonly causeText: string | undefined;

  constructor(error: string, cause?: string) {
    // A workflow error is a value: Retry and Catch handle it, the execution reports its name and
    // cause, and its stack is never shown. Capturing one cost microseconds per error (a failed
    // task attempt, a missing path), more than the rest of a state.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(cause ? `${error}: ${cause}` : error);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'StatesError';
    this.error = error;
    this.causeText = cause;
  }
}

/** Thrown when the execution is stopped (StopExecution): unwinds every branch without Catch. */
export class ExecutionAbortedError extends Error {
  constructor() {
    super('Execution aborted');
    this.name = 'ExecutionAbortedError';
  }
}

/** `States.Runtime` with AWS's prefix naming the state and the event that entered it. */
export function runtimeError(stateName: string, enteredEventId: number, message: string): StatesError {
  return new StatesError('States.Runtime', stateMessage(stateName, enteredEventId, message));
}

export function stateMessage(stateName: string, enteredEventId: number, message: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${message}`;
}
