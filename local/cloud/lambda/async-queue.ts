import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** What a queued delivery does: an asynchronous Lambda invocation, or an EventBridge rule's StartExecution. */
export type DeliveryKind = 'lambda-invoke' | 'start-execution';

export interface QueuedDelivery {
  /** Unique per delivery, kept across restarts (a StartExecution uses it as the execution name). */
  deliveryId: string;
  kind: DeliveryKind;
  targetArn: string;
  /** The event (or execution input) as stored: identifiers only, never personal data. */
  event: unknown;
  enqueuedAt: number;
}

/** `done`: the delivery is over (delivered, dead-lettered, or refused for good), its row goes; `keep`: it stays for the next start. */
export type DeliveryResult = 'done' | 'keep';

/** Runs one delivery; `signal` aborts when the queue closes (shutdown). */
export type Deliver = (delivery: QueuedDelivery, signal: AbortSignal) => Promise<DeliveryResult>;

export interface AsyncQueue {
  /** Stores the delivery and commits before returning (it survives a kill from then on), then starts it. */
  enqueue(kind: DeliveryKind, targetArn: string, event: unknown): void;
  /** Starts every delivery left by an earlier run (killed, or stopped mid-delivery), in enqueue order; returns how many. */
  resume(): number;
  /** Deliveries stored and not yet done, including those running now. */
  size(): number;
  /** Resolves once the deliveries running now have settled (tests). */
  settled(): Promise<void>;
  /** Aborts the running deliveries (their rows stay) and closes the file. */
  close(): void;
}

export class AsyncQueueClosedError extends Error {
  constructor() {
    super('The asynchronous delivery queue is closed');
    this.name = 'AsyncQueueClosedError';
  }
}

interface DeliveryRow {
  id: number;
  delivery_id: string;
  kind: DeliveryKind;
  target_arn: string;
  event: string;
  enqueued_at: number;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('lambda-invoke', 'start-execution')),
  target_arn TEXT NOT NULL,
  event TEXT NOT NULL,
  enqueued_at INTEGER NOT NULL
)`;

/**
 * The durable queue of asynchronous deliveries, as Lambda's async invocation queue and EventBridge
 * keep them on AWS: a SQLite file with one row per delivery, written before the event is acted on
 * and deleted once the delivery is done. A kill (SIGKILL, a crash) between the two leaves the row,
 * and `resume()` at the next start delivers it again.
 *
 * At least once, as on AWS: a delivery whose target ran but whose row was not yet deleted when the
 * process died runs a second time after the restart. The handlers are idempotent for that reason;
 * a StartExecution reuses its stored execution name, so the engine answers the running execution
 * instead of starting another.
 */
export function openAsyncQueue(options: {
  path: string;
  deliver: Deliver;
  log(message: string): void;
  now?: () => number;
}): AsyncQueue {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  // A commit is in the WAL once COMMIT returns, so it survives the process being killed; only an
  // OS crash or power loss may lose the last ones (the engine's store makes the same choice).
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  db.exec(SCHEMA);
  const insert = db.prepare(
    'INSERT INTO deliveries (delivery_id, kind, target_arn, event, enqueued_at) VALUES (?, ?, ?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM deliveries WHERE id = ?');
  const leftOver = db.prepare('SELECT * FROM deliveries ORDER BY id');
  const count = db.prepare('SELECT count(*) AS n FROM deliveries');
  const controller = new AbortController();
  const running = new Map<number, Promise<void>>();
  const now = options.now ?? Date.now;
  let closed = false;

  const settle = (id: number, delivery: QueuedDelivery, result: DeliveryResult): void => {
    // Once closed, the row stays whatever the outcome: the next start delivers it again.
    if (result !== 'done' || closed) return;
    try {
      remove.run(id);
    } catch (error) {
      options.log(
        `async delivery to ${delivery.targetArn}: its row was not deleted (${(error as Error).message})`,
      );
    }
  };

  const start = (row: DeliveryRow): void => {
    const delivery: QueuedDelivery = {
      deliveryId: row.delivery_id,
      kind: row.kind,
      targetArn: row.target_arn,
      event: JSON.parse(row.event),
      enqueuedAt: row.enqueued_at,
    };
    // Through an async function, so a deliverer that throws synchronously rejects like any other.
    const run = (async () => options.deliver(delivery, controller.signal))()
      .catch((error: Error): DeliveryResult => {
        // A deliverer that throws has a bug: keep the event rather than lose it.
        options.log(
          `async delivery to ${delivery.targetArn} threw ${error.name}: ${error.message}; kept for the next start`,
        );
        return 'keep';
      })
      .then((result) => settle(row.id, delivery, result))
      .finally(() => running.delete(row.id));
    running.set(row.id, run);
  };

  return {
    enqueue(kind, targetArn, event) {
      if (closed) throw new AsyncQueueClosedError();
      const text = JSON.stringify(event ?? null);
      const deliveryId = randomUUID();
      const enqueuedAt = now();
      // Autocommit: the row is on disk (WAL) when run() returns.
      const id = Number(insert.run(deliveryId, kind, targetArn, text, enqueuedAt).lastInsertRowid);
      start({
        id,
        delivery_id: deliveryId,
        kind,
        target_arn: targetArn,
        event: text,
        enqueued_at: enqueuedAt,
      });
    },
    resume() {
      if (closed) throw new AsyncQueueClosedError();
      const rows = (leftOver.all() as unknown as DeliveryRow[]).filter((row) => !running.has(row.id));
      for (const row of rows) start(row);
      const n = rows.length;
      if (n > 0)
        options.log(`resuming ${n} asynchronous ${n === 1 ? 'delivery' : 'deliveries'} left by the last run`);
      return n;
    },
    size() {
      if (closed) throw new AsyncQueueClosedError();
      return (count.get() as { n: number }).n;
    },
    async settled() {
      while (running.size > 0) await Promise.all(running.values());
    },
    close() {
      if (closed) return;
      closed = true;
      controller.abort();
      db.close();
    },
  };
}
