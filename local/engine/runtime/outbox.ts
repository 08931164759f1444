import {
  type ExecutionStatusChangeDetail,
  type ExecutionStatusChangeListener,
  statusChangeDetail,
} from './status-change.ts';
import type { ExecutionRow } from './store/rows.ts';
import type { Store } from './store/sqlite-store.ts';

/**
 * Status-change events delivered at least once, as EventBridge receives them from Step Functions.
 * Each event is stored in the commit that makes the change, handed to the listener once that
 * commit is durable, and deleted when the listener has taken it (returned, or its promise
 * resolved). A listener that throws or rejects, or a crash or a stop before it took the event,
 * leaves the event stored: the next start hands it over again (`redeliver`).
 */
export function createStatusChangeOutbox(options: {
  store: Store;
  listener: ExecutionStatusChangeListener | undefined;
  /** Events it refuses are neither stored nor delivered (default: every event). */
  filter: ((detail: ExecutionStatusChangeDetail) => boolean) | undefined;
}) {
  const { store, listener, filter } = options;
  let closed = false;

  const taken = (id: number) => {
    // A listener may settle after the engine closed: the event then waits for the next start.
    if (!closed) store.deleteStatusEvent(id);
  };

  function deliver(id: number, detail: ExecutionStatusChangeDetail) {
    if (closed || !listener) return;
    let result: unknown;
    try {
      result = listener(detail);
    } catch {
      // A listener's failure never disturbs an execution: the event stays for the next start.
      return;
    }
    if (!(result instanceof Promise)) return taken(id);
    result.then(
      () => taken(id),
      () => undefined,
    );
  }

  function wanted(detail: ExecutionStatusChangeDetail): boolean {
    if (!filter) return true;
    try {
      return filter(detail);
    } catch {
      // A broken filter loses nothing: the event goes to the listener.
      return true;
    }
  }

  return {
    /** Tells of the row's new status; call it in the same turn as the write that changes it. */
    announce(row: ExecutionRow) {
      if (!listener || closed) return;
      const detail = statusChangeDetail(row);
      if (!wanted(detail)) return;
      const id = store.insertStatusEvent(JSON.stringify(detail));
      store.batch.durable().then(
        () => deliver(id, detail),
        // The change itself was not committed: there is nothing to tell.
        () => undefined,
      );
    },
    /** Hands over the events an earlier run stored and its listener did not take (call before any new one). */
    redeliver() {
      if (!listener) return;
      for (const event of store.pendingStatusEvents())
        deliver(event.id, JSON.parse(event.detail) as ExecutionStatusChangeDetail);
    },
    close() {
      closed = true;
    },
  };
}
