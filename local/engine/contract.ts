/**
 * The contract between the ASL interpreter (`local/engine/interpreter/`) and the durable runtime
 * (`local/engine/runtime/`, store, API server, task integrations).
 *
 * Durability works by journaling and deterministic replay, as Temporal and AWS's own durable
 * functions do: the interpreter is plain async code that walks a state machine; everything that
 * is not a pure function of the definition and the input (a task's outcome, the passage of time,
 * a UUID, the current time, a callback's answer) goes through {@link ExecutionEffects}, keyed by a
 * deterministic key. The durable runtime persists each effect's outcome before the interpreter
 * acts on it; after a crash it runs the interpreter again from the start and answers the effects
 * that already happened from the journal, so the execution continues where it was without doing
 * a transition twice. Task invocations are at-least-once (a crash between invoke and journal
 * re-invokes), state transitions exactly-once, as on Standard workflows.
 *
 * Keys: `<branch path>/<state name>#<visit>/<effect>`, where the branch path names the Parallel
 * branch index and Map iteration index from the root (e.g. `Fan out[1]/Process item[37]`), and
 * visit counts entries into that state within the branch (loops). Retry attempts append `@<n>`.
 * Keys must not depend on timing: concurrent branches produce the same keys in any interleaving.
 */

/** A history event as the Step Functions API shows it, without the ids the store assigns. */
export interface HistoryEventInput {
  /** AWS event type, e.g. `TaskStateEntered`, `LambdaFunctionScheduled`, `ExecutionSucceeded`. */
  type: string;
  /** The details object under its AWS field name, e.g. `{ stateEnteredEventDetails: { name, input } }`. */
  details: Record<string, unknown>;
  /** The key of the event this one follows from (AWS `previousEventId`), if it is not simply the last one of the branch. */
  previousKey?: string;
}

/** A request to run a Task state's resource after the interpreter evaluated its arguments. */
export interface TaskRequest {
  /** The resource ARN as written, after substitutions, e.g. `arn:aws:states:::lambda:invoke.waitForTaskToken`. */
  resource: string;
  /** The evaluated Parameters (JSONPath) or Arguments (JSONata). */
  parameters: unknown;
  /** Seconds before `States.Timeout`; undefined means none (AWS default: 99999999). */
  timeoutSeconds?: number;
  /** Seconds between heartbeats before `States.HeartbeatTimeout`. */
  heartbeatSeconds?: number;
  /** The context object the task sees (`$$` / `$states.context`), including `Task.Token` when it is a callback. */
  context: Record<string, unknown>;
  /** State name, for history details. */
  stateName: string;
}

export type TaskOutcome =
  | { ok: true; output: unknown }
  | { ok: false; error: string; cause?: string };

/** What the interpreter needs from the world; implemented in memory (conformance, unit tests) and durably (runtime). */
export interface ExecutionEffects {
  /**
   * Append a history event; returns its numeric event id. Called again with the same key on
   * replay, it returns the stored id and appends nothing.
   */
  recordEvent(key: string, event: HistoryEventInput): number;
  /**
   * Run a task (service integration, Lambda, activity). The runtime issues the task token for
   * `.waitForTaskToken` resources (and puts it in `context.Task.Token` before invoking), enforces
   * TimeoutSeconds/HeartbeatSeconds, and journals the outcome under `key`.
   */
  runTask(key: string, request: TaskRequest): Promise<TaskOutcome>;
  /** Resolve at `wakeAt` (virtual or real time); journaled so that a restart keeps the timer. */
  sleepUntil(key: string, wakeAt: Date): Promise<void>;
  /** The current time, journaled under `key` (context object timestamps, `$now()`, `$millis()`). */
  now(key: string): Date;
  /** A random UUID v4, journaled under `key` (`States.UUID`, `$uuid()`). */
  uuid(key: string): string;
  /** Aborted when StopExecution is called; the interpreter stops at the next effect. */
  readonly signal: AbortSignal;
}

/** The context object's execution part (`$$.Execution` / `$states.context.Execution`). */
export interface ExecutionContext {
  Id: string;
  Name: string;
  RoleArn: string;
  StartTime: string;
  RedriveCount: number;
  Input: unknown;
}

export interface StateMachineContext {
  Id: string;
  Name: string;
}

export interface RunExecutionRequest {
  /** The parsed ASL definition (already validated). */
  definition: Record<string, unknown>;
  input: unknown;
  execution: ExecutionContext;
  stateMachine: StateMachineContext;
  effects: ExecutionEffects;
}

export type ExecutionResult =
  | { status: 'SUCCEEDED'; output: unknown }
  | { status: 'FAILED'; error?: string; cause?: string }
  | { status: 'ABORTED' };

/** The interpreter's entry point: runs (or replays) an execution to its end. */
export type RunExecution = (request: RunExecutionRequest) => Promise<ExecutionResult>;

/**
 * Invokes a Lambda function for `arn:aws:states:::lambda:invoke` and plain function ARNs.
 * The local cloud supplies one that runs synthesized bundles; tests supply functions.
 * A function error rejects with an Error whose `name` is the Lambda `errorType`.
 */
export type LambdaInvoker = (functionArn: string, payload: unknown) => Promise<unknown>;

/** A clock the runtime schedules against; tests use a virtual one they can advance. */
export interface Clock {
  now(): number;
  /** Calls `fn` at `at` (epoch ms); returns a cancel function. */
  setTimer(at: number, fn: () => void): () => void;
}
