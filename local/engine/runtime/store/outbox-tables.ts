import type { Database } from './database.ts';

/** Status-change events waiting for their listener (see runtime/outbox.ts). */
export function outboxTables({ sql, readAll, write, batch }: Database) {
  return {
    /** Joins the turn's commit, so the event is stored with the change it tells of. */
    insertStatusEvent: (detail: string): number =>
      batch.write(() =>
        Number(sql('INSERT INTO status_events (detail) VALUES (?)').run(detail).lastInsertRowid),
      ),
    deleteStatusEvent(id: number) {
      write('DELETE FROM status_events WHERE id = ?', id);
    },
    pendingStatusEvents: () =>
      readAll<{ id: number; detail: string }>('SELECT id, detail FROM status_events ORDER BY id'),
  };
}
