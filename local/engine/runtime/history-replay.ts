import { randomUUID } from 'node:crypto';
import type { ExecutionEffects, HistoryEventInput, RunExecution, TaskOutcome } from '../contract.ts';
import { type FinalState, isTerminalEventType, optional, terminalEvent } from './final-state.ts';
import type { JournalEntry } from './store/replay-tables.ts';
import type { EventRow, ExecutionRow } from './store/rows.ts';

export type HistoryEvent = EventRow<Record<string, unknown>>;

export interface HistoryReplay {
  row: ExecutionRow;
  definition: Record<string, unknown>;
  roleArn: string;
  stateMachineName: string;
  journal: JournalEntry[];
  runExecution: RunExecution;
}

/** The ExecutionStarted event as the runtime writes it when the history is stored. */
export function startedEvent(row: ExecutionRow, roleArn: string): HistoryEvent {
  return {
    id: 1,
    key: '$execution/ExecutionStarted',
    type: 'ExecutionStarted',
    timestamp: row.startDate,
    details: {
      executionStartedEventDetails: {
        input: row.input,
        inputDetails: { truncated: false },
        roleArn,
        stateMachineArn: row.stateMachineArn,
        ...(row.versionArn && { stateMachineVersionArn: row.versionArn }),
      },
    },
    previousId: 0,
  };
}

const never = new Promise<never>(() => undefined);

/**
 * Rebuilds the history of an execution that stored only its journal, by running the interpreter
 * again against it: every effect is answered from the journal, and the events the interpreter
 * records are the ones it recorded the first time, with the same ids (a sequential execution's
 * events follow from its journal alone). Replay stops at the first effect the journal does not
 * answer (the step the execution is at); a closed execution then gets the terminal event its row
 * tells (stopped, timed out). Events take the time of the latest journal entry before them: the
 * states between two effects ran within the same moment.
 */
export async function replayHistory(replay: HistoryReplay): Promise<HistoryEvent[]> {
  const { row } = replay;
  const entries = new Map(replay.journal.map((entry) => [entry.key, entry]));
  const events: HistoryEvent[] = [startedEvent(row, replay.roleArn)];
  const ids = new Map<string, number>();
  let time = row.startDate;
  let stall!: () => void;
  const stalled = new Promise<'stalled'>((resolve) => {
    stall = () => resolve('stalled');
  });

  /** The journaled outcome under `key` (moving the replay's time to when it was journaled). */
  const take = (key: string): { value: unknown } | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.at !== undefined && entry.at > time) time = entry.at;
    return { value: JSON.parse(entry.outcome) as unknown };
  };

  const effects: ExecutionEffects = {
    signal: new AbortController().signal,
    recordEvent(key: string, event: HistoryEventInput): number {
      if (event.type === 'ExecutionStarted') return 1;
      const known = ids.get(key);
      if (known !== undefined) return known;
      const id = events.length + 1;
      const previousId = (event.previousKey !== undefined && ids.get(event.previousKey)) || id - 1;
      ids.set(key, id);
      // Keyed as the session keys them when it stores events (a redrive then finds them).
      const storedKey = isTerminalEventType(event.type) ? `${key}~${row.redriveCount}` : key;
      events.push({
        id,
        key: storedKey,
        type: event.type,
        timestamp: time,
        details: event.details,
        previousId,
      });
      return id;
    },
    runTask(key) {
      const outcome = take(`task:${key}`);
      if (!outcome) {
        stall();
        return never;
      }
      return Promise.resolve(outcome.value as TaskOutcome);
    },
    sleepUntil(key) {
      if (!take(`sleep:${key}`)) {
        stall();
        return never;
      }
      return Promise.resolve();
    },
    now(key) {
      const known = take(`now:${key}`)?.value;
      return new Date(typeof known === 'number' ? known : time);
    },
    uuid(key) {
      const known = take(`uuid:${key}`)?.value;
      return typeof known === 'string' ? known : randomUUID();
    },
    issueTaskToken(key) {
      const known = take(`token:${key}`)?.value;
      return typeof known === 'string' ? known : randomUUID();
    },
  };

  const input = JSON.parse(row.input) as unknown;
  const ended = replay
    .runExecution({
      definition: replay.definition,
      input,
      execution: {
        Id: row.arn,
        Name: row.name,
        RoleArn: replay.roleArn,
        StartTime: new Date(row.startDate).toISOString(),
        RedriveCount: row.redriveCount,
        Input: input,
      },
      stateMachine: { Id: row.versionArn ?? row.stateMachineArn, Name: replay.stateMachineName },
      effects,
    })
    .then(
      () => 'ended' as const,
      () => 'crashed' as const,
    );
  await Promise.race([ended, stalled]);
  if (row.status === 'RUNNING') return events;
  const last = events.at(-1)!;
  if (isTerminalEventType(last.type)) last.timestamp = row.stopDate ?? time;
  else {
    // Ended from outside the interpreter (StopExecution, the execution timeout, a runtime failure).
    const final = optional(
      { status: row.status } as FinalState,
      row.error ?? undefined,
      row.cause ?? undefined,
    );
    const terminal = terminalEvent(final, row.output);
    const id = events.length + 1;
    events.push({
      id,
      key: `$execution/${terminal.type}~${row.redriveCount}`,
      type: terminal.type,
      timestamp: row.stopDate ?? time,
      details: terminal.details,
      previousId: id - 1,
    });
  }
  return events;
}
