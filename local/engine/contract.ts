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
  /**
   * The context object the task sees (`$$` / `$states.context`), including `Task.Token` when it is
   * a callback. It may be a getter that builds the object on first read (the interpreter's is:
   * few tasks read it), so copy a request field by field, not by spreading or serializing it.
   */
  context: Record<string, unknown>;
  /** State name, for history details. */
  stateName: string;
}

export type TaskOutcome = { ok: true; output: unknown } | { ok: false; error: string; cause?: string };

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
  /**
   * Optional. True when the runtime keeps no history while the execution runs (it rebuilds it by
   * replaying the journal when the history is read): the interpreter then numbers events without
   * building them and never calls `recordEvent`. Only for runs whose event order is a function of
   * the journal alone (no Parallel or Map: one thread of states).
   */
  readonly countsEventsOnly?: boolean;
  /**
   * Optional. Issue the task token of a `.waitForTaskToken` Task, journaled under `key`. The
   * interpreter needs the token before it evaluates Parameters/Arguments (`$$.Task.Token`,
   * `$states.context.Task.Token`), so it asks for it first and passes it in
   * `TaskRequest.context.Task.Token`; when a token is present there, `runTask` must register that
   * one rather than issue another. Without this method the interpreter uses `uuid(key)`.
   */
  issueTaskToken?(key: string): string;
  /**
   * Optional. Read a Distributed Map's items for its `ItemReader` (S3 getObject / listObjectsV2,
   * CSV / JSON / JSONL / manifest), after the interpreter evaluated `Parameters`/`Arguments` and
   * `ReaderConfig`. Resolves to the items (at most `MaxItems`); rejects with an error whose `name`
   * is the AWS error (the interpreter reports `States.ItemReaderFailed`). Without this method a
   * Map with an ItemReader fails with `States.ItemReaderFailed`.
   */
  readItems?(key: string, reader: ItemReaderRequest): Promise<unknown[]>;
  /**
   * Optional. Write a Distributed Map's results for its `ResultWriter` as AWS does
   * (`<Prefix>/<map run id>/manifest.json`, `SUCCEEDED_0.json`, `FAILED_0.json`, `PENDING_0.json`)
   * and resolve to `ResultWriterDetails` (`{ Bucket, Key }` of the manifest). The Map state's
   * result is then `{ MapRunArn, ResultWriterDetails }`.
   */
  writeResults?(
    key: string,
    writer: ResultWriterRequest,
    results: MapRunResults,
  ): Promise<ResultWriterDetails>;
}

/** A Distributed Map's ItemReader, evaluated. */
export interface ItemReaderRequest {
  /** e.g. `arn:aws:states:::s3:getObject`, `arn:aws:states:::s3:listObjectsV2`. */
  resource: string;
  /** The evaluated Parameters (JSONPath) or Arguments (JSONata): `{ Bucket, Key }` or `{ Bucket, Prefix }`. */
  parameters: Record<string, unknown>;
  /** `ReaderConfig` as written, with MaxItems resolved: `{ InputType, CSVHeaderLocation, CSVHeaders, CSVDelimiter, MaxItems, ManifestType }`. */
  readerConfig: Record<string, unknown>;
  /** State name, for errors. */
  stateName: string;
}

/** A Distributed Map's ResultWriter, evaluated. */
export interface ResultWriterRequest {
  /** `arn:aws:states:::s3:putObject`. */
  resource: string;
  /** `{ Bucket, Prefix }`. */
  parameters: Record<string, unknown>;
  /** `WriterConfig` as written (`OutputType`, `Transformation`), if any. */
  writerConfig?: Record<string, unknown>;
  stateName: string;
}

/** One child run of a Distributed Map, in the shape AWS writes to SUCCEEDED_n.json / FAILED_n.json. */
export interface MapRunChildResult {
  ExecutionArn: string;
  Name: string;
  Input: string;
  InputDetails: { Included: boolean };
  Status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'PENDING';
  StartDate: string;
  StopDate: string;
  StateMachineArn: string;
  RedriveCount: number;
  RedriveStatus: string;
  Output?: string;
  OutputDetails?: { Included: boolean };
  Error?: string;
  Cause?: string;
}

export interface MapRunResults {
  mapRunArn: string;
  /** The map run id (last part of the ARN), used as the folder name under the Prefix. */
  mapRunId: string;
  children: MapRunChildResult[];
}

export interface ResultWriterDetails {
  Bucket: string;
  Key: string;
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
