import type { SQLInputValue } from 'node:sqlite';
import { openDatabase } from './database.ts';
import { executionTables } from './execution-tables.ts';
import { historyTables } from './history-tables.ts';
import { outboxTables } from './outbox-tables.ts';
import { replayTables } from './replay-tables.ts';
import { stateMachineTables } from './state-machine-tables.ts';

export type { ExecutionPageQuery } from './execution-tables.ts';
export type { JournalEntry } from './replay-tables.ts';

/** The SQLite store behind the engine: prepared statements, writes batched per event-loop turn. */
export type Store = ReturnType<typeof openStore>;

export function openStore(path: string) {
  const database = openDatabase(path);
  const { db, batch, sql, readAll } = database;
  const history = historyTables(database);
  const replay = replayTables(database, history);
  return {
    batch,
    ...stateMachineTables(database),
    ...executionTables(database, history),
    ...history,
    ...replay,
    ...outboxTables(database),
    close() {
      batch.flushNow();
      db.close();
    },
    /** Drops an execution and everything it wrote (Express runs, kept in memory only while they run). */
    purgeExecution(id: number) {
      batch.atomic(() => {
        history.dropPending(id);
        for (const table of ['log_chunks', 'tokens', 'timers'])
          sql(`DELETE FROM ${table} WHERE execution_id = ?`).run(id);
        sql('DELETE FROM executions WHERE id = ?').run(id);
      });
    },
    /** For tests and tools: raw access to the database (read-only use). */
    raw: (text: string, ...params: SQLInputValue[]) =>
      readAll<Record<string, SQLInputValue>>(text, ...params),
  };
}
