import { randomBytes, randomUUID } from 'node:crypto';
import type {
  Clock,
  ExecutionEffects,
  HistoryEventInput,
  ItemReaderRequest,
  MapRunResults,
  ResultWriterDetails,
  ResultWriterRequest,
  TaskOutcome,
  TaskRequest,
} from '../contract.ts';
import { type FinalState, isTerminalEventType, terminalEvent } from './final-state.ts';
import { recentDocuments, rememberDocument } from './store/event-codec.ts';
import type { ExecutionRow } from './store/rows.ts';
import type { Store } from './store/sqlite-store.ts';

/** AWS quota: an execution fails when its history would pass this many events. */
export const maxHistoryEvents = 25_000;

/** What a session needs to run tasks; integrations live in `local/engine/integrations`. */
export interface TaskInvocation {
  request: TaskRequest;
  executionArn: string;
  key: string;
  token: string | undefined;
  signal: AbortSignal;
}

export interface SessionServices {
  store: Store;
  clock: Clock;
  invokeTask(invocation: TaskInvocation): Promise<TaskOutcome>;
  isCallback(resource: string): boolean;
  readItems?(request: ItemReaderRequest, signal: AbortSignal): Promise<unknown[]>;
  writeResults?(writer: ResultWriterRequest, results: MapRunResults): Promise<ResultWriterDetails>;
  /** Told of the closed row in the turn of the closing write (its status-change event joins that commit). */
  onClosed?(row: ExecutionRow): void;
}

export interface SessionOptions {
  /** A new execution has nothing to replay: skip reading its journal. */
  fresh: boolean;
  /** Execution-level TimeoutSeconds of the definition, if any. */
  timeoutSeconds: number | undefined;
}

/** One running execution: the durable effects the interpreter uses, and the handles the API uses. */
export interface Session {
  readonly arn: string;
  readonly effects: ExecutionEffects;
  readonly closed: boolean;
  /** Resolves with the closed execution row once its end is committed (undefined when detached). */
  readonly done: Promise<ExecutionRow | undefined>;
  /** Records a task's outcome (callback, timeout); false if the task already had one. */
  settleTask(key: string, outcome: TaskOutcome, tokenStatus?: 'DONE' | 'TIMED_OUT'): boolean;
  /** Re-arms the heartbeat deadline of the task holding `token` (the runtime stores it). */
  heartbeat(token: string, deadline: number): void;
  /** Closes the execution (idempotent); `fromInterpreter` when the interpreter returned it. */
  end(state: FinalState, fromInterpreter?: boolean): void;
  /** Lets go of the execution without closing it (engine shutdown): it resumes on the next start. */
  detach(): void;
}

class ExecutionStoppedError extends Error {
  override name = 'ExecutionStoppedError';
}

interface Armed {
  cancel: () => void;
  reject?: (error: Error) => void;
}

export function createSession(
  row: ExecutionRow,
  services: SessionServices,
  options: SessionOptions,
): Session {
  const { store, clock } = services;
  const arn = row.arn;
  const executionId = row.id;
  const generation = row.redriveCount;
  // Its history is rebuilt from the journal when read (history-replay.ts): no events are written.
  const lean = row.historyByReplay === 1;
  const controller = new AbortController();
  const journal = new Map<string, unknown>();
  const timers = new Map<string, number>();
  const eventIds = new Map<string, number>();
  /** Tasks awaiting their outcome: settled by it, or rejected when the execution is let go. */
  const waiters = new Map<
    string,
    { resolve: (outcome: TaskOutcome) => void; reject: (error: Error) => void }
  >();
  const tokensByTask = new Map<string, string>();
  const armed = new Map<string, Armed>();
  let lastEventId = 1;
  // The documents of the latest events, which the next ones often repeat (the input: event 1's).
  const documents = recentDocuments();
  if (options.fresh && !lean) rememberDocument(documents, row.input, 1);
  let closed = false;
  let terminalRecorded = false;
  let timersUsed = false;
  let resolveDone!: (closedRow?: ExecutionRow) => void;
  const done = new Promise<ExecutionRow | undefined>((resolve) => {
    resolveDone = resolve;
  });

  if (!options.fresh) load();

  function load() {
    for (const entry of store.loadJournal(executionId)) {
      journal.set(entry.key, JSON.parse(entry.outcome));
    }
    for (const timer of store.timers(executionId)) timers.set(timer.key, timer.wakeAt);
    if (lean) return;
    // Events of earlier runs (before a redrive) are history, not replay: only the current run dedupes.
    const events = store.eventKeys(executionId);
    let runStart = 0;
    for (const event of events) if (event.type === 'ExecutionRedriven') runStart = event.id;
    for (const event of events) {
      if (event.id >= runStart || !/(Failed|TimedOut|Aborted)$/.test(event.type))
        eventIds.set(event.key, event.id);
      if (event.id >= runStart && isTerminalEventType(event.type)) terminalRecorded = true;
      lastEventId = Math.max(lastEventId, event.id);
    }
  }

  const put = (key: string, value: unknown) => {
    journal.set(key, value);
    store.journal(executionId, key, JSON.stringify(value), clock.now());
  };

  const stopped = () => new ExecutionStoppedError(`Execution ${arn} is no longer running`);
  const throwIfStopped = () => {
    if (closed) throw stopped();
  };

  /** Arms a durable timer: its deadline is stored once and kept across restarts. */
  function arm(timerKey: string, at: number, fire: () => void) {
    if (!timers.has(timerKey)) {
      timersUsed = true;
      timers.set(timerKey, at);
      store.setTimer(executionId, timerKey, at);
    }
    const cancel = clock.setTimer(timers.get(timerKey)!, () => {
      armed.delete(timerKey);
      fire();
    });
    armed.get(timerKey)?.cancel();
    armed.set(timerKey, { cancel });
  }

  function disarm(timerKey: string) {
    if (armed.size === 0 && timers.size === 0) return;
    armed.get(timerKey)?.cancel();
    armed.delete(timerKey);
    if (timers.delete(timerKey)) store.deleteTimer(executionId, timerKey);
  }

  function recordEvent(key: string, event: HistoryEventInput): number {
    // A lean run's interpreter numbers its events itself and never calls this.
    if (closed || lean) return lastEventId;
    // The runtime writes ExecutionStarted with the execution row; the interpreter may ask again.
    if (event.type === 'ExecutionStarted') return 1;
    let eventKey = key;
    if (isTerminalEventType(event.type)) {
      eventKey = `${key}~${generation}`;
      terminalRecorded = true;
    }
    const known = eventIds.get(eventKey);
    if (known !== undefined) return known;
    if (lastEventId >= maxHistoryEvents - 1) {
      end({
        status: 'FAILED',
        error: 'States.Runtime',
        cause: `The execution reached the maximum number of history events (${maxHistoryEvents}).`,
      });
      return lastEventId;
    }
    const id = ++lastEventId;
    const previousId = (event.previousKey !== undefined && eventIds.get(event.previousKey)) || id - 1;
    eventIds.set(eventKey, id);
    store.appendEvent(
      executionId,
      { id, key: eventKey, type: event.type, timestamp: clock.now(), details: event.details, previousId },
      row.startDate,
      documents,
    );
    return id;
  }

  function issueTaskToken(key: string): string {
    const journalKey = `token:${key}`;
    const known = journal.get(journalKey);
    if (typeof known === 'string') return known;
    const token = randomBytes(48).toString('base64url');
    put(journalKey, token);
    return token;
  }

  function waitUntil(timerKey: string, at: number): Promise<void> {
    return new Promise((resolve, reject) => {
      arm(timerKey, at, resolve);
      armed.get(timerKey)!.reject = reject;
    });
  }

  async function sleepUntil(key: string, wakeAt: Date): Promise<void> {
    const journalKey = `sleep:${key}`;
    if (journal.has(journalKey)) return;
    throwIfStopped();
    const at = timers.get(journalKey) ?? wakeAt.getTime();
    if (at > clock.now()) await waitUntil(journalKey, at);
    throwIfStopped();
    disarm(journalKey);
    put(journalKey, true);
  }

  function settleTask(
    key: string,
    outcome: TaskOutcome,
    tokenStatus: 'DONE' | 'TIMED_OUT' = 'DONE',
  ): boolean {
    const journalKey = `task:${key}`;
    if (closed || journal.has(journalKey)) return false;
    put(journalKey, outcome);
    disarm(`timeout:${key}`);
    disarm(`heartbeat:${key}`);
    const token = tokensByTask.get(key);
    if (token) store.setTokenStatus(token, tokenStatus);
    const waiter = waiters.get(key);
    waiters.delete(key);
    // The interpreter may move on before the commit: nothing outside sees its next steps until the
    // next task, which waits for the commit first. A crash in between replays them identically.
    waiter?.resolve(outcome);
    return true;
  }

  // Not an async function: its frame and the promise of each await were a good part of what a
  // task allocates, and every durable execution runs several.
  function runTask(key: string, request: TaskRequest): Promise<TaskOutcome> {
    const journalKey = `task:${key}`;
    const known = journal.get(journalKey) as TaskOutcome | undefined;
    if (known) return Promise.resolve(known);
    if (closed) return Promise.reject(stopped());
    const callback = services.isCallback(request.resource);
    const outcome = new Promise<TaskOutcome>((resolve, reject) => {
      waiters.set(key, { resolve, reject });
    });
    let token: string | undefined;
    if (callback) token = registerToken(key, request);
    if (request.timeoutSeconds !== undefined)
      arm(`timeout:${key}`, clock.now() + request.timeoutSeconds * 1000, () =>
        settleTask(key, { ok: false, error: 'States.Timeout' }, 'TIMED_OUT'),
      );
    // Everything before this task (earlier outcomes, its events, its token) is committed before the
    // world can see the task: a crash can then only repeat it (at-least-once), never contradict it.
    store.batch.durable().then(
      () => {
        if (journal.has(journalKey) || (callback && journal.has(`sent:${key}`))) return;
        const invocation = { request, executionArn: arn, key, token, signal: controller.signal };
        services.invokeTask(invocation).then(
          (result) => {
            if (!callback || !result.ok) settleTask(key, result);
            else if (!closed && !journal.has(journalKey)) put(`sent:${key}`, true);
          },
          (error: Error) => settleTask(key, { ok: false, error: error.name, cause: error.message }),
        );
      },
      (error: unknown) => {
        // The commit failed: the task is not invoked, and the interpreter gets the failure.
        const waiter = waiters.get(key);
        waiters.delete(key);
        waiter?.reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return outcome;
  }

  function registerToken(key: string, request: TaskRequest): string {
    const task = request.context['Task'] as { Token?: unknown } | undefined;
    const token = typeof task?.Token === 'string' ? task.Token : issueTaskToken(`${key}/token`);
    tokensByTask.set(key, token);
    const existing = options.fresh ? undefined : store.tokenForTask(executionId, key);
    const heartbeatSeconds = request.heartbeatSeconds ?? null;
    if (!existing || existing.token !== token) {
      store.insertToken({
        token,
        executionId,
        key,
        status: 'PENDING',
        heartbeatSeconds,
        heartbeatDeadline: heartbeatSeconds === null ? null : clock.now() + heartbeatSeconds * 1000,
      });
    }
    if (heartbeatSeconds !== null) {
      const deadline = existing?.heartbeatDeadline ?? clock.now() + heartbeatSeconds * 1000;
      armHeartbeat(key, deadline);
    }
    return token;
  }

  function armHeartbeat(key: string, deadline: number) {
    const timerKey = `heartbeat:${key}`;
    disarm(timerKey);
    arm(timerKey, deadline, () =>
      settleTask(key, { ok: false, error: 'States.HeartbeatTimeout' }, 'TIMED_OUT'),
    );
  }

  function heartbeat(token: string, deadline: number) {
    for (const [key, known] of tokensByTask) if (known === token) armHeartbeat(key, deadline);
  }

  function release(interrupt: boolean) {
    closed = true;
    // An execution that ended by itself has nothing left to interrupt (and errors cost a stack trace each).
    if (!interrupt && armed.size === 0 && waiters.size === 0) return;
    const reason = stopped();
    controller.abort(reason);
    for (const [, entry] of armed) {
      entry.cancel();
      entry.reject?.(reason);
    }
    for (const [, waiter] of waiters) waiter.reject(reason);
    armed.clear();
    waiters.clear();
  }

  function detach() {
    if (closed) return;
    release(true);
    resolveDone();
  }

  function end(state: FinalState, fromInterpreter = false) {
    if (closed) return;
    release(!fromInterpreter);
    const output = state.status === 'SUCCEEDED' ? JSON.stringify(state.output ?? null) : null;
    if (!lean && !(fromInterpreter && terminalRecorded)) {
      const event = terminalEvent(state, output);
      const id = ++lastEventId;
      store.appendEvent(
        executionId,
        {
          id,
          key: `$execution/${event.type}~${generation}`,
          type: event.type,
          timestamp: clock.now(),
          details: event.details,
          previousId: id - 1,
        },
        row.startDate,
        documents,
      );
    }
    const close = {
      status: state.status,
      output,
      error: state.error ?? null,
      cause: state.cause ?? null,
      stopDate: clock.now(),
    };
    store.closeExecution(executionId, close);
    // A fresh execution that issued no token and armed no timer has nothing to clean up.
    if (!options.fresh || tokensByTask.size > 0) store.closeTokens(executionId);
    if (!options.fresh || timersUsed) store.deleteTimers(executionId);
    const closedRow = { ...row, ...close };
    services.onClosed?.(closedRow);
    store.batch.durable().then(
      () => resolveDone(closedRow),
      () => resolveDone(),
    );
  }

  if (options.timeoutSeconds !== undefined) {
    const since = row.redriveDate ?? row.startDate;
    arm(`execution-timeout:${generation}`, since + options.timeoutSeconds * 1000, () =>
      end({
        status: 'TIMED_OUT',
        error: 'States.Timeout',
        cause: 'The execution timed out (TimeoutSeconds).',
      }),
    );
  }

  const effects: ExecutionEffects = {
    recordEvent,
    runTask,
    sleepUntil,
    now(key) {
      const journalKey = `now:${key}`;
      const known = journal.get(journalKey);
      if (typeof known === 'number') return new Date(known);
      const now = clock.now();
      put(journalKey, now);
      return new Date(now);
    },
    uuid(key) {
      const journalKey = `uuid:${key}`;
      const known = journal.get(journalKey);
      if (typeof known === 'string') return known;
      const uuid = randomUUID();
      put(journalKey, uuid);
      return uuid;
    },
    issueTaskToken,
    signal: controller.signal,
    countsEventsOnly: lean,
  };
  if (services.readItems) {
    const readItems = services.readItems;
    effects.readItems = async (key, reader) => {
      const journalKey = `items:${key}`;
      const known = journal.get(journalKey);
      if (Array.isArray(known)) return known;
      throwIfStopped();
      const items = await readItems(reader, controller.signal);
      put(journalKey, items);
      await store.batch.durable();
      return items;
    };
  }
  if (services.writeResults) {
    const writeResults = services.writeResults;
    effects.writeResults = async (key, writer, results) => {
      const journalKey = `results:${key}`;
      const known = journal.get(journalKey) as ResultWriterDetails | undefined;
      if (known) return known;
      throwIfStopped();
      const details = await writeResults(writer, results);
      put(journalKey, details);
      await store.batch.durable();
      return details;
    };
  }

  return {
    arn,
    effects,
    get closed() {
      return closed;
    },
    done,
    settleTask,
    heartbeat,
    end,
    detach,
  };
}
