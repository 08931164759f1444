import type { Clock, RunExecution, TaskOutcome } from '../contract.ts';
import { parseStateMachineArn } from './arns.ts';
import {
  ExecutionDoesNotExistError,
  ExecutionNotRedrivableError,
  InvalidOutputError,
  InvalidTokenError,
  TaskDoesNotExistError,
  TaskTimedOutError,
} from './errors.ts';
import { finalStateOf, optional } from './final-state.ts';
import { type HistoryEvent, replayHistory, startedEvent } from './history-replay.ts';
import { createStatusChangeOutbox } from './outbox.ts';
import { tasksToRetry } from './redrive-plan.ts';
import { createSession, type Session, type SessionServices } from './session.ts';
import type { ExecutionStatusChangeDetail, ExecutionStatusChangeListener } from './status-change.ts';
import type { ExecutionRow, StateMachineRow } from './store/rows.ts';
import type { Store } from './store/sqlite-store.ts';

export interface RuntimeOptions extends Omit<SessionServices, 'store' | 'clock'> {
  store: Store;
  clock: Clock;
  runExecution: RunExecution;
  /** Told of every start, end and redrive (the events Step Functions sends to EventBridge), at least once. */
  onStatusChange?: ExecutionStatusChangeListener;
  /** The status changes the listener wants: the others are neither stored nor delivered. */
  statusChangeFilter?: (detail: ExecutionStatusChangeDetail) => boolean;
  /**
   * Executions of sequential definitions (no Parallel, no Map) store their journal only and their
   * history is rebuilt by replay when it is read (default true); false stores every event.
   */
  historyByReplay?: boolean;
}

export interface NewExecution {
  arn: string;
  name: string;
  stateMachine: StateMachineRow;
  versionArn: string | null;
  revisionId: string;
  /** The input as sent (JSON text) and parsed once. */
  input: string;
  parsedInput: unknown;
  parentArn: string | null;
}

/** Runs executions durably: starts, replays after a restart, stops, redrives, answers callbacks. */
export type Runtime = ReturnType<typeof createRuntime>;

export function createRuntime(options: RuntimeOptions) {
  const { store, clock, runExecution } = options;
  const sessions = new Map<string, Session>();
  const outbox = createStatusChangeOutbox({
    store,
    listener: options.onStatusChange,
    filter: options.statusChangeFilter,
  });
  // The end's event is stored in the same commit as the end.
  const services: SessionServices = { ...options, store, clock, onClosed: (row) => outbox.announce(row) };
  const revisions = new Map<
    string,
    { definition: Record<string, unknown>; roleArn: string; sequential: boolean }
  >();
  /** Histories rebuilt lately, with the status and journal they were rebuilt from, the latest last. */
  const replayed = new Map<number, { signature: string; events: HistoryEvent[] }>();
  let closing = false;

  // Revisions never change once written: their parsed definitions and roles are kept.
  const definitionOf = (revisionId: string) => revisionOf(revisionId).definition;
  const roleOf = (revisionId: string) => revisionOf(revisionId).roleArn;
  function revisionOf(revisionId: string) {
    let revision = revisions.get(revisionId);
    if (!revision) {
      const row = store.getRevision(revisionId);
      if (!row) throw new Error(`Definition revision ${revisionId} is missing from the store`);
      const definition = JSON.parse(row.definition) as Record<string, unknown>;
      revision = { definition, roleArn: row.roleArn, sequential: isSequential(definition) };
      revisions.set(revisionId, revision);
    }
    return revision;
  }

  function launch(row: ExecutionRow, fresh: boolean, roleArn: string, parsedInput?: unknown) {
    const definition = definitionOf(row.revisionId);
    const timeoutSeconds =
      typeof definition['TimeoutSeconds'] === 'number' ? definition['TimeoutSeconds'] : undefined;
    const session = createSession(row, services, { fresh, timeoutSeconds });
    sessions.set(row.arn, session);
    session.done.then(() => {
      if (sessions.get(row.arn) === session) sessions.delete(row.arn);
    });
    const input = parsedInput === undefined ? JSON.parse(row.input) : parsedInput;
    const stateMachineName = parseStateMachineArn(row.stateMachineArn).name;
    runExecution({
      definition,
      input,
      execution: {
        Id: row.arn,
        Name: row.name,
        RoleArn: roleArn,
        StartTime: new Date(row.startDate).toISOString(),
        RedriveCount: row.redriveCount,
        Input: input,
      },
      stateMachine: { Id: row.versionArn ?? row.stateMachineArn, Name: stateMachineName },
      effects: session.effects,
    }).then(
      (result) => session.end(finalStateOf(result), true),
      (error: Error) =>
        session.end({ status: 'FAILED', error: 'States.Runtime', cause: error.message }, true),
    );
    return session;
  }

  const executionOrThrow = (arn: string) => {
    const row = store.getExecution(arn);
    if (!row) throw new ExecutionDoesNotExistError(`Execution Does Not Exist: '${arn}'`);
    return row;
  };

  function pendingTask(token: string) {
    if (typeof token !== 'string' || token.length < 1 || token.length > 2048)
      throw new InvalidTokenError('Invalid Token: the task token is malformed');
    const row = store.getToken(token);
    if (!row) throw new TaskDoesNotExistError('Task Does Not Exist: no task has this token');
    const session = sessions.get(row.executionArn);
    if (row.status !== 'PENDING' || !session || session.closed)
      throw new TaskTimedOutError("Task Timed Out: 'Provided task does not exist anymore'");
    return { row, session };
  }

  function settle(token: string, outcome: TaskOutcome) {
    const { row, session } = pendingTask(token);
    if (!session.settleTask(row.key, outcome))
      throw new TaskTimedOutError("Task Timed Out: 'Provided task does not exist anymore'");
    store.setTokenStatus(token, 'DONE');
    store.batch.flushNow();
  }

  /** The history of an execution whose history is rebuilt by replay (see history-replay.ts). */
  async function historyOf(row: ExecutionRow): Promise<HistoryEvent[]> {
    const journal = store.loadJournal(row.id);
    // The same status and journal make the same history: a paged read replays once, not per page.
    const signature = `${row.status}:${journal.length}:${journal.at(-1)?.key ?? ''}`;
    const cached = replayed.get(row.id);
    if (cached?.signature === signature) return cached.events;
    const revision = revisionOf(row.revisionId);
    const events = await replayHistory({
      row,
      definition: revision.definition,
      roleArn: revision.roleArn,
      stateMachineName: parseStateMachineArn(row.stateMachineArn).name,
      journal,
      runExecution,
    });
    replayed.delete(row.id);
    replayed.set(row.id, { signature, events });
    if (replayed.size > 64) replayed.delete(replayed.keys().next().value!);
    return events;
  }

  return {
    store,
    clock,
    historyOf,
    /** Starts a new execution; its row (and ExecutionStarted, when its history is stored) joins the turn's commit. */
    start(execution: NewExecution): ExecutionRow {
      const fields: Omit<ExecutionRow, 'id'> = {
        arn: execution.arn,
        stateMachineArn: execution.stateMachine.arn,
        versionArn: execution.versionArn,
        revisionId: execution.revisionId,
        name: execution.name,
        status: 'RUNNING',
        input: execution.input,
        output: null,
        error: null,
        cause: null,
        startDate: clock.now(),
        stopDate: null,
        redriveCount: 0,
        redriveDate: null,
        parentArn: execution.parentArn,
        historyByReplay:
          options.historyByReplay !== false && revisionOf(execution.revisionId).sequential ? 1 : 0,
      };
      const roleArn = roleOf(execution.revisionId);
      // Stored as it happens unless the history is rebuilt by replay, which makes the same event.
      const id = store.insertExecution(
        fields,
        fields.historyByReplay ? undefined : startedEvent({ id: 0, ...fields }, roleArn),
      );
      const row: ExecutionRow = { id, ...fields };
      // Its event joins the row's commit; launching may end the execution within this turn.
      outbox.announce(row);
      launch(row, true, roleArn, execution.parsedInput);
      return row;
    },

    getExecution: (arn: string) => store.getExecution(arn),

    /** Resolves with the execution row once it is closed. */
    async waitForExecution(arn: string): Promise<ExecutionRow> {
      const closed = await sessions.get(arn)?.done;
      return closed ?? executionOrThrow(arn);
    },

    stop(arn: string, error?: string, cause?: string): ExecutionRow {
      const row = executionOrThrow(arn);
      if (row.status !== 'RUNNING') return row;
      sessions.get(arn)?.end(optional({ status: 'ABORTED' }, error, cause));
      return executionOrThrow(arn);
    },

    /** Restarts a closed, unsuccessful execution: journaled successes stay, the failure that ended it is retried. */
    async redrive(arn: string): Promise<ExecutionRow> {
      let row = executionOrThrow(arn);
      if (row.status === 'RUNNING' || row.status === 'SUCCEEDED')
        throw new ExecutionNotRedrivableError(`Execution is ${row.status} and cannot be redriven: '${arn}'`);
      if (row.historyByReplay) {
        // A redrive appends to the history and forgets journal entries: the history is stored first.
        const events = await historyOf(row);
        row = executionOrThrow(arn);
        if (row.status === 'RUNNING')
          throw new ExecutionNotRedrivableError(`Execution is RUNNING and cannot be redriven: '${arn}'`);
        if (row.historyByReplay) {
          const { id, startDate } = row;
          store.batch.atomic(() => {
            for (const event of events) store.appendEvent(id, event, startDate, undefined, event.id === 1);
            store.storeHistoryFromNowOn(id);
          });
          replayed.delete(id);
          row = { ...row, historyByReplay: 0 };
        }
      }
      const journal = store.loadJournal(row.id);
      const tokenEntries = new Map(
        journal.filter((entry) => entry.key.startsWith('token:')).map((e) => [e.outcome, e.key]),
      );
      for (const taskKey of tasksToRetry(journal, store.eventKeys(row.id))) {
        store.forgetJournal(row.id, `task:${taskKey}`);
        store.forgetJournal(row.id, `sent:${taskKey}`);
        // A callback asks for a new token: the old one was closed with the execution.
        const token = store.tokenForTask(row.id, taskKey)?.token;
        const tokenKey = token && tokenEntries.get(JSON.stringify(token));
        if (tokenKey) store.forgetJournal(row.id, tokenKey);
      }
      const redriveCount = row.redriveCount + 1;
      const redriveDate = clock.now();
      const lastId = store.lastEventId(row.id);
      store.reopenExecution(row.id, redriveCount, redriveDate);
      store.appendEvent(
        row.id,
        {
          id: lastId + 1,
          key: `$execution/ExecutionRedriven~${redriveCount}`,
          type: 'ExecutionRedriven',
          timestamp: redriveDate,
          details: { executionRedrivenEventDetails: { redriveCount } },
          previousId: lastId,
        },
        row.startDate,
      );
      const reopened: ExecutionRow = {
        ...row,
        status: 'RUNNING',
        output: null,
        error: null,
        cause: null,
        stopDate: null,
        redriveCount,
        redriveDate,
      };
      outbox.announce(reopened);
      store.batch.flushNow();
      launch(reopened, false, roleOf(reopened.revisionId));
      return reopened;
    },

    sendTaskSuccess(token: string, output: string) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(output);
      } catch {
        throw new InvalidOutputError('Invalid Output: the output is not valid JSON');
      }
      settle(token, { ok: true, output: parsed });
    },

    sendTaskFailure(token: string, error?: string, cause?: string) {
      settle(token, { ok: false, error: error ?? '', ...(cause !== undefined && { cause }) });
    },

    sendTaskHeartbeat(token: string) {
      const { row, session } = pendingTask(token);
      if (row.heartbeatSeconds !== null) {
        // Stored even when the execution is still replaying towards that task: it arms from the store.
        const deadline = clock.now() + row.heartbeatSeconds * 1000;
        store.setHeartbeatDeadline(token, deadline);
        session.heartbeat(token, deadline);
      }
      store.batch.flushNow();
    },

    /** Resumes every RUNNING execution of the store (after a restart or a crash). */
    recover() {
      // First the events the last run's listener did not take: the resumed executions make new ones.
      outbox.redeliver();
      for (const row of store.runningExecutions()) {
        if (sessions.has(row.arn)) continue;
        launch(row, false, roleOf(row.revisionId));
      }
    },

    runningCount: () => sessions.size,

    close() {
      if (closing) return;
      closing = true;
      outbox.close();
      for (const session of sessions.values()) session.detach();
      sessions.clear();
      store.close();
    },
  };
}

/** One thread of states (no Parallel, no Map): its event order follows from its journal alone. */
function isSequential(definition: Record<string, unknown>): boolean {
  const states = definition['States'];
  if (typeof states !== 'object' || states === null) return false;
  return Object.values(states).every((state) => {
    const type = (state as { Type?: unknown }).Type;
    return type !== 'Parallel' && type !== 'Map';
  });
}
