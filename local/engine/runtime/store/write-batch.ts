import type { DatabaseSync } from 'node:sqlite';

/**
 * Groups the writes of one event-loop turn into a single transaction. Executions running side by
 * side each append events and journal entries; committing them together is what makes the engine
 * fast with durability on. `durable()` resolves once everything queued so far is committed.
 */
export interface WriteBatch {
  enqueue(write: () => void): void;
  durable(): Promise<void>;
  /** Commits what is queued now (reads call it first, so they see every write). */
  flushNow(): void;
  /** Runs `work` in its own transaction after flushing the queue. */
  transaction<T>(work: () => T): T;
}

export function createWriteBatch(db: DatabaseSync): WriteBatch {
  let queued: Array<() => void> = [];
  let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  let scheduled = false;

  const inTransaction = <T>(work: () => T): T => {
    db.exec('BEGIN');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };

  const flushNow = () => {
    scheduled = false;
    const writes = queued;
    const waiters = waiting;
    queued = [];
    waiting = [];
    try {
      if (writes.length > 0)
        inTransaction(() => {
          for (const write of writes) write();
        });
    } catch (error) {
      for (const waiter of waiters) waiter.reject(error);
      throw error;
    }
    for (const waiter of waiters) waiter.resolve();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    // setImmediate, not a microtask: every promise continuation of this turn joins the same commit.
    setImmediate(() => {
      if (scheduled) flushNow();
    });
  };

  return {
    enqueue(write) {
      queued.push(write);
      schedule();
    },
    durable() {
      if (queued.length === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        schedule();
      });
    },
    flushNow,
    transaction(work) {
      flushNow();
      return inTransaction(work);
    },
  };
}
