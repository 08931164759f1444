import type { DatabaseSync } from 'node:sqlite';
import { encodeEvent } from './event-codec.ts';

/**
 * Stores written before the log table kept history events (whole JSON objects, one table) and the
 * journal (another table) apart: their rows move to `log_chunks`, events in the compact lines of
 * event-codec.ts, and the old tables go. Runs once, at open, in one transaction.
 */
export function migrateLog(db: DatabaseSync): void {
  const old = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('event_chunks', 'journal_chunks')",
    )
    .all()
    .map((row) => String(row['name']));
  if (old.length === 0) return;
  const insert = db.prepare(
    'INSERT INTO log_chunks (execution_id, first_id, last_id, lines) VALUES (?, ?, ?, ?)',
  );
  db.exec('BEGIN');
  try {
    if (old.includes('event_chunks')) {
      const chunks = db.prepare(
        `SELECT c.execution_id AS executionId, c.first_id AS firstId, c.last_id AS lastId, c.events,
           e.start_date AS startDate FROM event_chunks c JOIN executions e ON e.id = c.execution_id
         ORDER BY c.execution_id, c.first_id`,
      );
      for (const chunk of chunks.iterate()) {
        const startDate = Number(chunk['startDate']);
        const lines = String(chunk['events'])
          .split('\n')
          .map((line) => encodeEvent(JSON.parse(line), startDate, undefined));
        insert.run(
          Number(chunk['executionId']),
          Number(chunk['firstId']),
          Number(chunk['lastId']),
          lines.join('\n'),
        );
      }
      db.exec('DROP TABLE event_chunks');
    }
    if (old.includes('journal_chunks')) {
      db.exec(
        `INSERT INTO log_chunks (execution_id, first_id, last_id, lines)
         SELECT execution_id, 0, 0, entries FROM journal_chunks ORDER BY rowid`,
      );
      db.exec('DROP TABLE journal_chunks');
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
