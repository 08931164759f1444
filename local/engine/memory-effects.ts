import { randomUUID } from 'node:crypto';
import type {
  ExecutionEffects,
  HistoryEventInput,
  ItemReaderRequest,
  MapRunResults,
  ResultWriterDetails,
  ResultWriterRequest,
  TaskOutcome,
  TaskRequest,
} from './contract.ts';

/**
 * ExecutionEffects in memory, with virtual time: `sleepUntil` returns at once and moves the clock
 * forward, so Wait states and retry backoff cost nothing while `now()` still sees them pass.
 * Tasks go to handlers keyed by resource ARN. Used by the conformance corpus, unit tests and the
 * benchmark; the durable runtime implements the same interface over SQLite.
 */

export type TaskHandler = (request: TaskRequest) => Promise<TaskOutcome> | TaskOutcome;

export interface MemoryEffectsOptions {
  /** Task handlers by resource ARN; `*` catches any other. */
  tasks?: Record<string, TaskHandler>;
  /** Virtual start time (default: 2024-01-01T00:00:00Z). */
  startTime?: Date;
  /** Deterministic UUIDs for tests (default: crypto.randomUUID). */
  uuid?: () => string;
  readItems?: (reader: ItemReaderRequest) => Promise<unknown[]>;
  writeResults?: (writer: ResultWriterRequest, results: MapRunResults) => Promise<ResultWriterDetails>;
  /** Run lean, as a runtime that rebuilds history by replay does: events are numbered, none recorded. */
  countsEventsOnly?: boolean;
}

export interface RecordedEvent extends HistoryEventInput {
  id: number;
  key: string;
}

export interface MemoryEffects extends ExecutionEffects {
  readonly events: RecordedEvent[];
  /** Each sleep the interpreter asked for, in order, with the virtual time it was asked at. */
  readonly sleeps: { key: string; from: Date; until: Date }[];
  /** Current virtual time in epoch ms. */
  clock(): number;
  /** Aborts the execution (StopExecution). */
  abort(): void;
}

const DEFAULT_START_TIME = Date.parse('2024-01-01T00:00:00Z');

export function createMemoryEffects(options: MemoryEffectsOptions = {}): MemoryEffects {
  let virtualNow = options.startTime?.getTime() ?? DEFAULT_START_TIME;
  const events: RecordedEvent[] = [];
  const eventIds = new Map<string, number>();
  const sleeps: { key: string; from: Date; until: Date }[] = [];
  const controller = new AbortController();
  const makeUuid = options.uuid ?? randomUUID;
  const tasks = options.tasks ?? {};

  // Methods, not arrow functions: under tsx (esbuild keepNames) each arrow function created here
  // would be named through Object.defineProperty, which costs more than a whole lean state.
  const effects: MemoryEffects = {
    events,
    sleeps,
    signal: controller.signal,
    countsEventsOnly: options.countsEventsOnly === true,
    clock() {
      return virtualNow;
    },
    abort() {
      controller.abort();
    },
    recordEvent(key, event) {
      const existing = eventIds.get(key);
      if (existing !== undefined) return existing;
      const id = events.length + 1;
      events.push({ ...event, id, key });
      eventIds.set(key, id);
      return id;
    },
    async runTask(_key, request) {
      const handler = tasks[request.resource] ?? tasks['*'];
      if (!handler)
        return { ok: false, error: 'States.TaskFailed', cause: `No handler for ${request.resource}` };
      try {
        return await handler(request);
      } catch (error) {
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: name, cause: message };
      }
    },
    async sleepUntil(key, wakeAt) {
      sleeps.push({ key, from: new Date(virtualNow), until: wakeAt });
      virtualNow = Math.max(virtualNow, wakeAt.getTime());
    },
    now() {
      return new Date(virtualNow);
    },
    uuid() {
      return makeUuid();
    },
  };
  if (options.readItems) {
    const readItems = options.readItems;
    effects.readItems = (_key, reader) => readItems(reader);
  }
  if (options.writeResults) {
    const writeResults = options.writeResults;
    effects.writeResults = (_key, writer, results) => writeResults(writer, results);
  }
  return effects;
}
