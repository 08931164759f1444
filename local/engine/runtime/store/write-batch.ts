import type { DatabaseSync } from 'node:sqlite';

/**
 * Groups the writes of one event-loop turn into a single transaction. The transaction opens at
 * the first write and commits on `setImmediate`, so every promise continuation of the turn (the
 * events and journal entries of all the executions running side by side) joins one commit; reads
 * on the same connection see the writes at once. `durable()` resolves once what was written so
 * far is committed: the runtime waits for it before the world can see a step (a task invoked, an
 * outcome acted on, an API response sent).
 */
export interface WriteBatch {
  /** Runs a write inside the turn's transaction. */
  write<T>(work: () => T): T;
  /** Runs several writes as one unit (a savepoint inside the turn's transaction). */
  atomic<T>(work: () => T): T;
  durable(): Promise<void>;
  /** Commits now. */
  flushNow(): void;
  /** Runs `hook` inside every transaction just before it commits (to write what was buffered). */
  beforeCommit(hook: () => void): void;
}

export function createWriteBatch(db: DatabaseSync): WriteBatch {
  let open = false;
  let scheduled = false;
  let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  const hooks: Array<() => void> = [];

  const flushNow = () => {
    scheduled = false;
    const waiters = waiting;
    waiting = [];
    if (open) {
      try {
        for (const hook of hooks) hook();
        db.exec('COMMIT');
      } catch (error) {
        // Nothing of this turn is durable: its waiters fail, and a replay redoes the steps.
        if (db.isTransaction) db.exec('ROLLBACK');
        for (const waiter of waiters) waiter.reject(error);
        throw error;
      } finally {
        open = false;
      }
    }
    for (const waiter of waiters) waiter.resolve();
  };

  const begin = () => {
    if (open) return;
    db.exec('BEGIN');
    open = true;
    if (scheduled) return;
    scheduled = true;
    // setImmediate, not a microtask: every promise continuation of this turn joins the same commit.
    setImmediate(() => {
      if (!scheduled) return;
      try {
        flushNow();
      } catch (error) {
        // The waiters already carry the failure to the executions concerned.
        console.error('Engine store: commit failed', error);
      }
    });
  };

  return {
    write(work) {
      begin();
      return work();
    },
    atomic(work) {
      begin();
      db.exec('SAVEPOINT atomic_write');
      try {
        const result = work();
        db.exec('RELEASE atomic_write');
        return result;
      } catch (error) {
        db.exec('ROLLBACK TO atomic_write');
        db.exec('RELEASE atomic_write');
        throw error;
      }
    },
    durable() {
      if (!open) return Promise.resolve();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    flushNow,
    beforeCommit(hook) {
      hooks.push(hook);
    },
  };
}
